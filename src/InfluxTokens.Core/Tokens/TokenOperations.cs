using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using InfluxTokens.Backends;

namespace InfluxTokens.Tokens
{
    /// <summary>
    /// What each cmdlet does, over one backend. Everything a cmdlet writes comes from here, without token
    /// values: the only value that leaves is in the <see cref="IssuedInfluxToken"/> of <see cref="NewAsync"/>.
    /// </summary>
    public static class TokenOperations
    {
        /// <summary><c>Get-InfluxToken</c>: streams the matching tokens as the server's list is read.</summary>
        public static async IAsyncEnumerable<InfluxToken> GetAsync(ITokenBackend backend, TokenFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await foreach (var token in backend.ListAsync(filter.ToQuery(), cancellationToken).ConfigureAwait(false))
                if (filter.Matches(token)) yield return token.WithoutSecret();
        }

        /// <summary><c>Get-InfluxToken -Id</c>: one token, or null.</summary>
        public static async Task<InfluxToken?> GetByIdAsync(ITokenBackend backend, string id, CancellationToken cancellationToken) =>
            (await backend.GetAsync(id, cancellationToken).ConfigureAwait(false))?.WithoutSecret();

        /// <summary><c>New-InfluxToken</c>: mints, and hands the value out once.</summary>
        public static async Task<IssuedInfluxToken> NewAsync(ITokenBackend backend, TokenSpec spec, bool asPlainText, CancellationToken cancellationToken)
        {
            var created = await backend.CreateAsync(spec, cancellationToken).ConfigureAwait(false);
            return new IssuedInfluxToken(created, asPlainText);
        }

        /// <summary>Refuses an update that changes nothing, contradicts itself, or asks for a status Set cannot give, naming what is accepted.</summary>
        public static void CheckUpdate(TokenUpdate update)
        {
            TokenSpec.EnsureDescriptionLength(update.Description);
            if (update.RemoveExpiry && update.ExpiresAt is not null)
                throw new InfluxTokensException(InfluxErrorKind.InvalidRequest, "Give -NoExpiry or a new expiry, not both.");
            if (update.Status == TokenStatus.Revoked)
                throw new InfluxTokensException(InfluxErrorKind.InvalidRequest, "-Status takes Active or Inactive, not Revoked; to revoke a token use Revoke-InfluxToken.");
            if (update.IsEmpty)
                throw new InfluxTokensException(InfluxErrorKind.InvalidRequest,
                    "Nothing to change: give -Description, -Status, -Permission/-Read/-Write, -ExpiresIn/-ExpiresAt or -NoExpiry.");
        }

        /// <summary><c>Set-InfluxToken</c>.</summary>
        public static async Task<InfluxToken> SetAsync(ITokenBackend backend, string id, TokenUpdate update, CancellationToken cancellationToken)
        {
            CheckUpdate(update);
            return (await backend.UpdateAsync(id, update, cancellationToken).ConfigureAwait(false)).WithoutSecret();
        }

        /// <summary>
        /// The expiry <c>-ExpiresIn</c> or <c>-ExpiresAt</c> asks for, against the connection's clock.
        /// A DateTime without a kind is taken as local time, as PowerShell's Get-Date gives it.
        /// </summary>
        public static DateTimeOffset? ExpiryFrom(InfluxConnection connection, LeaseDuration? expiresIn, DateTime? expiresAt)
        {
            if (expiresIn is not null && expiresAt is not null)
                throw new InfluxTokensException(InfluxErrorKind.InvalidRequest, "Give -ExpiresIn or -ExpiresAt, not both.");
            if (expiresIn is not null) return connection.Clock.GetUtcNow() + expiresIn.Value;
            if (expiresAt is { } at)
            {
                // Through UTC, which clamps at the calendar's ends: DateTime.MaxValue in a zone east of UTC would otherwise overflow.
                var utc = at.Kind == DateTimeKind.Utc ? at : DateTime.SpecifyKind(at, DateTimeKind.Local).ToUniversalTime();
                var when = new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc));
                var now = connection.Clock.GetUtcNow();
                TokenSpec.EnsureInFuture(when, now, "-ExpiresAt");
                LeaseDuration.EnsureWithinMaximum(when, now, "-ExpiresAt");
                return when;
            }

            return null;
        }

        /// <summary>A token id as typed or piped, checked before any request.</summary>
        public static string NormalizeId(string? id)
        {
            var s = (id ?? string.Empty).Trim();
            if (s.Length == 0) throw new InfluxTokensException(InfluxErrorKind.InvalidRequest, "A token id is empty.");
            return s;
        }
    }
}
