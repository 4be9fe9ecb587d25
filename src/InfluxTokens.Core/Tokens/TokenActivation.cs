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
        public static Task<bool> WaitAsync(InfluxConnection connection, IssuedInfluxToken token, TimeSpan timeout, CancellationToken cancellationToken) =>
            WaitAsync(connection, token, timeout, cancellationToken, null, null);

        /// <returns>True once the token works; false when <paramref name="timeout"/> passed first.</returns>
        internal static async Task<bool> WaitAsync(InfluxConnection connection, IssuedInfluxToken token, TimeSpan timeout, CancellationToken cancellationToken,
            Func<TimeSpan, CancellationToken, Task>? delay, System.Net.Http.HttpMessageHandler? handler)
        {
            delay ??= (d, ct) => Task.Delay(d, ct);
            var value = token.Token is string s ? s : TokenSecret.FromSecureString((System.Security.SecureString)token.Token).Reveal();
            var options = new InfluxServerOptions(connection.DataUrl, new TokenSecret(value))
            {
                Timeout = connection.Timeout,
                SkipCertificateCheck = connection.SkipCertificateCheck,
            };
            using var probe = new InfluxHttpClient(options, "Bearer", handler); // the data API takes database tokens as Bearer
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
