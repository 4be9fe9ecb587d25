using System.Collections.Generic;
using System.Linq;

namespace InfluxTokens.Leases
{
    /// <summary>
    /// What an auditor asks of a token's permissions. Tokens have no "type" in InfluxDB: operator and all-access
    /// are read off the grants that make them powerful.
    /// </summary>
    public static class TokenAudit
    {
        private static readonly string[] Powerful = { "authorizations", "buckets", "orgs", "users" };

        /// <summary>Global write on tokens, buckets, orgs and users: it can do anything in every org.</summary>
        public static bool IsOperator(IReadOnlyList<Permission> permissions) =>
            permissions.Any(p => p.Action == PermissionAction.Write && p.Resource.Type == AdminType)
            || Powerful.All(t => permissions.Any(p => p.Action == PermissionAction.Write && p.Resource.Type == t && p.Resource.IsGlobal));

        /// <summary>InfluxDB 3 Core/Enterprise admin tokens hold <c>*:*:*</c>: shown as the permissions <c>read:*</c> and <c>write:*</c>.</summary>
        public const string AdminType = "*";

        /// <summary>
        /// Org-wide write on tokens and buckets (2.x: it can mint tokens and reach every bucket of an org), or write on
        /// every database (InfluxDB 3).
        /// </summary>
        public static bool IsAllAccess(IReadOnlyList<Permission> permissions) =>
            !IsOperator(permissions)
            && (permissions.Any(p => p.Action == PermissionAction.Write && p.Resource.Type == "databases" && p.Resource.Name == "*")
                || IsAllAccess2(permissions));

        /// <summary>Org-wide write on tokens and buckets (2.x).</summary>
        private static bool IsAllAccess2(IReadOnlyList<Permission> permissions) =>
            permissions.Where(p => p.Action == PermissionAction.Write && p.Resource.Type == "authorizations" && p.Resource.Id is null)
                .Any(a => permissions.Any(p => p.Action == PermissionAction.Write && p.Resource.Type == "buckets" && p.Resource.Id is null
                                               && (a.Resource.IsGlobal || p.Resource.IsGlobal || p.Resource.OrgId == a.Resource.OrgId)));
    }
}
