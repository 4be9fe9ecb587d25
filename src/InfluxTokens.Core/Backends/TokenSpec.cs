using System;
using System.Collections.Generic;
using InfluxTokens.Leases;
using InfluxTokens.Text;

namespace InfluxTokens.Backends
{
    /// <summary>What to mint.</summary>
    public sealed class TokenSpec
    {
        public string? Description { get; set; }

        /// <summary>Explicit permissions; names in them are resolved by the backend.</summary>
        public IReadOnlyList<Permission> Permissions { get; set; } = Array.Empty<Permission>();

        /// <summary>A canned set instead of explicit permissions (they cannot be combined).</summary>
        public PermissionPreset Preset { get; set; }

        /// <summary>The org, by name or id; the backend's default org when null.</summary>
        public string? Org { get; set; }

        /// <summary>The owner, by name or id; the caller's own user when null.</summary>
        public string? User { get; set; }

        public TokenStatus Status { get; set; } = TokenStatus.Active;

        /// <summary>When the token expires; null for never (a lease in the description on 2.x, native on 3).</summary>
        public DateTimeOffset? ExpiresAt { get; set; }

        /// <summary>Checks what needs no server, and that the expiry is still ahead of <paramref name="now"/>.</summary>
        public void Validate(DateTimeOffset now)
        {
            Validate();
            if (ExpiresAt is { } expires)
            {
                EnsureInFuture(expires, now, "The expiry");
                LeaseDuration.EnsureWithinMaximum(expires, now, "The expiry");
            }
        }

        /// <summary>Refuses an expiry that has passed, naming it and the time it was judged against.</summary>
        public static void EnsureInFuture(DateTimeOffset expiresAt, DateTimeOffset now, string what)
        {
            if (expiresAt <= now)
                throw new InfluxTokensException(InfluxErrorKind.InvalidRequest,
                    what + " " + expiresAt.ToString("u", System.Globalization.CultureInfo.InvariantCulture) + " is not in the future (now: "
                    + now.ToString("u", System.Globalization.CultureInfo.InvariantCulture) + ").");
        }

        /// <summary>
        /// The longest description the module writes. No InfluxDB product documents a limit, and 2.x stores whatever it
        /// is sent; a description is a label (the UI shows one line of it), and this leaves room for the create tag and the lease.
        /// </summary>
        public const int MaxDescriptionLength = 1024;

        /// <summary>Refuses a description longer than <see cref="MaxDescriptionLength"/>, quoting only its start.</summary>
        public static void EnsureDescriptionLength(string? description)
        {
            if (description is null || description.Length <= MaxDescriptionLength) return;
            throw new InfluxTokensException(InfluxErrorKind.InvalidRequest,
                "The description '" + Display.Truncate(description, 40) + "' is longer than the " + MaxDescriptionLength + " characters allowed; shorten it.");
        }

        /// <summary>Checks what needs no server; the message says what to change.</summary>
        public void Validate()
        {
            EnsureDescriptionLength(Description);
            LeaseMarker.EnsureNoMarker(Description ?? string.Empty);
            if (Preset != PermissionPreset.None && Permissions.Count > 0)
                throw new InfluxTokensException(InfluxErrorKind.InvalidRequest,
                    "A " + (Preset == PermissionPreset.Operator ? "operator" : "all-access") + " token has a fixed permission set; it cannot be combined with other permissions.");
            if (Preset == PermissionPreset.None && Permissions.Count == 0)
                throw new InfluxTokensException(InfluxErrorKind.InvalidRequest,
                    "A token needs at least one permission, such as 'read:buckets/telemetry', or the all-access or operator set.");
        }

        /// <summary>"all-access, expiring 2026-12-01 00:00:00Z": what a confirmation prompt says is about to be made.</summary>
        public string Describe()
        {
            var what = Preset switch
            {
                PermissionPreset.AllAccess => "all-access",
                PermissionPreset.Operator => "operator",
                _ => Permissions.Count + " permission(s)",
            };
            return what + (ExpiresAt is { } e ? ", expiring " + e.ToString("u", System.Globalization.CultureInfo.InvariantCulture) : ", never expiring");
        }
    }
}
