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

namespace InfluxTokens.Backends.V3
{
    /// <summary>
    /// InfluxDB 3 Core and Enterprise (<c>/api/v3</c>). A token is known by its unique name (it is the id here,
    /// and the description is that name); tokens cannot be changed, only created and deleted; expiry is native
    /// (<c>expiry_secs</c>, never 0, which the server reads as "already expired"). Core mints admin tokens only;
    /// Enterprise adds database and system tokens. The operator token <c>_admin</c> is never deleted.
    /// </summary>
    public sealed class CoreTokenBackend : ITokenBackend
    {
        public const string OperatorTokenName = "_admin";
        private const string ListPath = "/api/v3/query_sql";
        private readonly InfluxHttpClient _http;
        private readonly TimeProvider _clock;

        public CoreTokenBackend(InfluxHttpClient http, InfluxProduct product, TimeProvider? clock = null)
        {
            if (product != InfluxProduct.InfluxDB3Core && product != InfluxProduct.InfluxDB3Enterprise)
                throw new ArgumentException("This backend serves InfluxDB 3 Core and Enterprise, not " + product + ".", nameof(product));
            _http = (http ?? throw new ArgumentNullException(nameof(http))).RequireScheme(AuthScheme);
            Product = product;
            ResourceTypes = ResourceTypeSet.For(product);
            _clock = clock ?? TimeProvider.System;
        }

        public const string AuthScheme = "Bearer";

        public InfluxProduct Product { get; }

        public ResourceTypeSet ResourceTypes { get; }

        /// <summary>Tokens are immutable: no status, no edits; a lease is the server's own expiry.</summary>
        public TokenFeatures Features => TokenFeatures.None;

        public bool IsProtected(InfluxToken token) => token.Id == OperatorTokenName;

        /// <summary>There is no list endpoint: tokens are rows of <c>system.tokens</c> on <c>_internal</c>.</summary>
        public async IAsyncEnumerable<InfluxToken> ListAsync(TokenQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            if (query?.User is not null || query?.Org is not null) throw Product.Cannot("has no users or orgs to filter tokens by");
            var permissions = new RepeatedPermissions<string>();
            await foreach (var row in _http.GetArrayAsync(ListPath, null, V3Json.Default.CoreTokenRow, cancellationToken,
                               new KeyValuePair<string, string?>("db", "_internal"), new KeyValuePair<string, string?>("q", "SELECT * FROM system.tokens"),
                               new KeyValuePair<string, string?>("format", "json")).ConfigureAwait(false))
            {
                // Rows that grant the same (every admin token's "*:*:*") share one parsed list.
                var text = row?.Permissions ?? string.Empty;
                yield return ToToken(row, permissions.Map(text, text, t => new PermissionList(ParsePermissions(t))));
            }
        }

        public Task<InfluxToken?> FindByValueAsync(TokenSecret value, CancellationToken cancellationToken) => Task.FromResult<InfluxToken?>(null);

        public async Task<InfluxToken?> GetAsync(string id, CancellationToken cancellationToken)
        {
            await foreach (var t in ListAsync(TokenQuery.All, cancellationToken).ConfigureAwait(false))
                if (t.Id == id) return t;
            return null;
        }

        public async Task<InfluxToken> CreateAsync(TokenSpec spec, CancellationToken cancellationToken)
        {
            if (spec is null) throw new ArgumentNullException(nameof(spec));
            spec.Validate(_clock.GetUtcNow());
            if (spec.User is not null || spec.Org is not null) throw Product.Cannot("has no users or orgs; a token cannot be given an owner or org");
            if (spec.Status == TokenStatus.Inactive) throw Product.Cannot("has no inactive tokens");
            var name = (spec.Description ?? string.Empty).Trim();
            if (name.Length == 0)
                throw new InfluxTokensException(InfluxErrorKind.InvalidRequest, Product.DisplayName() + " names every token: its description is its unique name, and it cannot be empty.");
            var expirySecs = ExpirySeconds(spec.ExpiresAt);

            IReadOnlyList<Permission> permissions;
            Func<CancellationToken, Task<CoreCreated>> post;
            string path;
            if (spec.Preset != PermissionPreset.None)
            {
                path = "/api/v3/configure/token/named_admin";
                post = ct => _http.SendAsync(HttpMethod.Post, path, new CoreNamedAdminRequest { TokenName = name, ExpirySecs = expirySecs },
                    V3Json.Default.CoreNamedAdminRequest, V3Json.Default.CoreCreated, ct);
                permissions = ParsePermissions("*:*:*");
            }
            else
            {
                if (Product == InfluxProduct.InfluxDB3Core)
                    throw Product.Cannot("has admin tokens only: mint an all-access (named admin) token; database tokens need InfluxDB 3 Enterprise");
                var request = new CoreResourceTokenRequest { TokenName = name, ExpirySecs = expirySecs, Permissions = Group(spec.Permissions) };
                path = "/api/v3/enterprise/configure/token";
                post = ct => _http.SendAsync(HttpMethod.Post, path, request,
                    V3Json.Default.CoreResourceTokenRequest, V3Json.Default.CoreCreated, ct);
                permissions = spec.Permissions.Select(Normalize).ToList();
            }

            return await CreateRecovery.CreateUniqueNameAsync(name,
                async ct => ToCreated(await post(ct).ConfigureAwait(false), path, permissions), cancellationToken).ConfigureAwait(false);
        }

        private InfluxToken ToCreated(CoreCreated created, string path, IReadOnlyList<Permission> permissions)
        {
            if (string.IsNullOrEmpty(created.Token) || string.IsNullOrEmpty(created.Name))
                throw InfluxApiException.Malformed("POST", path, 201, "a created token without its name and value");
            var expiry = WireTime.Parse(created.Expiry);
            return new InfluxToken(created.Name!, created.Name!, TokenStatus.Active, permissions, Product,
                createdAt: WireTime.Parse(created.CreatedAt), secret: new TokenSecret(created.Token!),
                expiresAt: expiry, expirySource: ExpirySource.Server, observedAt: _clock.GetUtcNow());
        }

        public Task<InfluxToken> UpdateAsync(string id, TokenUpdate update, CancellationToken cancellationToken) =>
            throw Product.Cannot("tokens cannot be changed once created (no description, status, permission or expiry updates); rotate without an overlap, or mint a new one and revoke the old");

        public async Task<bool> DeleteAsync(string id, CancellationToken cancellationToken)
        {
            if (id == OperatorTokenName)
                throw Product.Cannot("never deletes the operator token _admin (the server refuses too); regenerate it with 'influxdb3 create token --admin --regenerate'");
            return await _http.DeleteAsync("/api/v3/configure/token", cancellationToken, new KeyValuePair<string, string?>("token_name", id)).ConfigureAwait(false);
        }

        /// <summary>Databases from <c>GET /api/v3/configure/database?format=json</c> (<c>_internal</c> included: reading it lists tokens); there are no orgs.</summary>
        public async Task<IReadOnlyList<string>> ListNamesAsync(NameKind kind, CancellationToken cancellationToken)
        {
            var names = new List<string>();
            if (kind != NameKind.Bucket) return names;
            await foreach (var row in _http.GetArrayAsync("/api/v3/configure/database", null, V3Json.Default.CoreDatabaseRow, cancellationToken,
                               new KeyValuePair<string, string?>("format", "json")).ConfigureAwait(false))
                if (!string.IsNullOrEmpty(row?.Name)) names.Add(row!.Name!);
            return names;
        }

        private InfluxToken ToToken(CoreTokenRow? row, PermissionList permissions)
        {
            if (row is null || string.IsNullOrEmpty(row.Name))
                throw InfluxApiException.Malformed("GET", ListPath, 200, "a system.tokens row without a token name");
            var expiry = WireTime.Parse(row.Expiry);
            return new InfluxToken(row.Name!, string.IsNullOrEmpty(row.Description) ? row.Name! : row.Description!, TokenStatus.Active,
                permissions, Product,
                createdAt: WireTime.Parse(row.CreatedAt), updatedAt: WireTime.Parse(row.UpdatedAt),
                expiresAt: expiry, expirySource: ExpirySource.Server, observedAt: _clock.GetUtcNow())
            {
                HashPrefix = row.Hash,
                NativeExpiresAt = expiry,
            };
        }

        /// <summary>
        /// <c>system.tokens</c>' permission text: <c>*:*:*</c> (admin), or space-separated <c>type:names:actions</c>
        /// such as <c>db:a,b:read,write</c> and <c>system:health:read</c>.
        /// </summary>
        internal static IReadOnlyList<Permission> ParsePermissions(string text)
        {
            var result = new List<Permission>();
            foreach (var part in text.Split(new[] { ' ', ';' }, StringSplitOptions.RemoveEmptyEntries))
            {
                var fields = part.Split(':');
                if (fields.Length != 3) continue;
                var type = fields[0] switch { "db" => "databases", "*" => TokenAudit.AdminType, var other => other };
                foreach (var action in fields[2].Split(','))
                {
                    var a = action == "read" ? PermissionAction.Read : action == "write" || action == "*" ? PermissionAction.Write : (PermissionAction?)null;
                    if (a is null) continue;
                    if (type == TokenAudit.AdminType)
                    {
                        result.Add(new Permission(PermissionAction.Read, new PermissionResource(type)));
                        result.Add(new Permission(PermissionAction.Write, new PermissionResource(type)));
                        break;
                    }

                    foreach (var name in fields[1].Split(','))
                        result.Add(new Permission(a.Value, new PermissionResource(type, name: name)));
                }
            }

            return result;
        }

        /// <summary>The request's shape: one entry per resource type and set of actions, wildcards apart from names.</summary>
        private List<CoreResourcePermission> Group(IReadOnlyList<Permission> permissions)
        {
            var byName = permissions.Select(Normalize)
                .GroupBy(p => (Type: p.Resource.Type == "databases" ? "db" : p.Resource.Type, Name: p.Resource.Name!))
                .Select(g => (g.Key.Type, g.Key.Name, Actions: g.Select(p => p.Action.ToText()).Distinct().OrderBy(a => a).ToList()));
            return byName
                .GroupBy(x => (x.Type, Actions: string.Join(",", x.Actions), Wild: x.Name == "*"))
                .Select(g => new CoreResourcePermission { ResourceType = g.Key.Type, ResourceNames = g.Select(x => x.Name).ToList(), Actions = g.First().Actions })
                .ToList();
        }

        private Permission Normalize(Permission p)
        {
            var type = ResourceTypes.Canonicalize(p.Resource.Type)
                       ?? throw new InfluxTokensException(InfluxErrorKind.InvalidRequest,
                           "Permission '" + p.ToDisplayString() + "': " + ResourceTypes.ProductName + " grants only " + ResourceTypes.Describe() + ".");
            if (type == "system" && p.Action != PermissionAction.Read)
                throw new InfluxTokensException(InfluxErrorKind.InvalidRequest, "Permission '" + p.ToDisplayString() + "': system resources (health, metrics, ping) are read-only.");
            return new Permission(p.Action, new PermissionResource(type, name: p.Resource.IsGlobal ? "*" : p.Resource.Name ?? "*"));
        }

        /// <summary>Seconds from now, rounded up and at least 1: 0 would make the server create an already-expired token.</summary>
        private long? ExpirySeconds(DateTimeOffset? expiresAt) =>
            expiresAt is { } at ? Math.Max(1, (long)Math.Ceiling((at - _clock.GetUtcNow()).TotalSeconds)) : (long?)null;

        public void Dispose() => _http.Dispose();
    }
}
