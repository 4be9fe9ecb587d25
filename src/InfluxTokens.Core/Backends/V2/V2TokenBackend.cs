using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using InfluxTokens.Http;
using InfluxTokens.Leases;
using InfluxTokens.Permissions;
using InfluxTokens.Text;

namespace InfluxTokens.Backends.V2
{
    /// <summary>
    /// InfluxDB OSS 2.x, Cloud and Cloud Serverless: <c>/api/v2/authorizations</c>. Permissions are immutable
    /// there and there is no expiry; Cloud hides token values after creation and has no operator tokens.
    /// </summary>
    public sealed class V2TokenBackend : ITokenBackend
    {
        private const string Authorizations = "/api/v2/authorizations";
        private static readonly string[] RedactedValues = { "redacted", "REDACTED", "N/A" };

        private readonly InfluxHttpClient _http;
        private readonly string? _defaultOrg;
        private readonly V2NameResolver _names;
        private readonly TimeProvider _clock;

        /// <param name="http">The connection's client; the backend sends with the <c>Token</c> scheme it was built with.</param>
        /// <param name="product"><see cref="InfluxProduct.InfluxDB2Oss"/> or <see cref="InfluxProduct.InfluxDB2Cloud"/>.</param>
        /// <param name="defaultOrg">The org (name or id) tokens are minted in when a request names none.</param>
        /// <param name="clock">The time leases are measured against; the system clock unless a test injects one.</param>
        public V2TokenBackend(InfluxHttpClient http, InfluxProduct product, string? defaultOrg, TimeProvider? clock = null)
        {
            _clock = clock ?? TimeProvider.System;
            if (product != InfluxProduct.InfluxDB2Oss && product != InfluxProduct.InfluxDB2Cloud)
                throw new ArgumentException("The 2.x backend serves InfluxDB OSS 2.x and InfluxDB Cloud only, not " + product + ".", nameof(product));
            _http = (http ?? throw new ArgumentNullException(nameof(http))).RequireScheme(AuthScheme);
            Product = product;
            _defaultOrg = string.IsNullOrWhiteSpace(defaultOrg) ? null : defaultOrg;
            _names = new V2NameResolver(http);
        }

        /// <summary>The scheme InfluxDB 2.x documents for API tokens on every product.</summary>
        public const string AuthScheme = "Token";

        public InfluxProduct Product { get; }

        /// <summary>The HTTP client (its retry count, for reports).</summary>
        internal InfluxHttpClient Http => _http;

        public ResourceTypeSet ResourceTypes => ResourceTypeSet.For(Product);

        public TokenFeatures Features => TokenFeatures.Inactive | TokenFeatures.Updatable
                                         | (Product == InfluxProduct.InfluxDB2Cloud ? TokenFeatures.LookupByValue : TokenFeatures.None);

        public bool IsProtected(InfluxToken token) => false;

        /// <summary>Streams the list: each token is parsed and yielded while the rest of the response is still arriving.</summary>
        public async IAsyncEnumerable<InfluxToken> ListAsync(TokenQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            query ??= TokenQuery.All;
            var list = new V2ListReader(readValues: !query.WithoutValues);
            var items = _http.GetArrayAsync<V2Authorization>(Authorizations, "authorizations", list.Read, cancellationToken,
                NameOrId("org", "orgID", query.Org), NameOrId("user", "userID", query.User)).GetAsyncEnumerator(cancellationToken);
            try
            {
                while (true)
                {
                    bool more;
                    try
                    {
                        more = await items.MoveNextAsync().ConfigureAwait(false);
                    }
                    catch (InfluxApiException ex) when (ex.StatusCode == 404 && (query.User is not null || query.Org is not null))
                    {
                        // influxd answers "user not found" / "organization not found" without the name it was given.
                        var named = new[] { query.User is null ? null : "user '" + query.User + "'", query.Org is null ? null : "org '" + query.Org + "'" };
                        throw new InfluxTokensException(InfluxErrorKind.NotFound,
                            "No tokens can be listed for " + string.Join(" and ", named.Where(n => n is not null)) + ": the server says " + (ex.ServerMessage ?? "not found") + ".", ex);
                    }

                    if (!more) yield break;
                    yield return ToToken(items.Current, "GET", Authorizations, list);
                }
            }
            finally
            {
                await items.DisposeAsync().ConfigureAwait(false);
            }
        }

        /// <summary>Cloud's <c>GET /api/v2/authorizations?token=</c> (OSS ignores the filter and would list everything).</summary>
        public async Task<InfluxToken?> FindByValueAsync(TokenSecret value, CancellationToken cancellationToken)
        {
            if (!Features.HasFlag(TokenFeatures.LookupByValue)) return null;
            InfluxToken? found = null;
            await foreach (var item in _http.GetArrayAsync(Authorizations, "authorizations", V2Json.Default.V2Authorization, cancellationToken,
                               new KeyValuePair<string, string?>("token", value.Reveal())).ConfigureAwait(false))
                found ??= ToToken(item, "GET", Authorizations);
            return found;
        }

        public async Task<InfluxToken?> GetAsync(string id, CancellationToken cancellationToken)
        {
            var path = PathOf(id);
            var auth = await _http.GetOrNullAsync(path, V2Json.Default.V2Authorization, cancellationToken).ConfigureAwait(false);
            return auth is null ? null : ToToken(auth, "GET", path);
        }

        public async Task<InfluxToken> CreateAsync(TokenSpec spec, CancellationToken cancellationToken)
        {
            if (spec is null) throw new ArgumentNullException(nameof(spec));
            spec.Validate(_clock.GetUtcNow());
            if (spec.Preset == PermissionPreset.Operator && Product == InfluxProduct.InfluxDB2Cloud)
                throw new InfluxTokensException(InfluxErrorKind.NotSupported,
                    "InfluxDB Cloud has no operator tokens; mint an all-access token for one org instead.");
            var org = spec.Org ?? _defaultOrg ?? throw new InfluxTokensException(InfluxErrorKind.InvalidRequest,
                "No organization to create the token in: name one, or give the connection a default org.");

            // The lookups a fresh connection needs go out together: a bucket is found by the org's name while
            // the org is, so the first create waits one round, not two.
            var orgIdTask = _names.OrgIdAsync(org, cancellationToken);
            var userIdTask = spec.User is null ? Task.FromResult<string?>(null) : NullableAsync(_names.UserIdAsync(spec.User, cancellationToken));
            var permissionsTask = PermissionsAsync(spec, org, orgIdTask, userIdTask, cancellationToken);
            await V2NameResolver.SettleAsync(orgIdTask, userIdTask, permissionsTask).ConfigureAwait(false); // then errors come in the order org, user, permission
            var orgId = await orgIdTask.ConfigureAwait(false);
            var userId = await userIdTask.ConfigureAwait(false);
            var permissions = await permissionsTask.ConfigureAwait(false);

            var tag = LeaseMarker.NewCreateTag();
            var request = new V2CreateRequest
            {
                OrgId = orgId,
                UserId = userId,
                Status = StatusText(spec.Status),
                Description = LeaseMarker.Compose(spec.Description, spec.ExpiresAt, tag),
                Permissions = permissions.Select(ToWire).ToList(),
            };
            return await CreateRecovery.CreateTaggedAsync(this, tag, new TokenQuery { Org = orgId },
                async ct => ToToken(await _http.SendAsync(HttpMethod.Post, Authorizations, request, V2Json.Default.V2CreateRequest,
                    V2Json.Default.V2Authorization, ct).ConfigureAwait(false), "POST", Authorizations),
                "token '" + Display.Truncate(spec.Description, Display.EchoLimit) + "'", cancellationToken).ConfigureAwait(false);
        }

        public async Task<InfluxToken> UpdateAsync(string id, TokenUpdate update, CancellationToken cancellationToken)
        {
            if (update is null) throw new ArgumentNullException(nameof(update));
            if (update.Permissions is not null)
                throw new InfluxTokensException(InfluxErrorKind.NotSupported,
                    "InfluxDB 2.x permissions are immutable once a token is created; mint a token with the new permissions and revoke this one.");
            if (update.Status == TokenStatus.Revoked)
                throw new InfluxTokensException(InfluxErrorKind.InvalidRequest, "A token's status is set to Active or Inactive; Revoked is reached by revoking it.");
            var path = PathOf(id);
            string? description = null;
            if (update.TouchesDescription)
            {
                // The description holds the lease: read it, so changing one never loses the other.
                var current = await GetAsync(id, cancellationToken).ConfigureAwait(false)
                              ?? throw InfluxTokensException.TokenNotFound(id);
                var human = update.Description ?? LeaseMarker.HumanText(current.RawDescription);
                var expires = update.RemoveExpiry ? null : update.ExpiresAt ?? current.ExpiresAt;
                description = LeaseMarker.Compose(human, expires);
            }

            var request = new V2UpdateRequest
            {
                Description = description,
                Status = update.Status is { } s ? StatusText(s) : null,
            };
            var updated = await _http.SendAsync(new HttpMethod("PATCH"), path, request, V2Json.Default.V2UpdateRequest,
                V2Json.Default.V2Authorization, cancellationToken).ConfigureAwait(false);
            return ToToken(updated, "PATCH", path);
        }

        public async Task<IReadOnlyList<string>> ListNamesAsync(NameKind kind, CancellationToken cancellationToken)
        {
            if (kind == NameKind.Org)
                return await _names.OrgNamesAsync(cancellationToken).ConfigureAwait(false);
            if (_defaultOrg is null) return Array.Empty<string>();
            var orgId = await _names.OrgIdAsync(_defaultOrg, cancellationToken).ConfigureAwait(false);
            return await _names.BucketNamesAsync(orgId, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>The resource types the server lists (<c>GET /api/v2/resources</c>); any valid token may read them.</summary>
        public Task<IReadOnlyList<string>> ServerResourceTypesAsync(CancellationToken cancellationToken) =>
            _names.ResourceTypesAsync(cancellationToken);

        public Task<bool> DeleteAsync(string id, CancellationToken cancellationToken) =>
            _http.DeleteAsync(PathOf(id), cancellationToken);

        private async Task<IReadOnlyList<Permission>> PermissionsAsync(
            TokenSpec spec, string org, Task<string> orgIdTask, Task<string?> userIdTask, CancellationToken ct)
        {
            switch (spec.Preset)
            {
                case PermissionPreset.Operator:
                    return PermissionSets.Operator(await _names.ResourceTypesAsync(ct).ConfigureAwait(false));
                case PermissionPreset.AllAccess:
                    var types = _names.ResourceTypesAsync(ct);
                    var owner = OwnerAsync(userIdTask, ct);
                    await Task.WhenAll(types, orgIdTask, owner).ConfigureAwait(false);
                    return PermissionSets.AllAccess(await types.ConfigureAwait(false), await orgIdTask.ConfigureAwait(false), await owner.ConfigureAwait(false));
                default:
                    return await Task.WhenAll(spec.Permissions.Select(p => ResolveAsync(p, org, ct))).ConfigureAwait(false);
            }
        }

        private static async Task<string?> NullableAsync(Task<string> task) => await task.ConfigureAwait(false);

        /// <summary>An all-access token's owner: the user named, or the caller.</summary>
        private async Task<string> OwnerAsync(Task<string?> userIdTask, CancellationToken ct) =>
            await userIdTask.ConfigureAwait(false) ?? await _names.CallerUserIdAsync(ct).ConfigureAwait(false);

        /// <summary>Fills in the ids a permission names by name. A bucket named without an org is looked up in the
        /// token's org and scoped to it, as <c>influx auth create --read-bucket</c> does. A bucket given by id alone is
        /// sent with the org it belongs to: an org-scoped caller (every all-access token) may not grant an id-only permission.</summary>
        private async Task<Permission> ResolveAsync(Permission p, string tokenOrg, CancellationToken ct)
        {
            var r = p.Resource;
            if (ResourceTypes.Canonicalize(r.Type) is null)
                throw new InfluxTokensException(InfluxErrorKind.InvalidRequest,
                    "Permission '" + p.ToDisplayString() + "': " + ResourceTypes.ProductName + " has no '" + r.Type + "' resources; it accepts: " + ResourceTypes.Describe() + ".");
            if (r.Type == "buckets" && r.Id is not null && r.OrgId is null && r.Org is null)
                return new Permission(p.Action, r.WithIds(r.Id,
                    await _names.BucketOrgIdAsync(r.Id, ct).ConfigureAwait(false) ?? await _names.OrgIdAsync(tokenOrg, ct).ConfigureAwait(false)));
            if (r.IsResolved) return p;

            if (r.Type == "buckets" && r.Id is null && r.Name is not null)
            {
                var bucket = await _names.BucketAsync(r.Name, r.OrgId ?? r.Org ?? tokenOrg, ct).ConfigureAwait(false);
                return new Permission(p.Action, r.WithIds(bucket.Id, bucket.OrgId));
            }

            var orgId = r.OrgId ?? (r.Org is null ? null : await _names.OrgIdAsync(r.Org, ct).ConfigureAwait(false));
            var id = r.Id;
            if (id is null && r.Name is not null)
            {
                switch (r.Type)
                {
                    case "orgs":
                        id = await _names.OrgIdAsync(r.Name, ct).ConfigureAwait(false);
                        break;
                    case "users":
                        id = await _names.UserIdAsync(r.Name, ct).ConfigureAwait(false);
                        break;
                    default:
                        throw new InfluxTokensException(InfluxErrorKind.InvalidRequest,
                            "Permission '" + p.ToDisplayString() + "': " + r.Type + " resources are named by id only.");
                }
            }

            return new Permission(p.Action, r.WithIds(id, orgId));
        }

        // When listing, the listing's reader: tokens with the same permission set share one mapped list.
        private InfluxToken ToToken(V2Authorization? a, string method, string endpoint, V2ListReader? list = null)
        {
            if (a is null) throw Malformed(method, endpoint, "a null authorization");
            if (!Permission.IsId(a.Id)) throw Malformed(method, endpoint, "an authorization without a valid id");
            var status = a.Status switch
            {
                "active" => TokenStatus.Active,
                "inactive" => TokenStatus.Inactive,
                _ => throw Malformed(method, endpoint, "authorization " + a.Id + " with the unknown status '" + a.Status + "'"),
            };
            var permissions = list is null ? MapPermissions((a, method, endpoint)) : list.Mapped.Map(a.Permissions, (a, method, endpoint), MapPermissions);

            var secret = string.IsNullOrEmpty(a.Token) || RedactedValues.Contains(a.Token) ? null : new TokenSecret(a.Token!);
            var (human, expiresAt, source) = LeaseMarker.Read(a.Description);
            return new InfluxToken(a.Id!, human, status, permissions, Product,
                a.OrgId, a.Org, a.UserId, a.User, a.CreatedAtTime ?? WireTime.Parse(a.CreatedAt), a.UpdatedAtTime ?? WireTime.Parse(a.UpdatedAt), secret,
                expiresAt, source, a.Description ?? string.Empty, _clock.GetUtcNow());
        }

        // Static, its state passed in: a listing maps a permission set once, and must not pay a closure for every token.
        private static PermissionList MapPermissions((V2Authorization A, string Method, string Endpoint) s) =>
            new PermissionList((s.A.Permissions ?? new List<V2Permission?>()).Select(wp => FromWire(wp, s.A.Id!, s.Method, s.Endpoint)).ToList());

        private static Permission FromWire(V2Permission? wp, string id, string method, string endpoint)
        {
            if (!PermissionActions.TryParse(wp?.Action, ignoreCase: false, out var action))
                throw Malformed(method, endpoint, "authorization " + id + " with a permission of the unknown action '" + wp?.Action + "'");
            var r = wp!.Resource;
            if (r is null || string.IsNullOrEmpty(r.Type))
                throw Malformed(method, endpoint, "authorization " + id + " with a permission without a resource type");
            // An unknown type is kept as it is: a newer server may grant types this version does not list.
            return new Permission(action, new PermissionResource(r.Type!, r.Id, r.OrgId, r.Name, r.Org));
        }

        private static V2Permission ToWire(Permission p) => new V2Permission
        {
            Action = p.Action.ToText(),
            Resource = new V2Resource { Type = p.Resource.Type, Id = p.Resource.Id, OrgId = p.Resource.OrgId },
        };

        private static string StatusText(TokenStatus s) => s == TokenStatus.Active ? "active" : "inactive";

        private static string PathOf(string id)
        {
            if (!Permission.IsId(id))
                throw new InfluxTokensException(InfluxErrorKind.InvalidRequest,
                    "'" + id + "' is not an InfluxDB 2.x token id: ids are 16 hexadecimal characters, such as '0a1b2c3d4e5f6a7b'.");
            return Authorizations + "/" + id.ToLowerInvariant();
        }

        private static KeyValuePair<string, string?> NameOrId(string nameKey, string idKey, string? value) =>
            value is null ? new KeyValuePair<string, string?>(nameKey, null)
            : Permission.IsId(value) ? new KeyValuePair<string, string?>(idKey, value.ToLowerInvariant())
            : new KeyValuePair<string, string?>(nameKey, value);

        private static InfluxApiException Malformed(string method, string endpoint, string what) =>
            InfluxApiException.Malformed(method, endpoint, method == "POST" ? 201 : 200, what);

        public void Dispose() => _http.Dispose();
    }
}
