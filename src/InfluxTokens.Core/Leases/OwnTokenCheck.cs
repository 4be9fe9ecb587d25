using System;
using System.Threading;
using System.Threading.Tasks;
using InfluxTokens.Backends;

namespace InfluxTokens.Leases
{
    /// <summary>
    /// Answers "is this the connection's own token?" for any number of ids with one request: Cloud's lookup by value,
    /// or one list where values or hashes are listed (OSS 2.7, InfluxDB 3 Core). Dedicated and Clustered need none.
    /// Safe to call from several tasks at once.
    /// </summary>
    public sealed class OwnTokenCheck
    {
        private readonly InfluxConnection _connection;
        private readonly object _gate = new object();
        private Task<(bool AllKnown, string? OwnId)>? _resolved;

        public OwnTokenCheck(InfluxConnection connection) => _connection = connection ?? throw new ArgumentNullException(nameof(connection));

        /// <summary>True, false, or null where the server gives no way to tell (then the caller must not assume either).</summary>
        public async Task<bool?> IsOwnAsync(string id, CancellationToken cancellationToken)
        {
            if (_connection.Backend.Features.HasFlag(TokenFeatures.SeparateAdminCredential)) return false;
            Task<(bool, string?)> resolving;
            lock (_gate) resolving = _resolved ??= ResolveAsync(cancellationToken);
            (bool allKnown, string? ownId) resolved;
            try
            {
                resolved = await resolving.ConfigureAwait(false);
            }
            catch
            {
                lock (_gate) if (ReferenceEquals(_resolved, resolving)) _resolved = null; // a failed look-up is tried again next time
                throw;
            }

            if (resolved.ownId is not null && string.Equals(resolved.ownId, id, StringComparison.OrdinalIgnoreCase)) return true;
            return resolved.allKnown ? false : (bool?)null;
        }

        private async Task<(bool AllKnown, string? OwnId)> ResolveAsync(CancellationToken cancellationToken)
        {
            var backend = _connection.Backend;
            var (lookedUp, ownId) = await OwnToken.LookUpAsync(backend, _connection.Token, cancellationToken).ConfigureAwait(false);
            if (lookedUp) return (true, ownId);
            var allKnown = true;
            var recognizer = new OwnToken.Recognizer(_connection.Token, backend.Features);
            await foreach (var token in backend.ListAsync(TokenQuery.All, cancellationToken).ConfigureAwait(false))
            {
                var own = recognizer.Is(token);
                if (own == true) return (true, token.Id);
                if (own is null) allKnown = false;
            }

            return (allKnown, null);
        }
    }
}
