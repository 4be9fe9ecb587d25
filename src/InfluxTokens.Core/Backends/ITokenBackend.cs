using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace InfluxTokens.Backends
{
    /// <summary>What a product's tokens can do beyond create, list and delete.</summary>
    [Flags]
    public enum TokenFeatures
    {
        None = 0,

        /// <summary>A token can be set inactive and active again (InfluxDB 2.x).</summary>
        Inactive = 1,

        /// <summary>A token's description, lease or permissions can be changed after creation.</summary>
        Updatable = 2,

        /// <summary>A new token starts working only some time after creation (Cloud Dedicated, Clustered).</summary>
        DelayedActivation = 4,

        /// <summary>The connection authenticates with a credential that is never among the listed tokens (a management token).</summary>
        SeparateAdminCredential = 8,

        /// <summary>The server finds a token by its value (InfluxDB Cloud's <c>token=</c> list filter), so the connection's own token can be known though values are hidden.</summary>
        LookupByValue = 16,
    }

    /// <summary>
    /// One product's token API behind one shape. Everything a cmdlet does goes through this; a backend
    /// translates names to ids, speaks its product's wire format, and raises <see cref="InfluxTokensException"/>.
    /// </summary>
    public interface ITokenBackend : IDisposable
    {
        InfluxProduct Product { get; }

        /// <summary>The resource types this product accepts in a permission.</summary>
        ResourceTypeSet ResourceTypes { get; }

        /// <summary>What this product's tokens can do: shared logic (sweep, rotation, New) asks here instead of naming products.</summary>
        TokenFeatures Features { get; }

        /// <summary>Whether the server never lets this token be revoked (InfluxDB 3's operator token, <c>_admin</c>).</summary>
        bool IsProtected(InfluxToken token);

        /// <summary>Streams the tokens the server lets the caller see, narrowed server-side by <paramref name="query"/>.</summary>
        IAsyncEnumerable<InfluxToken> ListAsync(TokenQuery query, CancellationToken cancellationToken);

        /// <summary>One token by id, or null when there is none.</summary>
        Task<InfluxToken?> GetAsync(string id, CancellationToken cancellationToken);

        /// <summary>The listed token whose value is <paramref name="value"/>, or null; only where <see cref="TokenFeatures.LookupByValue"/> says the server can look it up.</summary>
        Task<InfluxToken?> FindByValueAsync(TokenSecret value, CancellationToken cancellationToken);

        /// <summary>Mints a token; the result carries its value (<see cref="InfluxToken.Secret"/>), the only time it is seen.</summary>
        Task<InfluxToken> CreateAsync(TokenSpec spec, CancellationToken cancellationToken);

        /// <summary>Changes what the product lets change; returns the token as the server now has it.</summary>
        Task<InfluxToken> UpdateAsync(string id, TokenUpdate update, CancellationToken cancellationToken);

        /// <summary>Deletes a token: true when deleted now, false when it was already gone.</summary>
        Task<bool> DeleteAsync(string id, CancellationToken cancellationToken);

        /// <summary>Names of the containers permissions refer to (buckets of the default org or InfluxDB 3 databases, orgs), for completion.</summary>
        Task<IReadOnlyList<string>> ListNamesAsync(NameKind kind, CancellationToken cancellationToken);
    }

    /// <summary>What <see cref="ITokenBackend.ListNamesAsync"/> lists.</summary>
    public enum NameKind
    {
        /// <summary>What tokens read and write: buckets on InfluxDB 2.x, databases on InfluxDB 3.</summary>
        Bucket,
        Org,
    }

    /// <summary>Server-side narrowing of a token list. Each value is a name or an id.</summary>
    public sealed class TokenQuery
    {
        public static readonly TokenQuery All = new TokenQuery();

        public string? Org { get; set; }
        public string? User { get; set; }

        /// <summary>Also list revoked tokens (Cloud Dedicated and Clustered keep them, marked).</summary>
        public bool IncludeRevoked { get; set; }
    }

    /// <summary>The canned permission sets of the influx CLI.</summary>
    public enum PermissionPreset
    {
        None,
        AllAccess,
        Operator,
    }

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

    /// <summary>A change to a token; null members are left as they are.</summary>
    public sealed class TokenUpdate
    {
        /// <summary>The new human description; the lease, if any, is kept.</summary>
        public string? Description { get; set; }

        public TokenStatus? Status { get; set; }

        /// <summary>A new expiry (renew, extend or shorten a lease).</summary>
        public DateTimeOffset? ExpiresAt { get; set; }

        /// <summary>Drop the lease: the token no longer expires.</summary>
        public bool RemoveExpiry { get; set; }

        /// <summary>New permissions, replacing the old ones wholesale (where the product allows it).</summary>
        public IReadOnlyList<Permission>? Permissions { get; set; }

        public bool IsEmpty => Description is null && Status is null && ExpiresAt is null && !RemoveExpiry && Permissions is null;

        /// <summary>Whether the stored description must be rewritten.</summary>
        public bool TouchesDescription => Description is not null || ExpiresAt is not null || RemoveExpiry;

        /// <summary>"description 'x' status Inactive expiry …": what a confirmation prompt says is about to change.</summary>
        public string Describe()
        {
            var parts = new List<string>();
            if (Description is not null) parts.Add("description '" + Display.Truncate(Description, Display.EchoLimit) + "'");
            if (Status is not null) parts.Add("status " + Status);
            if (ExpiresAt is { } e) parts.Add("expiry " + e.ToString("u", System.Globalization.CultureInfo.InvariantCulture));
            if (RemoveExpiry) parts.Add("no expiry");
            if (Permissions is not null) parts.Add("permissions " + string.Join(", ", Permissions.Select(p => p.ToDisplayString())));
            return string.Join(" ", parts);
        }
    }
}
