using System;

namespace InfluxTokens
{
    /// <summary>
    /// What a permission applies to: a resource type, optionally narrowed to one org and/or one resource.
    /// A resource read from text may carry a name instead of an id until a backend resolves it; one returned
    /// by the server carries the ids and, where the server looked them up, the names too.
    /// </summary>
    public sealed class PermissionResource : IEquatable<PermissionResource>
    {
        public PermissionResource(string type, string? id = null, string? orgId = null, string? name = null, string? org = null)
        {
            if (string.IsNullOrEmpty(type)) throw new ArgumentException("A resource needs a type.", nameof(type));
            Type = type;
            Id = Empty(id);
            OrgId = Empty(orgId);
            Name = Empty(name);
            Org = Empty(org);
        }

        public string Type { get; }

        /// <summary>The one resource this applies to, by id.</summary>
        public string? Id { get; }

        /// <summary>The org this applies to, by id.</summary>
        public string? OrgId { get; }

        /// <summary>The one resource's name: the server's lookup, or what the user typed before resolution.</summary>
        public string? Name { get; }

        /// <summary>The org's name: the server's lookup, or what the user typed before resolution.</summary>
        public string? Org { get; }

        /// <summary>No org and no single resource: every resource of the type, in every org.</summary>
        public bool IsGlobal => Id is null && Name is null && OrgId is null && Org is null;

        /// <summary>Whether every name has its id, so the resource can be sent to a server.</summary>
        public bool IsResolved => (Name is null || Id is not null) && (Org is null || OrgId is not null);

        public PermissionResource WithIds(string? id, string? orgId) => new PermissionResource(Type, id, orgId, Name, Org);

        public bool Equals(PermissionResource? other) =>
            other is not null
            && Type == other.Type
            && SameOne(Id, Name, other.Id, other.Name)
            && SameOne(OrgId, Org, other.OrgId, other.Org);

        public override bool Equals(object? obj) => Equals(obj as PermissionResource);

        public override int GetHashCode()
        {
            unchecked
            {
                var h = Type.GetHashCode();
                h = h * 31 + (Id ?? Name ?? string.Empty).GetHashCode();
                return h * 31 + (OrgId ?? Org ?? string.Empty).GetHashCode();
            }
        }

        // Ids decide where both sides have them; otherwise what each side has must agree.
        private static bool SameOne(string? id, string? name, string? otherId, string? otherName) =>
            id is not null && otherId is not null
                ? id == otherId
                : id == otherId && name == otherName;

        private static string? Empty(string? s) => string.IsNullOrEmpty(s) ? null : s;
    }
}
