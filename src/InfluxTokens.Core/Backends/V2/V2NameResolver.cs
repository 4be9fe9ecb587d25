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
    /// ids never change, and a bulk mint must not look the same bucket up a thousand times. Lookups are
    /// single-flight: concurrent misses for one name (a bulk mint's first 32 rows) share one request.
    /// </summary>
    internal sealed class V2NameResolver
    {
        private readonly InfluxHttpClient _http;
        private readonly SingleFlight<string> _orgs = new SingleFlight<string>();
        private readonly SingleFlight<V2Named> _buckets = new SingleFlight<V2Named>();
        private readonly SingleFlight<string?> _bucketOrgs = new SingleFlight<string?>();
        private readonly SingleFlight<string> _users = new SingleFlight<string>();
        private readonly SingleFlight<IReadOnlyList<string>> _resourceTypes = new SingleFlight<IReadOnlyList<string>>();
        private readonly SingleFlight<string> _callerUserId = new SingleFlight<string>();

        public V2NameResolver(InfluxHttpClient http) => _http = http;

        public Task<string> OrgIdAsync(string nameOrId, CancellationToken ct) =>
            Permission.IsId(nameOrId)
                ? Task.FromResult(nameOrId.ToLowerInvariant())
                : LookupAsync(_orgs, nameOrId, nameOrId, "organization", null, "/api/v2/orgs", V2Json.Default.V2OrgList, l => l.Orgs, m => m.Id!, ct,
                    Q("org", nameOrId));

        /// <summary>
        /// A bucket's id and its org's id. The bucket is asked for by the org's name (<c>?org=</c>) or id while the
        /// org's id is looked up, so a fresh connection waits one round, not two. The answer must be in that org:
        /// InfluxDB Cloud (and a proxy may) ignore the org filter, and a same-named bucket of another org is not
        /// the one asked for.
        /// </summary>
        public async Task<(string Id, string OrgId)> BucketAsync(string nameOrId, string org, CancellationToken ct)
        {
            var orgIdTask = OrgIdAsync(org, ct);
            if (Permission.IsId(nameOrId)) return (nameOrId.ToLowerInvariant(), await orgIdTask.ConfigureAwait(false));
            var orgIsId = Permission.IsId(org);
            var key = (orgIsId ? "id:" : "name:") + org.Length + ":" + org + "/" + nameOrId; // names may hold '/'
            var bucketTask = LookupAsync(_buckets, key, nameOrId, "bucket", org, "/api/v2/buckets", V2Json.Default.V2BucketList,
                l => l.Buckets, m => m, ct, Q(orgIsId ? "orgID" : "org", org), Q("name", nameOrId));
            await SettleAsync(orgIdTask, bucketTask).ConfigureAwait(false); // then the org's error comes first
            var orgId = await orgIdTask.ConfigureAwait(false);
            var bucket = await bucketTask.ConfigureAwait(false);
            if (Permission.IsId(bucket.OrgId) && !string.Equals(bucket.OrgId, orgId, StringComparison.OrdinalIgnoreCase))
                throw NotFound("bucket", nameOrId, null, org);
            return (bucket.Id!, orgId);
        }

        /// <summary>
        /// The org a bucket id belongs to (<c>GET /api/v2/buckets?id=</c>), or null when the caller cannot see it;
        /// the caller then scopes it to the token's org, as the influx CLI always does.
        /// </summary>
        public Task<string?> BucketOrgIdAsync(string bucketId, CancellationToken ct)
        {
            var id = bucketId.ToLowerInvariant();
            return _bucketOrgs.GetAsync(id, async token =>
            {
                V2BucketList list;
                try
                {
                    list = await _http.GetAsync("/api/v2/buckets", V2Json.Default.V2BucketList, token, Q("id", id)).ConfigureAwait(false);
                }
                catch (InfluxApiException ex) when (ex.StatusCode is 404 or 401 or 403)
                {
                    return null;
                }

                var orgId = list.Buckets?.FirstOrDefault(b => string.Equals(b?.Id, id, StringComparison.OrdinalIgnoreCase))?.OrgId;
                return Permission.IsId(orgId) ? orgId!.ToLowerInvariant() : null;
            }, keep: orgId => orgId is not null, ct);
        }

        public Task<string> UserIdAsync(string nameOrId, CancellationToken ct) =>
            Permission.IsId(nameOrId)
                ? Task.FromResult(nameOrId.ToLowerInvariant())
                : LookupAsync(_users, nameOrId, nameOrId, "user", null, "/api/v2/users", V2Json.Default.V2UserList, l => l.Users, m => m.Id!, ct,
                    Q("name", nameOrId));

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
        private Task<T> LookupAsync<TList, T>(
            SingleFlight<T> cache, string key, string name, string what, string? org,
            string endpoint, JsonTypeInfo<TList> type, Func<TList, List<V2Named?>?> items, Func<V2Named, T> select, CancellationToken ct,
            params KeyValuePair<string, string?>[] query) =>
            cache.GetAsync(key, async token =>
            {
                TList list;
                try
                {
                    list = await _http.GetAsync(endpoint, type, token, query).ConfigureAwait(false);
                }
                catch (InfluxApiException ex) when (ex.StatusCode == 404)
                {
                    throw NotFound(what, name, ex, org);
                }

                var match = Single(items(list), name, endpoint) ?? throw NotFound(what, name, null, org);
                return select(match);
            }, keep: null, ct);

        /// <summary>The user the connection's token belongs to (<c>GET /api/v2/me</c>).</summary>
        public Task<string> CallerUserIdAsync(CancellationToken ct) =>
            _callerUserId.GetAsync("me", async token =>
            {
                var me = await _http.GetAsync("/api/v2/me", V2Json.Default.V2Named, token).ConfigureAwait(false);
                if (!Permission.IsId(me.Id))
                    throw InfluxApiException.Malformed("GET", "/api/v2/me", 200, "a user without a valid id");
                return me.Id!;
            }, keep: null, ct);

        /// <summary>The resource types the server knows, in its order (<c>GET /api/v2/resources</c>).</summary>
        public Task<IReadOnlyList<string>> ResourceTypesAsync(CancellationToken ct) =>
            _resourceTypes.GetAsync("resources", async token =>
            {
                var types = await _http.GetAsync("/api/v2/resources", V2Json.Default.ListString, token).ConfigureAwait(false);
                if (types.Count == 0 || types.Any(string.IsNullOrEmpty))
                    throw InfluxApiException.Malformed("GET", "/api/v2/resources", 200, "no list of resource type names");
                return (IReadOnlyList<string>)types;
            }, keep: null, ct);

        // Exact-name match: servers filter by name, but a proxy or an old server that ignores the filter
        // must not make us pick someone else's bucket.
        private static V2Named? Single(List<V2Named?>? items, string name, string endpoint)
        {
            var match = items?.FirstOrDefault(i => i is not null && string.Equals(i.Name, name, StringComparison.Ordinal));
            if (match is null) return null;
            if (!Permission.IsId(match.Id))
                throw InfluxApiException.Malformed("GET", endpoint, 200, "'" + name + "' without a valid id");
            match.Id = match.Id!.ToLowerInvariant();
            return match;
        }

        private static InfluxTokensException NotFound(string what, string name, Exception? inner, string? org = null) =>
            new InfluxTokensException(InfluxErrorKind.NotFound,
                "No " + what + " named '" + name + "' exists" + (org is null ? string.Empty : " in org " + org)
                + " (or the connection's token may not read it).", inner);

        /// <summary>
        /// Waits until every lookup started together has finished, failed or not; the caller then awaits each in the
        /// order whose error should be reported first. (<c>await Task.WhenAll</c> does not keep that order: it may
        /// throw a later task's error.) None is left unobserved.
        /// </summary>
        internal static async Task SettleAsync(params Task[] lookups)
        {
            try
            {
                await Task.WhenAll(lookups).ConfigureAwait(false);
            }
            catch (Exception)
            {
                // Reported by the caller's own awaits, in its order.
            }
        }

        private static KeyValuePair<string, string?> Q(string key, string value) => new KeyValuePair<string, string?>(key, value);

        /// <summary>
        /// A cache of lookups where concurrent misses for one key share one request. A failed lookup (or an
        /// answer <c>keep</c> refuses) is forgotten, so the next caller asks again; a caller whose own token is
        /// not cancelled never inherits another caller's cancellation.
        /// </summary>
        private sealed class SingleFlight<T>
        {
            private readonly ConcurrentDictionary<string, Task<T>> _lookups = new ConcurrentDictionary<string, Task<T>>(StringComparer.Ordinal);

            public async Task<T> GetAsync(string key, Func<CancellationToken, Task<T>> lookup, Func<T, bool>? keep, CancellationToken ct)
            {
                while (true)
                {
                    ct.ThrowIfCancellationRequested();
                    var mine = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
                    var shared = _lookups.GetOrAdd(key, mine.Task);
                    if (shared == mine.Task) _ = RunAsync(key, mine, lookup, keep, ct);
                    try
                    {
                        return await WaitAsync(shared, ct).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException) when (!ct.IsCancellationRequested && shared.IsCanceled)
                    {
                        // The caller who started it gave up; this one has not: look it up again.
                    }
                }
            }

            private async Task RunAsync(string key, TaskCompletionSource<T> flight, Func<CancellationToken, Task<T>> lookup, Func<T, bool>? keep, CancellationToken ct)
            {
                try
                {
                    var value = await lookup(ct).ConfigureAwait(false);
                    if (keep is not null && !keep(value)) Forget(key, flight.Task);
                    flight.SetResult(value);
                }
                catch (OperationCanceledException ex)
                {
                    Forget(key, flight.Task);
                    flight.TrySetCanceled(ex.CancellationToken);
                }
                catch (Exception ex)
                {
                    Forget(key, flight.Task);
                    flight.SetException(ex);
                }
            }

            private void Forget(string key, Task<T> flight) =>
                ((ICollection<KeyValuePair<string, Task<T>>>)_lookups).Remove(new KeyValuePair<string, Task<T>>(key, flight));

            private static async Task<T> WaitAsync(Task<T> task, CancellationToken ct)
            {
                if (task.IsCompleted || !ct.CanBeCanceled) return await task.ConfigureAwait(false);
                var cancelled = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
                using (ct.Register(() => cancelled.TrySetResult(true)))
                    if (await Task.WhenAny(task, cancelled.Task).ConfigureAwait(false) != task)
                        throw new OperationCanceledException(ct);
                return await task.ConfigureAwait(false);
            }
        }
    }
}
