using System;
using System.Collections.Generic;
using System.Linq;

namespace InfluxTokens.Permissions
{
    /// <summary>
    /// The canned permission sets of <c>influx auth create --operator</c> and <c>--all-access</c>, built the
    /// way the CLI builds them: from the resource types the server itself lists, so a newer server's types
    /// are included.
    /// </summary>
    public static class PermissionSets
    {
        /// <summary>Read and write on every type (but <c>instance</c>) in every org: what <c>influx setup</c> mints.</summary>
        public static IReadOnlyList<Permission> Operator(IEnumerable<string> serverTypes) =>
            Grantable(serverTypes).SelectMany(t => Both(new PermissionResource(t))).ToList();

        /// <summary>
        /// Everything in one org: read and write on each type scoped to the org, except <c>orgs</c> (read of the
        /// org itself) and <c>users</c> (read and write of the owner only).
        /// </summary>
        public static IReadOnlyList<Permission> AllAccess(IEnumerable<string> serverTypes, string orgId, string userId)
        {
            if (string.IsNullOrEmpty(orgId)) throw new ArgumentException("All-access needs the org id.", nameof(orgId));
            if (string.IsNullOrEmpty(userId)) throw new ArgumentException("All-access needs the user id.", nameof(userId));
            var result = new List<Permission>();
            foreach (var type in Grantable(serverTypes))
            {
                switch (type)
                {
                    case "orgs":
                        result.Add(new Permission(PermissionAction.Read, new PermissionResource(type, id: orgId)));
                        break;
                    case "users":
                        result.AddRange(Both(new PermissionResource(type, id: userId)));
                        break;
                    default:
                        result.AddRange(Both(new PermissionResource(type, orgId: orgId)));
                        break;
                }
            }

            return result;
        }

        private static IEnumerable<string> Grantable(IEnumerable<string> types) =>
            (types ?? throw new ArgumentNullException(nameof(types))).Where(t => t != ResourceTypeSet.Instance);

        private static IEnumerable<Permission> Both(PermissionResource r)
        {
            yield return new Permission(PermissionAction.Read, r);
            yield return new Permission(PermissionAction.Write, r);
        }
    }
}
