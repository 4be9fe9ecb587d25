using System;
using System.Threading;
using System.Threading.Tasks;
using InfluxTokens.Backends;

namespace InfluxTokens
{
    /// <summary>How a token is revoked: deleted for good, or set inactive (reversible).</summary>
    public enum RevokeAction
    {
        Delete,
        Deactivate,
    }

    /// <summary>What became of one revocation.</summary>
    public enum RevokeOutcome
    {
        /// <summary>Revoked by this request.</summary>
        Revoked,
        /// <summary>It was already gone (another sweeper, an admin): the goal is met, not a failure.</summary>
        AlreadyGone,
        /// <summary>The request failed; <see cref="TokenRevocation.Error"/> says why.</summary>
        Failed,
        /// <summary>No longer due when read again right before revoking (its lease was renewed meanwhile): left alone.</summary>
        Renewed,
    }

    /// <summary>One token acted on by <c>Revoke-InfluxToken</c> or the sweep.</summary>
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

        public override string ToString() => Display.Safe(Id) + " " + Action + ": " + Outcome + (Error is null ? string.Empty : " (" + Display.Safe(Error) + ")");

        /// <summary>
        /// Revokes one token. A 404 means someone else revoked it first: reported as
        /// <see cref="RevokeOutcome.AlreadyGone"/>. Other failures propagate for the caller to report.
        /// <paramref name="expiresAt"/> is carried into the result (the sweep reports when each lease ended).
        /// </summary>
        public static async Task<TokenRevocation> RevokeAsync(ITokenBackend backend, string id, string? description, RevokeAction action, CancellationToken cancellationToken,
            DateTimeOffset? expiresAt = null)
        {
            if (action == RevokeAction.Delete)
            {
                var deleted = await backend.DeleteAsync(id, cancellationToken).ConfigureAwait(false);
                return new TokenRevocation(id, description, action, deleted ? RevokeOutcome.Revoked : RevokeOutcome.AlreadyGone, null, expiresAt);
            }

            try
            {
                var updated = await backend.UpdateAsync(id, new TokenUpdate { Status = TokenStatus.Inactive }, cancellationToken).ConfigureAwait(false);
                return new TokenRevocation(id, description ?? updated.Description, action, RevokeOutcome.Revoked, null, expiresAt);
            }
            catch (InfluxApiException ex) when (ex.StatusCode == 404)
            {
                return new TokenRevocation(id, description, action, RevokeOutcome.AlreadyGone, null, expiresAt);
            }
        }
    }
}
