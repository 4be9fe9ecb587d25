using System;
using System.Threading;
using System.Threading.Tasks;
using InfluxTokens.Backends;
using InfluxTokens.Text;

namespace InfluxTokens
{
    /// <summary>One token acted on by a revocation or the sweep.</summary>
    public sealed class TokenRevocation
    {
        public TokenRevocation(string id, string? description, RevokeAction action, RevokeOutcome outcome, string? error = null, DateTimeOffset? expiresAt = null)
        {
            Id = id;
            ExpiresAt = expiresAt;
            Description = description ?? string.Empty;
            Action = action;
            Outcome = outcome;
            Error = error;
        }

        public string Id { get; }
        public string Description { get; }

        /// <summary>When the token's lease ended (sweep results).</summary>
        public DateTimeOffset? ExpiresAt { get; }
        public RevokeAction Action { get; }
        public RevokeOutcome Outcome { get; }
        public string? Error { get; }

        public override string ToString() =>
            Display.Safe(Id) + (Description.Length == 0 ? string.Empty : " (" + Display.Safe(Description) + ")") + " " + Action + ": " + Outcome
            + (Error is null ? string.Empty : " (" + Display.Safe(Error) + ")");

        /// <summary>
        /// Revokes one token. A token that a retried request found gone is <see cref="RevokeOutcome.AlreadyGone"/>;
        /// one that was never there is a not-found error, unless <paramref name="listedJustNow"/> says the caller
        /// saw it in a listing a moment ago (the sweep, rotation): then someone else revoked it first, and the goal
        /// is met. Other failures propagate for the caller to report. <paramref name="expiresAt"/> is carried into
        /// the result (the sweep reports when each lease ended).
        /// </summary>
        public static async Task<TokenRevocation> RevokeAsync(ITokenBackend backend, string id, string? description, RevokeAction action, CancellationToken cancellationToken,
            DateTimeOffset? expiresAt = null, bool listedJustNow = true)
        {
            try
            {
                if (action == RevokeAction.Delete)
                {
                    var deleted = await backend.DeleteAsync(id, cancellationToken).ConfigureAwait(false);
                    return new TokenRevocation(id, description, action, deleted ? RevokeOutcome.Revoked : RevokeOutcome.AlreadyGone, null, expiresAt);
                }

                var updated = await backend.UpdateAsync(id, new TokenUpdate { Status = TokenStatus.Inactive }, cancellationToken).ConfigureAwait(false);
                return new TokenRevocation(id, description ?? updated.Description, action, RevokeOutcome.Deactivated, null, expiresAt);
            }
            catch (InfluxApiException ex) when (ex.StatusCode == 404)
            {
                if (!listedJustNow) throw InfluxTokensException.TokenNotFound(id);
                return new TokenRevocation(id, description, action, RevokeOutcome.AlreadyGone, null, expiresAt);
            }
        }
    }
}
