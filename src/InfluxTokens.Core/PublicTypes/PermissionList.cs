using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Linq;

namespace InfluxTokens
{
    /// <summary>
    /// A token's permissions. Its text form lists them by name ("write:orgs/acme/buckets/telemetry, read:…"),
    /// which is what CSV exports and string conversions show instead of a type name; each element still
    /// converts to the grammar with ids, so a token's permissions can be given to a new token as they are.
    /// </summary>
    public sealed class PermissionList : ReadOnlyCollection<Permission>
    {
        public PermissionList(IEnumerable<Permission> permissions)
            : base(permissions.ToList())
        {
        }

        public override string ToString() => string.Join(", ", this.Select(p => p.ToDisplayString()));
    }
}
