using System;
using System.Collections.Generic;
using InfluxTokens.Leases;
using InfluxTokens.Text;

namespace InfluxTokens
{
    /// <summary>
    /// One API token as the server describes it, whatever the product, as of <see cref="ObservedAt"/>.
    /// Property names match the parameters that consume them (<c>Id</c>, <c>Description</c>, <c>Status</c>),
    /// so tokens bind from the pipeline by property name.
    /// </summary>
    public class InfluxToken
    {
        public InfluxToken(
            string id,
            string description,
            TokenStatus status,
            IReadOnlyList<Permission> permissions,
            InfluxProduct product,
            string? orgId = null,
            string? org = null,
            string? userId = null,
            string? user = null,
            DateTimeOffset? createdAt = null,
            DateTimeOffset? updatedAt = null,
            TokenSecret? secret = null,
            DateTimeOffset? expiresAt = null,
            ExpirySource expirySource = ExpirySource.None,
            string? rawDescription = null,
            DateTimeOffset? observedAt = null)
        {
            if (string.IsNullOrEmpty(id)) throw new ArgumentException("A token needs an id.", nameof(id));
            if (!HexId.TryPack(id, out _packedId)) _id = id;
            var human = description ?? string.Empty;
            var raw = rawDescription ?? human;
            // A listing keeps one string a token, and the shorter one where it can. Where the stored description is the human
            // one with the module's markers after it (a create tag, a lease), only the human text and the tag are kept, and
            // the stored text is composed again when asked for. Otherwise the human description is almost always the start
            // of the stored one: then only its length is kept, and the text is made when first read.
            if (expiresAt is not null && expirySource == ExpirySource.Lease && LeaseMarker.TryDecompose(raw, human, expiresAt.Value, out _createTag))
                _description = human;
            else
            {
                _raw = raw;
                if (raw.StartsWith(human, StringComparison.Ordinal)) _humanLength = human.Length;
                else _description = human;
            }

            Status = status;
            Permissions = permissions as PermissionList ?? new PermissionList(permissions ?? throw new ArgumentNullException(nameof(permissions)));
            Product = product;
            OrgId = orgId;
            Org = org;
            UserId = userId;
            User = user;
            _createdAt = Ticks(createdAt);
            _updatedAt = Ticks(updatedAt);
            Secret = secret;
            _expiresAt = Ticks(expiresAt);
            ExpirySource = expiresAt is null ? ExpirySource.None : expirySource;
            _observedAt = (observedAt ?? DateTimeOffset.UtcNow).UtcTicks;
        }

        /// <summary>A copy of <paramref name="other"/> without its value (for <see cref="WithoutSecret"/> and types that add to a token).</summary>
        protected InfluxToken(InfluxToken other)
        {
            // Field by field, as the other keeps them: going through its properties would write out its id and compose its
            // stored description, for every token a bulk mint hands back, only to take them apart again.
            if (other is null) throw new ArgumentNullException(nameof(other));
            _packedId = other._packedId;
            _id = other._id;
            _raw = other._raw;
            _description = other._description;
            _humanLength = other._humanLength;
            _createTag = other._createTag;
            Status = other.Status;
            Permissions = other.Permissions;
            Product = other.Product;
            OrgId = other.OrgId;
            Org = other.Org;
            UserId = other.UserId;
            User = other.User;
            _createdAt = other._createdAt;
            _updatedAt = other._updatedAt;
            _expiresAt = other._expiresAt;
            ExpirySource = other.ExpirySource;
            _observedAt = other._observedAt;
            _nativeExpiresAt = other._nativeExpiresAt;
            HashPrefix = other.HashPrefix;
        }

        // Times are kept as UTC ticks (Never for none) rather than as nullable DateTimeOffsets, 24 bytes each: a listing of
        // 100,000 tokens keeps every one, and what it keeps alive is what the collector pays for.
        private const long Never = long.MinValue;
        private readonly long _createdAt;
        private readonly long _updatedAt;
        private readonly long _expiresAt;
        private readonly long _observedAt;
        private long _nativeExpiresAt = Never;
        private readonly int _humanLength;
        private string? _description;
        private readonly string? _raw;
        private readonly ulong _createTag;

        // An InfluxDB 2.x id (16 lowercase hexadecimal digits) is kept as its 64 bits and written out when first read:
        // a listing keeps one object less a token.
        private readonly ulong _packedId;
        private string? _id;

        private static long Ticks(DateTimeOffset? time) => time?.UtcTicks ?? Never;

        private static DateTimeOffset? Time(long ticks) => ticks == Never ? null : new DateTimeOffset(ticks, TimeSpan.Zero);

        public string Id => _id ??= HexId.Unpack(_packedId);

        /// <summary>The human description, without the lease marker.</summary>
        public string Description =>
            _description ??= _humanLength == _raw!.Length ? _raw : _raw.Substring(0, _humanLength);

        public TokenStatus Status { get; }
        public string? OrgId { get; }
        public string? Org { get; }
        public string? UserId { get; }
        public string? User { get; }
        public PermissionList Permissions { get; }
        /// <summary>When the server made the token (UTC, as every time here).</summary>
        public DateTimeOffset? CreatedAt => Time(_createdAt);

        public DateTimeOffset? UpdatedAt => Time(_updatedAt);
        public InfluxProduct Product { get; }

        /// <summary>When the token stops being valid (its lease, or the server's expiry); null when never.</summary>
        public DateTimeOffset? ExpiresAt => Time(_expiresAt);

        /// <summary>Where <see cref="ExpiresAt"/> comes from.</summary>
        public ExpirySource ExpirySource { get; }

        /// <summary>The description exactly as the server stores it (with the lease marker).</summary>
        public string RawDescription => _raw ?? LeaseMarker.Composed(_description!, ExpiresAt, _createTag == 0 ? null : HexId.Unpack(_createTag));

        /// <summary>When this object was read from the server: the instant <see cref="IsExpired"/> and <see cref="TimeLeft"/> refer to.</summary>
        public DateTimeOffset ObservedAt => new DateTimeOffset(_observedAt, TimeSpan.Zero);

        public bool IsExpired => _expiresAt != Never && _expiresAt <= _observedAt;

        /// <summary>How long until it expires (zero once expired); null when it never does.</summary>
        public TimeSpan? TimeLeft => _expiresAt == Never ? null : TimeSpan.FromTicks(Math.Max(0, _expiresAt - _observedAt));

        public TimeSpan? Age => _createdAt == Never ? null : TimeSpan.FromTicks(_observedAt - _createdAt);

        public bool IsOperator => TokenAudit.IsOperator(Permissions);

        public bool IsAllAccess => TokenAudit.IsAllAccess(Permissions);

        /// <summary>
        /// What an auditor flags: Operator, AllAccess, NoExpiry, Expired (still present). The one definition
        /// of a risky token: the risky-token filter lists those with any. (An inactive token cannot
        /// authenticate, so it is not among them.)
        /// </summary>
        public LabelList Risk
        {
            get
            {
                var risks = new List<string>();
                if (IsOperator) risks.Add("Operator");
                if (IsAllAccess) risks.Add("AllAccess");
                if (_expiresAt == Never) risks.Add("NoExpiry");
                if (IsExpired) risks.Add("Expired");
                return new LabelList(risks);
            }
        }

        /// <summary>
        /// The token value, only where the server returned one (creation, or OSS 2.7 reads). Internal: the one
        /// way a value leaves the module is <see cref="IssuedInfluxToken"/>, at creation.
        /// </summary>
        internal TokenSecret? Secret { get; }

        /// <summary>The expiry the server itself enforces, where it has one (InfluxDB 3); <see cref="ExpiresAt"/> may be earlier (a lease).</summary>
        internal DateTimeOffset? NativeExpiresAt
        {
            get => Time(_nativeExpiresAt);
            set => _nativeExpiresAt = Ticks(value);
        }

        /// <summary>The start of the SHA-512 of the value, where the server lists one (InfluxDB 3 Core's system.tokens).</summary>
        internal string? HashPrefix { get; set; }

        internal InfluxToken WithoutSecret() =>
            Secret is null ? this : new InfluxToken(this);

        /// <summary>A short, secret-free summary of the permissions for tables ("read:buckets/telemetry +2").</summary>
        public string PermissionSummary
        {
            get
            {
                if (Permissions.Count == 0) return string.Empty;
                var first = Permissions[0].ToDisplayString();
                return Permissions.Count == 1 ? first : first + " +" + (Permissions.Count - 1);
            }
        }

        /// <summary><see cref="Description"/> safe to show on a terminal: control characters and direction overrides escaped (<see cref="Display.Safe"/>).</summary>
        public string DisplayDescription => Display.Safe(Description);

        public override string ToString() =>
            Description.Length == 0 ? Display.Safe(Id) : Display.Safe(Id) + " (" + DisplayDescription + ")";
    }
}
