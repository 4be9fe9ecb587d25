using System;
using System.Collections.Generic;
using InfluxTokens.Backends;
using InfluxTokens.Permissions;

namespace InfluxTokens.Tokens
{
    /// <summary>
    /// Turns a <see cref="NewTokenRequest"/> (permission strings, bucket or database names to read and write,
    /// a preset) into a <see cref="TokenSpec"/> for one product, refusing contradictions before any request.
    /// </summary>
    public static class TokenSpecBuilder
    {
        public static TokenSpec Build(ResourceTypeSet types, NewTokenRequest request)
        {
            if (request is null) throw new ArgumentNullException(nameof(request));
            var spec = new TokenSpec
            {
                Description = request.Description,
                Permissions = Permissions(types, request.Permissions, request.Read, request.Write),
                Preset = request.Preset,
                User = string.IsNullOrWhiteSpace(request.User) ? null : request.User,
                Org = string.IsNullOrWhiteSpace(request.Org) ? null : request.Org,
                Status = request.Inactive ? TokenStatus.Inactive : TokenStatus.Active,
                ExpiresAt = request.ExpiresAt,
            };
            spec.Validate();
            return spec;
        }

        /// <summary>The permissions asked for as grammar strings and as containers to read and write, parsed, each grant once.</summary>
        public static IReadOnlyList<Permission> Permissions(ResourceTypeSet types, IEnumerable<string>? permissions, IEnumerable<string>? read, IEnumerable<string>? write)
        {
            var list = new List<Permission>();
            foreach (var text in permissions ?? Array.Empty<string>()) list.Add(Permission.Parse(text, types));
            foreach (var name in read ?? Array.Empty<string>()) list.Add(Container(types, PermissionAction.Read, name));
            foreach (var name in write ?? Array.Empty<string>()) list.Add(Container(types, PermissionAction.Write, name));
            return Distinct(list);
        }

        /// <summary>Containers to read or write are buckets on InfluxDB 2.x (by name or id) and databases on InfluxDB 3 (by name, or *).</summary>
        private static Permission Container(ResourceTypeSet types, PermissionAction action, string value)
        {
            var name = (value ?? string.Empty).Trim();
            var what = types.ContainerType == "buckets" ? "bucket" : "database";
            if (name.Length == 0)
                throw new InfluxTokensException(InfluxErrorKind.InvalidRequest, "A " + what + " to read or write has an empty name.");
            var resource = types.AllowsOrgs && Permission.IsId(name)
                ? new PermissionResource(types.ContainerType, id: name.ToLowerInvariant())
                : new PermissionResource(types.ContainerType, name: name);
            return new Permission(action, resource);
        }

        // The same grant named twice (bucket x to write, and write:buckets/x) is sent once.
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
