using System;
using System.Collections.Generic;

namespace InfluxTokens
{
    /// <summary>
    /// One API token as the server describes it, whatever the product. Property names match the
    /// parameters that consume them (<c>Id</c>, <c>Description</c>, <c>Status</c>), so tokens bind
    /// from the pipeline by property name.
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
            TokenSecret? secret = null)
        {
            if (string.IsNullOrEmpty(id)) throw new ArgumentException("A token needs an id.", nameof(id));
            Id = id;
            Description = description ?? string.Empty;
            Status = status;
            Permissions = permissions ?? throw new ArgumentNullException(nameof(permissions));
            Product = product;
            OrgId = orgId;
            Org = org;
            UserId = userId;
            User = user;
            CreatedAt = createdAt;
            UpdatedAt = updatedAt;
            Secret = secret;
        }

        /// <summary>A copy of <paramref name="other"/> without its value, for types that add to a token.</summary>
        protected InfluxToken(InfluxToken other)
            : this((other ?? throw new ArgumentNullException(nameof(other))).Id, other.Description, other.Status, other.Permissions, other.Product,
                other.OrgId, other.Org, other.UserId, other.User, other.CreatedAt, other.UpdatedAt)
        {
        }

        public string Id { get; }
        public string Description { get; }
        public TokenStatus Status { get; }
        public string? OrgId { get; }
        public string? Org { get; }
        public string? UserId { get; }
        public string? User { get; }
        public IReadOnlyList<Permission> Permissions { get; }
        public DateTimeOffset? CreatedAt { get; }
        public DateTimeOffset? UpdatedAt { get; }
        public InfluxProduct Product { get; }

        /// <summary>
        /// The token value, only where the server returned one (creation, or OSS 2.7 reads). Internal: the one
        /// way a value leaves the module is <see cref="IssuedInfluxToken"/>, at creation.
        /// </summary>
        internal TokenSecret? Secret { get; }

        /// <summary>The same token without its value, for anything that outlives the moment of creation.</summary>
        internal InfluxToken WithoutSecret() =>
            Secret is null ? this : new InfluxToken(Id, Description, Status, Permissions, Product, OrgId, Org, UserId, User, CreatedAt, UpdatedAt);

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

        public override string ToString() =>
            Description.Length == 0 ? Id : Id + " (" + Description + ")";
    }
}
