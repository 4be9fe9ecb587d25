using System;
using System.Threading;
using System.Threading.Tasks;
using InfluxTokens.Backends;

namespace InfluxTokens.Leases
{
    /// <summary>
    /// Rotation with overlap: mint a replacement with the same permissions, description, org and owner and a
    /// new lease, then cut the old token's lease down to now + overlap, so the sweep revokes it when the
    /// overlap ends (or revoke it at once when there is no overlap). The old lease is only ever shortened.
    /// </summary>
    public static class TokenRotator
    {
        public static Task<IssuedInfluxToken> RotateAsync(InfluxConnection connection, string oldId, RotationOptions options, CancellationToken cancellationToken) =>
            RotateAsync(connection.Backend, connection.Clock, oldId, options, cancellationToken);

        internal static async Task<IssuedInfluxToken> RotateAsync(ITokenBackend backend, TimeProvider clock, string oldId, RotationOptions options, CancellationToken cancellationToken)
        {
            // Read the old token afresh: a piped object may be stale, and it must still exist.
            var old = await backend.GetAsync(oldId, cancellationToken).ConfigureAwait(false)
                      ?? throw InfluxTokensException.TokenNotFound(oldId, "nothing was rotated");
            var now = clock.GetUtcNow();
            var immutable = !backend.Features.HasFlag(TokenFeatures.Updatable);
            // Decide everything that can fail before minting: nothing may be left half done.
            if (immutable && options.Overlap is { } o && o > TimeSpan.Zero)
                throw new InfluxTokensException(InfluxErrorKind.NotSupported,
                    backend.Product.DisplayName() + " tokens cannot be changed, so the old token's expiry cannot be cut to an overlap: rotate without one, "
                    + "or mint the replacement and revoke the old token when clients have switched. Nothing was rotated.");
            var expiresAt = options.ExpiresAt;
            if (expiresAt is null)
            {
                if (old.ExpiresAt is { } e && old.CreatedAt is { } c && e > c) expiresAt = now + (e - c);
                else
                    throw new InfluxTokensException(InfluxErrorKind.InvalidRequest,
                        "Token " + old.Id + " has no lease to copy the lifetime from; give its replacement an expiry.");
            }

            var description = LeaseMarker.HumanText(old.RawDescription);
            var spec = new TokenSpec
            {
                // Names are unique ids there: the replacement gets a dated one.
                Description = immutable ? RotatedName(old.Id, now) : description,
                Permissions = old.Permissions,
                Org = immutable ? null : old.OrgId,
                User = immutable ? null : old.UserId,
                Preset = immutable && TokenAudit.IsOperator(old.Permissions) ? PermissionPreset.AllAccess : PermissionPreset.None,
                ExpiresAt = expiresAt,
            };
            if (spec.Preset != PermissionPreset.None) spec.Permissions = Array.Empty<Permission>();
            var created = await backend.CreateAsync(spec, cancellationToken).ConfigureAwait(false);

            // The replacement exists from here on: whatever happens to the old token, its value goes back to the caller.
            string? notDone = null;
            InfluxTokensException? failure = null;
            try
            {
                if (options.Overlap is not { } overlap || overlap <= TimeSpan.Zero)
                {
                    notDone = "the old token " + old.Id + " was not " + (options.RevokeAction == RevokeAction.Delete ? "deleted" : "deactivated");
                    await TokenRevocation.RevokeAsync(backend, old.Id, old.Description, options.RevokeAction, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    var end = now + overlap;
                    notDone = "the old token " + old.Id + "'s lease was not cut to " + end.ToString("u", System.Globalization.CultureInfo.InvariantCulture);
                    if (old.ExpiresAt is null || old.ExpiresAt > end)
                        await backend.UpdateAsync(old.Id, new TokenUpdate { ExpiresAt = end }, cancellationToken).ConfigureAwait(false);
                }

                notDone = null;
            }
            catch (Exception ex) when (!(ex is OperationCanceledException && cancellationToken.IsCancellationRequested))
            {
                failure = new InfluxTokensException(ex is InfluxTokensException ite ? ite.Kind : InfluxErrorKind.ServerError,
                    "Token " + created.Id + " replaces " + old.Id + ", but " + notDone + ": " + ex.Message + " It still works beside the replacement: end it by hand.", ex);
            }

            return new IssuedInfluxToken(created, options.AsPlainText, old.Id, failure);
        }

        private static readonly System.Text.RegularExpressions.Regex DatedSuffix = new System.Text.RegularExpressions.Regex(@"-r\d{14}$");

        /// <summary>"gateway" → "gateway-r20261124080000"; a name rotated before keeps one suffix.</summary>
        internal static string RotatedName(string name, DateTimeOffset now) =>
            DatedSuffix.Replace(name, string.Empty) + "-r" + now.UtcDateTime.ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture);
    }
}
