using System.Collections.Generic;
using System.Linq;

namespace InfluxTokens
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
            Powerful.All(t => permissions.Any(p => p.Action == PermissionAction.Write && p.Resource.Type == t && p.Resource.IsGlobal));

        /// <summary>Org-wide write on tokens and buckets: it can mint tokens and reach every bucket of an org.</summary>
        public static bool IsAllAccess(IReadOnlyList<Permission> permissions) =>
            !IsOperator(permissions)
            && permissions.Where(p => p.Action == PermissionAction.Write && p.Resource.Type == "authorizations" && p.Resource.Id is null)
                .Any(a => permissions.Any(p => p.Action == PermissionAction.Write && p.Resource.Type == "buckets" && p.Resource.Id is null
                                               && (a.Resource.IsGlobal || p.Resource.IsGlobal || p.Resource.OrgId == a.Resource.OrgId)));
    }
}
