using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using InfluxTokens.Backends;
using InfluxTokens.Tokens;

namespace InfluxTokens.Leases
{
    /// <summary>
    /// Finds expired leases and revokes them, safely enough to run unattended every few minutes: only tokens
    /// with an expiry (unless asked), never the connection's own token, never more than the limit, and a
    /// token revoked meanwhile by someone else counts as done.
    /// </summary>
    public static class TokenSweeper
    {
        public static async Task<SweepPlan> PlanAsync(InfluxConnection connection, SweepOptions options, CancellationToken cancellationToken) =>
            await PlanAsync(connection.Backend, connection.Token, connection.Clock, options, cancellationToken).ConfigureAwait(false);

        internal static async Task<SweepPlan> PlanAsync(ITokenBackend backend, TokenSecret ownToken, TimeProvider clock, SweepOptions options, CancellationToken cancellationToken)
        {
            if (options.MaxRevocations < 0) throw new ArgumentException("The sweep's revocation limit cannot be negative.");
            if (options.GracePeriod < TimeSpan.Zero) throw new ArgumentException("A grace period cannot be negative.");
            if (options.Action == RevokeAction.Deactivate && !backend.Features.HasFlag(TokenFeatures.Inactive))
                throw new InfluxTokensException(InfluxErrorKind.NotSupported,
                    backend.Product.DisplayName() + " has no inactive tokens: sweep by deleting. Nothing was revoked.");
            var patterns = options.Description.Select(p => new Wildcard(p)).ToList();
            var excluded = new HashSet<string>(options.ExcludeIds, StringComparer.OrdinalIgnoreCase);
            var (lookedUp, ownId) = await OwnToken.LookUpAsync(backend, ownToken, cancellationToken).ConfigureAwait(false);
            var now = clock.GetUtcNow();
            var examined = 0;
            var valuesSeen = lookedUp;
            var due = new List<InfluxToken>();
            var recognizer = new OwnToken.Recognizer(ownToken, backend.Features);
            var allKnown = true;
            var unknownNoExpiryDue = 0;
            await foreach (var token in backend.ListAsync(TokenQuery.All, cancellationToken).ConfigureAwait(false))
            {
                var own = lookedUp ? token.Id == ownId : recognizer.Is(token);
                if (own is null) allKnown = false;
                else valuesSeen = true;
                if (own == true) ownId = token.Id;

                if (patterns.Count > 0 && !Wildcard.AnyMatch(patterns, token.Description)) continue;
                examined++;
                if (excluded.Contains(token.Id) || backend.IsProtected(token) || !IsDue(token, options, now)) continue;
                due.Add(token.WithoutSecret());
                if (own is null && token.ExpiresAt is null) unknownNoExpiryDue++;
            }

            // A token without expiry may be the sweeper's own (the recommended setup): where it cannot be recognised,
            // revoking by age could lock the sweeper out, so the caller must say which tokens to leave alone.
            if (unknownNoExpiryDue > 0 && excluded.Count == 0)
                throw new InfluxTokensException(InfluxErrorKind.InvalidRequest,
                    backend.Product.DisplayName() + " does not show which token this connection uses, and " + unknownNoExpiryDue
                    + " token(s) without expiry are due by age; one may be the connection's own. Nothing was revoked: name the tokens to leave alone "
                    + "(at least the connection's own token id) in the sweep's exclusions.");

            var skipped = ownId is not null && due.Any(t => t.Id == ownId) ? ownId : null;
            var ordered = due.Where(t => t.Id != ownId)
                .OrderBy(t => t.ExpiresAt ?? t.CreatedAt ?? DateTimeOffset.MinValue)
                .ThenBy(t => t.Id, StringComparer.Ordinal)
                .ToList();
            return new SweepPlan(now, examined, ordered, valuesSeen && allKnown, skipped, options);
        }

        /// <summary>
        /// Revokes one planned token after reading it again, so that a lease renewed (or a token changed) since the
        /// plan is left alone and reported <see cref="RevokeOutcome.Renewed"/>. Any failure is returned with its
        /// exception, never thrown, so one token cannot end the run; only cancellation propagates. The re-read runs
        /// outside <paramref name="revocations"/>, so re-reads run ahead of the revocations (<see cref="SweepRun"/>).
        /// </summary>
        internal static async Task<(TokenRevocation Result, Exception? Error)> RevokeAsync(ITokenBackend backend, SweepPlan plan, InfluxToken token,
            SemaphoreSlim revocations, CancellationToken cancellationToken)
        {
            var action = plan.Options.Action;
            try
            {
                // Immutable tokens (InfluxDB 3 Core, Enterprise) cannot be renewed: nothing to re-check, and their only read is a full list.
                if (backend.Features.HasFlag(TokenFeatures.Updatable))
                {
                    var current = await backend.GetAsync(token.Id, cancellationToken).ConfigureAwait(false);
                    if (current is null) return (new TokenRevocation(token.Id, token.Description, action, RevokeOutcome.AlreadyGone, null, token.ExpiresAt), null);
                    if (!IsDue(current, plan.Options, plan.Now))
                        return (new TokenRevocation(token.Id, token.Description, action, RevokeOutcome.Renewed, null, current.ExpiresAt), null);
                }
            }
            catch (Exception ex) when (!(ex is OperationCanceledException && cancellationToken.IsCancellationRequested))
            {
                return (new TokenRevocation(token.Id, token.Description, action, RevokeOutcome.Failed, ex.Message, token.ExpiresAt), ex);
            }

            await revocations.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                return await RevokeAsync(backend, token, action, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                revocations.Release();
            }
        }

        /// <summary>Revokes one token as planned, without reading it again; a failure is returned with its exception, never thrown.</summary>
        internal static async Task<(TokenRevocation Result, Exception? Error)> RevokeAsync(ITokenBackend backend, InfluxToken token, RevokeAction action, CancellationToken cancellationToken)
        {
            try
            {
                return (await TokenRevocation.RevokeAsync(backend, token.Id, token.Description, action, cancellationToken, token.ExpiresAt).ConfigureAwait(false), null);
            }
            catch (Exception ex) when (!(ex is OperationCanceledException && cancellationToken.IsCancellationRequested))
            {
                return (new TokenRevocation(token.Id, token.Description, action, RevokeOutcome.Failed, ex.Message, token.ExpiresAt), ex);
            }
        }

        public static SweepSummary Summarize(SweepPlan plan, IReadOnlyCollection<TokenRevocation> results) => new SweepSummary(
            plan.Now, plan.Examined, plan.ToRevoke.Count,
            results.Count(r => r.Outcome is RevokeOutcome.Revoked or RevokeOutcome.Deactivated),
            results.Count(r => r.Outcome == RevokeOutcome.AlreadyGone),
            results.Count(r => r.Outcome == RevokeOutcome.Failed),
            plan.ExceedsLimit ? plan.ToRevoke.Count : plan.ToRevoke.Count - results.Count,
            plan.SkippedOwnTokenId,
            results.Count(r => r.Outcome == RevokeOutcome.Renewed));

        private static bool IsDue(InfluxToken token, SweepOptions options, DateTimeOffset now)
        {
            if (token.Status == TokenStatus.Revoked) return false;
            if (options.Action == RevokeAction.Deactivate && token.Status == TokenStatus.Inactive) return false;
            if (token.ExpiresAt is { } expires) return expires + options.GracePeriod <= now;
            return options.NoExpiryOlderThan is { } age && token.CreatedAt is { } created && now - created >= age;
        }
    }
}
