using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Serialization.Metadata;
using System.Threading;
using System.Threading.Tasks;
using InfluxTokens.Http;

namespace InfluxTokens.Backends.V2
{
    /// <summary>
    /// Turns the names admins type (org, bucket, user) into the ids the API wants, through
    /// <c>/api/v2/orgs</c>, <c>/buckets</c> and <c>/users</c>. Answers are cached for the connection's life:
    /// ids never change, and a bulk mint must not look the same bucket up a thousand times.
    /// </summary>
    internal sealed class V2NameResolver
    {
        private readonly InfluxHttpClient _http;
        private readonly ConcurrentDictionary<string, string> _orgs = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<string, string> _buckets = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<string, string> _bucketOrgs = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<string, string> _users = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        private IReadOnlyList<string>? _resourceTypes;
        private string? _callerUserId;

        public V2NameResolver(InfluxHttpClient http) => _http = http;

        public Task<string> OrgIdAsync(string nameOrId, CancellationToken ct) =>
            Permission.IsId(nameOrId)
                ? Task.FromResult(nameOrId.ToLowerInvariant())
                : LookupAsync(_orgs, nameOrId, nameOrId, "organization", null, "/api/v2/orgs", V2Json.Default.V2OrgList, l => l.Orgs, ct, Q("org", nameOrId));

        public Task<string> BucketIdAsync(string nameOrId, string orgId, CancellationToken ct) =>
            Permission.IsId(nameOrId)
                ? Task.FromResult(nameOrId.ToLowerInvariant())
                : LookupAsync(_buckets, orgId + "/" + nameOrId, nameOrId, "bucket", orgId, "/api/v2/buckets", V2Json.Default.V2BucketList, l => l.Buckets, ct,
                    Q("orgID", orgId), Q("name", nameOrId));

        /// <summary>
        /// The org a bucket id belongs to (<c>GET /api/v2/buckets?id=</c>), or null when the caller cannot see it;
        /// the caller then scopes it to the token's org, as the influx CLI always does.
        /// </summary>
        public async Task<string?> BucketOrgIdAsync(string bucketId, CancellationToken ct)
        {
            var id = bucketId.ToLowerInvariant();
            if (_bucketOrgs.TryGetValue(id, out var cached)) return cached;
            V2BucketList list;
            try
            {
                list = await _http.GetAsync("/api/v2/buckets", V2Json.Default.V2BucketList, ct, Q("id", id)).ConfigureAwait(false);
            }
            catch (InfluxApiException ex) when (ex.StatusCode is 404 or 401 or 403)
            {
                return null;
            }

            var orgId = list.Buckets?.FirstOrDefault(b => string.Equals(b?.Id, id, StringComparison.OrdinalIgnoreCase))?.OrgId;
            return Permission.IsId(orgId) ? _bucketOrgs[id] = orgId!.ToLowerInvariant() : null;
        }

        public Task<string> UserIdAsync(string nameOrId, CancellationToken ct) =>
            Permission.IsId(nameOrId)
                ? Task.FromResult(nameOrId.ToLowerInvariant())
                : LookupAsync(_users, nameOrId, nameOrId, "user", null, "/api/v2/users", V2Json.Default.V2UserList, l => l.Users, ct, Q("name", nameOrId));

        public async Task<IReadOnlyList<string>> OrgNamesAsync(CancellationToken ct)
        {
            var list = await _http.GetAsync("/api/v2/orgs", V2Json.Default.V2OrgList, ct, Q("limit", "100")).ConfigureAwait(false);
            return Names(list.Orgs);
        }

        public async Task<IReadOnlyList<string>> BucketNamesAsync(string orgId, CancellationToken ct)
        {
            var list = await _http.GetAsync("/api/v2/buckets", V2Json.Default.V2BucketList, ct, Q("orgID", orgId), Q("limit", "100")).ConfigureAwait(false);
            return Names(list.Buckets);
        }

        private static IReadOnlyList<string> Names(List<V2Named?>? items) =>
            (items ?? new List<V2Named?>()).Where(i => !string.IsNullOrEmpty(i?.Name)).Select(i => i!.Name!).ToList();

        /// <summary>One name lookup: cached, a 404 or an absent name both reported as "no such ...".</summary>
        private async Task<string> LookupAsync<TList>(
            ConcurrentDictionary<string, string> cache, string key, string name, string what, string? orgId,
            string endpoint, JsonTypeInfo<TList> type, Func<TList, List<V2Named?>?> items, CancellationToken ct,
            params KeyValuePair<string, string?>[] query)
        {
            if (cache.TryGetValue(key, out var cached)) return cached;
            TList list;
            try
            {
                list = await _http.GetAsync(endpoint, type, ct, query).ConfigureAwait(false);
            }
            catch (InfluxApiException ex) when (ex.StatusCode == 404)
            {
                throw NotFound(what, name, ex, orgId);
            }

            var id = Single(items(list), name, endpoint) ?? throw NotFound(what, name, null, orgId);
            return cache[key] = id;
        }

        /// <summary>The user the connection's token belongs to (<c>GET /api/v2/me</c>).</summary>
        public async Task<string> CallerUserIdAsync(CancellationToken ct)
        {
            if (_callerUserId is not null) return _callerUserId;
            var me = await _http.GetAsync("/api/v2/me", V2Json.Default.V2Named, ct).ConfigureAwait(false);
            if (!Permission.IsId(me.Id))
                throw InfluxApiException.Malformed("GET", "/api/v2/me", 200, "a user without a valid id");
            return _callerUserId = me.Id!;
        }

        /// <summary>The resource types the server knows, in its order (<c>GET /api/v2/resources</c>).</summary>
        public async Task<IReadOnlyList<string>> ResourceTypesAsync(CancellationToken ct)
        {
            if (_resourceTypes is not null) return _resourceTypes;
            var types = await _http.GetAsync("/api/v2/resources", V2Json.Default.ListString, ct).ConfigureAwait(false);
            if (types.Count == 0 || types.Any(string.IsNullOrEmpty))
                throw InfluxApiException.Malformed("GET", "/api/v2/resources", 200, "no list of resource type names");
            return _resourceTypes = types;
        }

        // Exact-name match: servers filter by name, but a proxy or an old server that ignores the filter
        // must not make us pick someone else's bucket.
        private static string? Single(List<V2Named?>? items, string name, string endpoint)
        {
            var match = items?.FirstOrDefault(i => i is not null && string.Equals(i.Name, name, StringComparison.Ordinal));
            if (match is null) return null;
            if (!Permission.IsId(match.Id))
                throw InfluxApiException.Malformed("GET", endpoint, 200, "'" + name + "' without a valid id");
            return match.Id!.ToLowerInvariant();
        }

        private static InfluxTokensException NotFound(string what, string name, Exception? inner, string? orgId = null) =>
            new InfluxTokensException(InfluxErrorKind.NotFound,
                "No " + what + " named '" + name + "' exists" + (orgId is null ? string.Empty : " in org " + orgId)
                + " (or the connection's token may not read it).", inner);

        private static KeyValuePair<string, string?> Q(string key, string value) => new KeyValuePair<string, string?>(key, value);
    }
}
