using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using InfluxTokens.Http;
using InfluxTokens.Leases;
using InfluxTokens.Permissions;
using InfluxTokens.Text;

namespace InfluxTokens.Backends.V3
{
    /// <summary>
    /// InfluxDB Cloud Dedicated and Clustered: database tokens through the management API, with a management
    /// token as the Bearer credential. Expiry is native (<c>expiresAt</c>) but fixed at creation; because the
    /// description is writable, a lease marker there can end a token earlier (rotation's overlap), and the
    /// effective expiry is the earlier of the two. Revocation is a soft delete (<c>revokedAt</c>).
    /// </summary>
    public sealed class ManagementTokenBackend : ITokenBackend
    {
        private readonly InfluxHttpClient _http;
        private readonly TimeProvider _clock;
        private readonly string _root;
        private readonly string _databases;

        public ManagementTokenBackend(InfluxHttpClient http, InfluxProduct product, string? accountId, string? clusterId, TimeProvider? clock = null)
        {
            _http = (http ?? throw new ArgumentNullException(nameof(http))).RequireScheme(AuthScheme);
            _clock = clock ?? TimeProvider.System;
            Product = product;
            ResourceTypes = ResourceTypeSet.For(product);
            string clusterPath;
            switch (product)
            {
                case InfluxProduct.CloudDedicated:
                    if (!Guid.TryParse(accountId, out var account) || !Guid.TryParse(clusterId, out var cluster))
                        throw new InfluxTokensException(InfluxErrorKind.InvalidRequest,
                            "InfluxDB Cloud Dedicated needs the account and cluster ids (UUIDs; 'influxctl cluster list' shows them): give the account id and the cluster id.");
                    clusterPath = "/api/v0/accounts/" + account + "/clusters/" + cluster;
                    break;
                case InfluxProduct.Clustered:
                    clusterPath = "/api/v0"; // the cluster's own host
                    break;
                default:
                    throw new ArgumentException("The management API serves Cloud Dedicated and Clustered, not " + product + ".", nameof(product));
            }

            _root = clusterPath + "/tokens";
            _databases = clusterPath + "/databases";
        }

        public const string AuthScheme = "Bearer";

        /// <summary>How the cluster's data API takes a database token (the activation probe writes with it).</summary>
        public const string DataApiAuthScheme = "Bearer";

        public InfluxProduct Product { get; }

        public ResourceTypeSet ResourceTypes { get; }

        public TokenFeatures Features => TokenFeatures.Updatable | TokenFeatures.DelayedActivation | TokenFeatures.SeparateAdminCredential;

        public bool IsProtected(InfluxToken token) => false;

        public async IAsyncEnumerable<InfluxToken> ListAsync(TokenQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            query ??= TokenQuery.All;
            if (query.User is not null || query.Org is not null)
                throw Product.Cannot("has no users or orgs to filter tokens by");
            await foreach (var item in _http.GetArrayAsync(_root, null, V3Json.Default.ManagementToken, cancellationToken).ConfigureAwait(false))
            {
                var token = ToToken(item, "GET", _root);
                if (token.Status != TokenStatus.Revoked || query.IncludeRevoked) yield return token;
            }
        }

        public Task<InfluxToken?> FindByValueAsync(TokenSecret value, CancellationToken cancellationToken) => Task.FromResult<InfluxToken?>(null);

        public async Task<InfluxToken?> GetAsync(string id, CancellationToken cancellationToken)
        {
            var path = PathOf(id);
            var token = await _http.GetOrNullAsync(path, V3Json.Default.ManagementToken, cancellationToken).ConfigureAwait(false);
            return token is null ? null : ToToken(token, "GET", path);
        }

        public async Task<InfluxToken> CreateAsync(TokenSpec spec, CancellationToken cancellationToken)
        {
            if (spec is null) throw new ArgumentNullException(nameof(spec));
            spec.Validate(_clock.GetUtcNow());
            if (spec.Preset == PermissionPreset.Operator)
                throw Product.Cannot("has no operator database token (a management token administers the cluster); an all-access token reads and writes every database");
            if (spec.User is not null || spec.Org is not null) throw Product.Cannot("has no users or orgs; a token cannot be given an owner or org");
            if (spec.Status == TokenStatus.Inactive) throw Product.Cannot("has no inactive tokens");

            var permissions = spec.Preset == PermissionPreset.AllAccess
                ? new List<ManagementPermission> { Wire(PermissionAction.Read, "*"), Wire(PermissionAction.Write, "*") }
                : spec.Permissions.Select(ToWire).ToList();
            var tag = LeaseMarker.NewCreateTag();
            var request = new ManagementCreateRequest
            {
                Description = LeaseMarker.Compose(spec.Description, null, tag),
                Permissions = permissions,
                ExpirationType = spec.ExpiresAt is null ? "noExpiration" : "datetime",
                ExpiresAt = spec.ExpiresAt is { } at ? Rfc3339(at) : null,
            };
            return await CreateRecovery.CreateTaggedAsync(this, tag, TokenQuery.All,
                async ct =>
                {
                    var created = await _http.SendAsync(HttpMethod.Post, _root, request, V3Json.Default.ManagementCreateRequest, V3Json.Default.ManagementToken, ct).ConfigureAwait(false);
                    if (string.IsNullOrEmpty(created.AccessToken))
                        throw InfluxApiException.Malformed("POST", _root, 200, "a token without its accessToken");
                    return ToToken(created, "POST", _root);
                },
                "token '" + Display.Truncate(spec.Description, Display.EchoLimit) + "'", cancellationToken).ConfigureAwait(false);
        }

        public async Task<InfluxToken> UpdateAsync(string id, TokenUpdate update, CancellationToken cancellationToken)
        {
            if (update is null) throw new ArgumentNullException(nameof(update));
            if (update.Status == TokenStatus.Inactive) throw Product.Cannot("has no inactive tokens; revoking a token ends it for good");
            if (update.Status == TokenStatus.Active) throw Product.Cannot("cannot bring a revoked token back");
            if (update.Status == TokenStatus.Revoked) throw Product.Cannot("revokes a token by revoking it, not by setting a status");
            var path = PathOf(id);
            var request = new ManagementUpdateRequest { Permissions = update.Permissions?.Select(ToWire).ToList() };
            if (update.TouchesDescription)
            {
                var current = await GetAsync(id, cancellationToken).ConfigureAwait(false)
                              ?? throw InfluxTokensException.TokenNotFound(id);
                var native = current.NativeExpiresAt;
                DateTimeOffset? lease = LeaseMarker.Read(current.RawDescription).ExpiresAt;
                if (update.RemoveExpiry)
                {
                    if (native is not null) throw Product.Cannot("cannot remove an expiry set at creation (it cannot be changed)");
                    lease = null;
                }
                else if (update.ExpiresAt is { } wanted)
                {
                    if (native is { } n && wanted > n)
                        throw Product.Cannot("cannot extend an expiry set at creation (" + n.ToString("u", CultureInfo.InvariantCulture) + "); rotate the token instead");
                    lease = wanted;
                }

                request.Description = LeaseMarker.Compose(update.Description ?? LeaseMarker.HumanText(current.RawDescription), lease);
            }

            if (request.Description is null && request.Permissions is null)
                throw new InfluxTokensException(InfluxErrorKind.InvalidRequest, "Nothing to change on token " + id + ".");
            var updated = await _http.SendAsync(new HttpMethod("PATCH"), path, request, V3Json.Default.ManagementUpdateRequest,
                V3Json.Default.ManagementToken, cancellationToken).ConfigureAwait(false);
            return ToToken(updated, "PATCH", path);
        }

        /// <summary>DELETE revokes; a 404 means it was gone (or revoked) already.</summary>
        public Task<bool> DeleteAsync(string id, CancellationToken cancellationToken) => _http.DeleteAsync(PathOf(id), cancellationToken);

        /// <summary>Databases from GetClusterDatabases, beside the tokens (<c>…/databases</c>); there are no orgs.</summary>
        public async Task<IReadOnlyList<string>> ListNamesAsync(NameKind kind, CancellationToken cancellationToken)
        {
            var names = new List<string>();
            if (kind != NameKind.Bucket) return names;
            await foreach (var database in _http.GetArrayAsync(_databases, null, V3Json.Default.ManagementDatabase, cancellationToken).ConfigureAwait(false))
                if (!string.IsNullOrEmpty(database?.Name)) names.Add(database!.Name!);
            return names;
        }

        private InfluxToken ToToken(ManagementToken? t, string method, string endpoint)
        {
            if (t is null || !Guid.TryParse(t.Id, out _))
                throw InfluxApiException.Malformed(method, endpoint, 200, "a token without a valid id");
            var permissions = (t.Permissions ?? new List<ManagementPermission?>())
                .Select(p => FromWire(p) ?? throw InfluxApiException.Malformed(method, endpoint, 200, "token " + t.Id + " with a permission of the unknown action '" + p?.Action + "'"))
                .ToList();

            var (human, lease, _) = LeaseMarker.Read(t.Description);
            var native = WireTime.Parse(t.ExpiresAt);
            var expires = native;
            var source = ExpirySource.Server;
            if (lease is { } l && (native is null || l < native))
            {
                expires = l;
                source = ExpirySource.Lease;
            }

            var status = WireTime.Parse(t.RevokedAt) is null ? TokenStatus.Active : TokenStatus.Revoked;
            return new InfluxToken(t.Id!.ToLowerInvariant(), human, status, permissions, Product, createdAt: WireTime.Parse(t.CreatedAt),
                secret: string.IsNullOrEmpty(t.AccessToken) ? null : new TokenSecret(t.AccessToken!),
                expiresAt: expires, expirySource: expires is null ? ExpirySource.None : source,
                rawDescription: t.Description ?? string.Empty, observedAt: _clock.GetUtcNow())
            {
                NativeExpiresAt = native,
            };
        }

        private ManagementPermission ToWire(Permission p)
        {
            if (ResourceTypes.Canonicalize(p.Resource.Type) != "databases")
                throw new InfluxTokensException(InfluxErrorKind.InvalidRequest,
                    "Permission '" + p.ToDisplayString() + "': " + ResourceTypes.ProductName + " grants only databases, e.g. 'write:databases/telemetry' or 'read:databases/*'.");
            return Wire(p.Action, p.Resource.IsGlobal ? "*" : p.Resource.Name ?? "*");
        }

        private static ManagementPermission Wire(PermissionAction action, string resource) =>
            new ManagementPermission { Action = action.ToText(), Resource = resource };

        /// <summary>A wire permission as a <see cref="Permission"/>; null for an action the API does not have.</summary>
        private static Permission? FromWire(ManagementPermission? p) =>
            PermissionActions.TryParse(p?.Action, ignoreCase: false, out var action)
                ? new Permission(action, new PermissionResource("databases", name: string.IsNullOrEmpty(p!.Resource) ? "*" : p.Resource))
                : null;

        private string PathOf(string id)
        {
            if (!Guid.TryParse(id, out var guid))
                throw new InfluxTokensException(InfluxErrorKind.InvalidRequest,
                    "'" + id + "' is not a " + Product.DisplayName() + " token id: ids are UUIDs, such as '11111111-1111-4111-8111-111111111111'.");
            return _root + "/" + guid;
        }

        private static string Rfc3339(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

        public void Dispose() => _http.Dispose();
    }
}
