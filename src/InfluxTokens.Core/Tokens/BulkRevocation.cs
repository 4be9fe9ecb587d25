using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using InfluxTokens.Leases;
using InfluxTokens.Tokens.Events;

namespace InfluxTokens.Tokens
{
    /// <summary>
    /// Revoking one token or thousands, as events: each revocation as it finishes (in input order), failures per
    /// token, and the connection's own token refused unless asked for.
    /// </summary>
    public sealed class BulkRevocation : IDisposable
    {
        private readonly BulkRun<RevocationRequest, TokenRevocation> _run;
        private readonly OwnTokenCheck? _own;
        private bool _ownUnknownSaid;

        public BulkRevocation(InfluxConnection connection, RevokeAction action, bool includeConnectionToken, int throttleLimit, CancellationToken cancellationToken)
        {
            var backend = connection.Backend;
            _own = includeConnectionToken ? null : new OwnTokenCheck(connection);
            _run = new BulkRun<RevocationRequest, TokenRevocation>(throttleLimit,
                (r, ct) => TokenRevocation.RevokeAsync(backend, TokenOperations.NormalizeId(r.Id), r.Description, action, ct, listedJustNow: r.ListedJustNow),
                Report, null, r => r.Target, r => r.Label, "Revoking InfluxDB tokens", cancellationToken);
        }

        /// <summary>
        /// Checks <paramref name="request"/> before it is confirmed: the connection's own token is refused (the event
        /// says so); where the server cannot tell which token is the connection's, that is said once.
        /// </summary>
        public async Task<(bool Proceed, BulkEvent? Event)> ScreenAsync(RevocationRequest request, CancellationToken cancellationToken)
        {
            if (_own is null) return (true, null);
            bool? own;
            try
            {
                own = await _own.IsOwnAsync(TokenOperations.NormalizeId(request.Id), cancellationToken).ConfigureAwait(false);
            }
            catch (InfluxTokensException ex)
            {
                return (false, ex.EndsEveryRequest ? new RunStopped(ex, request.Target) : new ItemFailed(ex, request.Target));
            }

            if (own == true) return (false, new ItemFailed(new ConnectionTokenRefusedException(request.Id), request.Target));
            if (own is null && !_ownUnknownSaid)
            {
                _ownUnknownSaid = true;
                return (true, new Notice("This server does not show which token the connection uses: if it is among these, the rest fail once it is revoked.", isWarning: true));
            }

            return (true, null);
        }

        public IEnumerable<BulkEvent> Add(RevocationRequest request) => _run.Add(request);

        public IEnumerable<BulkEvent> Finish()
        {
            foreach (var e in _run.Finish()) yield return e;
            yield return new Notice(_run.Done + " of " + _run.Added + " token(s) revoked or already gone.", isWarning: false);
        }

        private static IEnumerable<BulkEvent> Report(RevocationRequest request, TokenRevocation result)
        {
            if (result.Outcome == RevokeOutcome.AlreadyGone) yield return new Notice(request.Label + " was already gone.", isWarning: false);
            yield return new ItemDone(result);
        }

        public void Dispose() => _run.Dispose();
    }
}
