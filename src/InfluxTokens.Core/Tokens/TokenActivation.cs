using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using InfluxTokens.Http;

namespace InfluxTokens.Tokens
{
    /// <summary>
    /// Cloud Dedicated and Clustered take "from a few seconds to a few minutes" to activate a new token: until
    /// then it gets 401. This waits until the data API stops refusing it, probing with an empty write to one of
    /// the token's databases: any answer but 401 (204, 400, 403, 404) means the token authenticates.
    /// </summary>
    public static class TokenActivation
    {
        /// <summary>True once the token works; false when it did not within <paramref name="timeout"/> or the check failed (see <see cref="WaitForAsync(InfluxConnection, IssuedInfluxToken, TimeSpan, CancellationToken)"/> for which).</summary>
        public static async Task<bool> WaitAsync(InfluxConnection connection, IssuedInfluxToken token, TimeSpan timeout, CancellationToken cancellationToken) =>
            (await WaitForAsync(connection, token, timeout, cancellationToken).ConfigureAwait(false)).Outcome == ActivationOutcome.Active;

        /// <summary>
        /// Waits until the token works. Never throws for a failed check (an unreachable data URL, a refused probe):
        /// the token is minted whatever happens here, so the caller gets it back with the outcome. Only cancellation propagates.
        /// </summary>
        public static Task<ActivationResult> WaitForAsync(InfluxConnection connection, IssuedInfluxToken token, TimeSpan timeout, CancellationToken cancellationToken) =>
            WaitForAsync(connection, token, timeout, null, null, cancellationToken);

        internal static async Task<ActivationResult> WaitForAsync(InfluxConnection connection, IssuedInfluxToken token, TimeSpan timeout,
            Func<TimeSpan, CancellationToken, Task>? delay, System.Net.Http.HttpMessageHandler? handler, CancellationToken cancellationToken)
        {
            try
            {
                return await ProbeUntilActiveAsync(connection, token, timeout, delay, handler, cancellationToken).ConfigureAwait(false)
                    ? new ActivationResult(ActivationOutcome.Active, null)
                    : new ActivationResult(ActivationOutcome.TimedOut, "Token " + token.Id + " was created but did not work within "
                        + timeout.TotalSeconds.ToString("0", System.Globalization.CultureInfo.InvariantCulture) + " s; it may still activate later.");
            }
            catch (Exception ex) when (!(ex is OperationCanceledException && cancellationToken.IsCancellationRequested))
            {
                return new ActivationResult(ActivationOutcome.CheckFailed, "Token " + token.Id + " was created, but checking whether it works failed ("
                    + ex.Message + "); it may take from a few seconds to a few minutes to activate.", ex);
            }
        }

        /// <returns>True once the token works; false when <paramref name="timeout"/> passed first.</returns>
        private static async Task<bool> ProbeUntilActiveAsync(InfluxConnection connection, IssuedInfluxToken token, TimeSpan timeout,
            Func<TimeSpan, CancellationToken, Task>? delay, System.Net.Http.HttpMessageHandler? handler, CancellationToken cancellationToken)
        {
            delay ??= (d, ct) => Task.Delay(d, ct);
            var value = token.Token is string s ? s : TokenSecret.FromSecureString((System.Security.SecureString)token.Token).Reveal();
            var options = new InfluxServerOptions(connection.DataUrl, new TokenSecret(value))
            {
                Timeout = connection.Timeout,
                SkipCertificateCheck = connection.SkipCertificateCheck,
            };
            using var probe = new InfluxHttpClient(options, Backends.V3.ManagementTokenBackend.DataApiAuthScheme, handler);
            var database = token.Permissions.Select(p => p.Resource.Name).FirstOrDefault(n => !string.IsNullOrEmpty(n) && n != "*") ?? "_influxtokens_probe";
            var clock = connection.Clock;
            var deadline = clock.GetUtcNow() + timeout;
            var wait = TimeSpan.FromSeconds(1);
            while (true)
            {
                try
                {
                    await probe.SendNoContentAsync(System.Net.Http.HttpMethod.Post, "/api/v2/write", cancellationToken, new KeyValuePair<string, string?>("bucket", database)).ConfigureAwait(false);
                    return true;
                }
                catch (InfluxApiException ex) when (ex.StatusCode != 401)
                {
                    return true;
                }
                catch (InfluxApiException)
                {
                    if (clock.GetUtcNow() + wait > deadline) return false;
                }

                await delay(wait, cancellationToken).ConfigureAwait(false);
                wait = TimeSpan.FromTicks(Math.Min(wait.Ticks * 2, TimeSpan.FromSeconds(10).Ticks));
            }
        }
    }
}
