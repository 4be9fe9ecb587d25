using System;
using System.Collections.Generic;
using InfluxTokens.Backends;

namespace InfluxTokens.Tokens
{
    /// <summary>
    /// Turns what an admin types into <c>New-InfluxToken</c> (permission strings, <c>-Read</c>/<c>-Write</c>
    /// bucket names, presets) into a <see cref="TokenSpec"/>, refusing contradictions before any request.
    /// </summary>
    public static class TokenSpecBuilder
    {
        public static TokenSpec Build(
            ResourceTypeSet types,
            string? description,
            IEnumerable<string>? permissions,
            IEnumerable<string>? readBuckets,
            IEnumerable<string>? writeBuckets,
            bool allAccess,
            bool @operator,
            string? user,
            string? org,
            bool inactive)
        {
            if (allAccess && @operator)
                throw new InfluxTokensException(InfluxErrorKind.InvalidRequest, "Choose -AllAccess or -Operator, not both.");

            var spec = new TokenSpec
            {
                Description = description,
                Permissions = Permissions(types, permissions, readBuckets, writeBuckets),
                Preset = allAccess ? PermissionPreset.AllAccess : @operator ? PermissionPreset.Operator : PermissionPreset.None,
                User = string.IsNullOrWhiteSpace(user) ? null : user,
                Org = string.IsNullOrWhiteSpace(org) ? null : org,
                Status = inactive ? TokenStatus.Inactive : TokenStatus.Active,
            };
            spec.Validate();
            return spec;
        }

        /// <summary>The permissions -Permission, -Read and -Write ask for, parsed, each grant once.</summary>
        public static IReadOnlyList<Permission> Permissions(ResourceTypeSet types, IEnumerable<string>? permissions, IEnumerable<string>? read, IEnumerable<string>? write)
        {
            var list = new List<Permission>();
            foreach (var text in permissions ?? Array.Empty<string>()) list.Add(Permission.Parse(text, types));
            foreach (var name in read ?? Array.Empty<string>()) list.Add(Container(types, PermissionAction.Read, name));
            foreach (var name in write ?? Array.Empty<string>()) list.Add(Container(types, PermissionAction.Write, name));
            return Distinct(list);
        }

        /// <summary>-Read/-Write name buckets on InfluxDB 2.x (by name or id) and databases on InfluxDB 3 (by name, or *).</summary>
        private static Permission Container(ResourceTypeSet types, PermissionAction action, string value)
        {
            var name = (value ?? string.Empty).Trim();
            var what = types.ContainerType == "buckets" ? "bucket" : "database";
            if (name.Length == 0)
                throw new InfluxTokensException(InfluxErrorKind.InvalidRequest, "A " + what + " name given to -Read or -Write is empty.");
            var resource = types.AllowsOrgs && Permission.IsId(name)
                ? new PermissionResource(types.ContainerType, id: name.ToLowerInvariant())
                : new PermissionResource(types.ContainerType, name: name);
            return new Permission(action, resource);
        }

        // The same grant named twice (-Write x -Permission write:buckets/x) is sent once.
        private static IReadOnlyList<Permission> Distinct(List<Permission> list)
        {
            var seen = new HashSet<Permission>();
            var result = new List<Permission>(list.Count);
            foreach (var p in list)
                if (seen.Add(p)) result.Add(p);
            return result;
        }
    }
}
