using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace InfluxTokens.Backends
{
    /// <summary>
    /// A create is never repeated blindly: when its answer is lost (a timeout, a broken connection, a failing
    /// gateway) the server is asked whether the token was made. Made and its value readable: that token is
    /// the result. Made but its value unreadable (InfluxDB Cloud, InfluxDB 3): it is deleted and made again, so
    /// the caller gets a value. Not made: it is made again. More than one match: nothing is made, and the error
    /// names them.
    /// </summary>
    internal static class CreateRecovery
    {
        /// <summary>How far back a match may have been made (server clocks differ from ours).</summary>
        private static readonly TimeSpan Skew = TimeSpan.FromMinutes(10);

        public static async Task<InfluxToken> CreateAsync(ITokenBackend backend, TimeProvider clock, Func<InfluxToken, bool> isOurs,
            Func<CancellationToken, Task<InfluxToken>> create, string what, CancellationToken cancellationToken)
        {
            var started = clock.GetUtcNow();
            try
            {
                return await create(cancellationToken).ConfigureAwait(false);
            }
            catch (InfluxTokensException lost) when (lost.OutcomeUnknown)
            {
                var found = new List<InfluxToken>();
                try
                {
                    await foreach (var t in backend.ListAsync(TokenQuery.All, cancellationToken).ConfigureAwait(false))
                        if (isOurs(t) && (t.CreatedAt is null || t.CreatedAt >= started - Skew)) found.Add(t);
                }
                catch (InfluxTokensException check)
                {
                    throw new InfluxTokensException(lost.Kind,
                        "The answer to creating " + what + " was lost (" + lost.Message + "), and finding out whether it was made failed too ("
                        + check.Message + "). Look for it with Get-InfluxToken before trying again, so as not to make it twice.", check)
                    { OutcomeUnknown = true };
                }

                if (found.Count > 1)
                    throw new InfluxTokensException(InfluxErrorKind.ServerError,
                        "The answer to creating " + what + " was lost (" + lost.Message + "), and " + found.Count + " matching tokens were made around then ("
                        + string.Join(", ", found.Select(t => t.Id)) + "). Nothing more was created: check them and revoke the extra ones.", lost);
                if (found.Count == 1)
                {
                    if (found[0].Secret is not null) return found[0];
                    await backend.DeleteAsync(found[0].Id, cancellationToken).ConfigureAwait(false);
                }

                return await create(cancellationToken).ConfigureAwait(false);
            }
        }

        /// <summary>The same grants, in any order.</summary>
        public static bool SamePermissions(IReadOnlyList<Permission> a, IEnumerable<string> b) =>
            a.Select(p => p.ToString()).OrderBy(s => s, StringComparer.Ordinal).SequenceEqual(b.OrderBy(s => s, StringComparer.Ordinal));
    }
}
