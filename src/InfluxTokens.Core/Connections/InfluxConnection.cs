using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using InfluxTokens.Backends;
using InfluxTokens.Backends.V2;
using InfluxTokens.Http;

namespace InfluxTokens
{
    using InfluxTokens.Connections;

    /// <summary>
    /// An open connection to one server: its product, its default org, and the one backend (with its one
    /// pooled HTTP client) that every cmdlet given this connection shares. Shows no secret.
    /// </summary>
    public sealed class InfluxConnection : IDisposable
    {
        private InfluxConnection(ConnectionSettings settings, InfluxProduct product, string? serverVersion, ITokenBackend backend, bool productDetected, TimeProvider clock)
        {
            Clock = clock;
            Url = settings.Url;
            Org = settings.Org;
            OrgId = settings.OrgId;
            Product = product;
            ServerVersion = serverVersion;
            Backend = backend;
            Source = settings.Source;
            ProductDetected = productDetected;
            SkipCertificateCheck = settings.SkipCertificateCheck;
            Timeout = settings.Timeout;
            Token = settings.Token;
            DataUrl = settings.DataUrl
                      ?? (product == InfluxProduct.CloudDedicated && Guid.TryParse(settings.ClusterId, out var cluster)
                          ? new Uri("https://" + cluster + ".a.influxdb.io/")
                          : settings.Url);
            Warnings = WarningsFor(Url, DataUrl, SkipCertificateCheck);
        }

        /// <summary>
        /// What every command on this connection should warn about: the token sent in clear text to another host
        /// (http:// that is not loopback), TLS certificate checks turned off. Empty when there is nothing to say.
        /// </summary>
        public IReadOnlyList<string> Warnings { get; }

        internal static IReadOnlyList<string> WarningsFor(Uri url, Uri dataUrl, bool skipCertificateCheck)
        {
            var warnings = new List<string>();
            foreach (var u in dataUrl == url ? new[] { url } : new[] { url, dataUrl })
                if (InfluxServerOptions.IsCleartextToRemote(u))
                    warnings.Add("Requests to " + InfluxServerOptions.Describe(u) + " carry the token in clear text (http://, not https://): anyone on the network path can read and use it.");
            if (skipCertificateCheck)
                warnings.Add("TLS certificate checks are off for " + InfluxServerOptions.Describe(url) + ": the token can be captured by anyone who can intercept the connection.");
            return warnings;
        }

        /// <summary>Where the data API is: the connection's URL, or the cluster's for Cloud Dedicated.</summary>
        public Uri DataUrl { get; }

        public Uri Url { get; }
        public InfluxProduct Product { get; }
        public string? Org { get; }
        public string? OrgId { get; }

        /// <summary>What the server reported as its version (<c>X-Influxdb-Version</c>), where it did.</summary>
        public string? ServerVersion { get; }

        /// <summary>Where the settings came from.</summary>
        public string Source { get; }

        /// <summary>False when the product was given rather than detected.</summary>
        public bool ProductDetected { get; }

        public bool SkipCertificateCheck { get; }
        public TimeSpan Timeout { get; }

        /// <summary>The backend all token operations go through.</summary>
        public ITokenBackend Backend { get; }

        /// <summary>The clock leases are measured against.</summary>
        internal TimeProvider Clock { get; }

        /// <summary>The time by this connection's clock: expiries asked for as durations count from it.</summary>
        public DateTimeOffset Now => Clock.GetUtcNow();

        /// <summary>The credential this connection authenticates with (the sweep must never revoke it).</summary>
        internal TokenSecret Token { get; }

        /// <summary>
        /// Opens a connection: detects the product from <c>/ping</c> unless told, then proves the credential
        /// with an authenticated request, so a wrong URL or token fails here, not at the first real command.
        /// </summary>
        public static async Task<InfluxConnection> OpenAsync(ConnectionSettings settings, CancellationToken cancellationToken,
            System.Net.Http.HttpMessageHandler? handler = null, TimeProvider? clock = null)
        {
            clock ??= TimeProvider.System;
            if (settings is null) throw new ArgumentNullException(nameof(settings));
            var options = new InfluxServerOptions(settings.Url, settings.Token)
            {
                Timeout = settings.Timeout,
                SkipCertificateCheck = settings.SkipCertificateCheck,
                Retry = settings.Retry,
            };
            var http = new InfluxHttpClient(options, V2TokenBackend.AuthScheme, handler);
            try
            {
                var product = settings.Product;
                string? version = null;
                var detected = product is null;
                if (product is null)
                {
                    (product, version) = await ProductDetection.DetectAsync(http, settings.Url, cancellationToken).ConfigureAwait(false);
                }

                var backend = CreateBackend(product.Value, http, settings, clock);
                // Prove the credential now, so a wrong URL or token fails here and not at the first real command.
                if (backend is V2TokenBackend v2)
                {
                    var types = await v2.ServerResourceTypesAsync(cancellationToken).ConfigureAwait(false);
                    if (detected && product == InfluxProduct.InfluxDB2Oss && ProductDetection.LooksLikeCloud(types))
                    {
                        product = InfluxProduct.InfluxDB2Cloud;
                        backend = CreateBackend(product.Value, http, settings, clock);
                    }
                }
                else
                {
                    var e = backend.ListAsync(TokenQuery.All, cancellationToken).GetAsyncEnumerator(cancellationToken);
                    try { await e.MoveNextAsync().ConfigureAwait(false); }
                    finally { await e.DisposeAsync().ConfigureAwait(false); }
                }

                return new InfluxConnection(settings, product.Value, version, backend, detected, clock);
            }
            catch
            {
                http.Dispose();
                throw;
            }
        }

        private static ITokenBackend CreateBackend(InfluxProduct product, InfluxHttpClient http, ConnectionSettings settings, TimeProvider clock)
        {
            switch (product)
            {
                case InfluxProduct.InfluxDB2Oss:
                case InfluxProduct.InfluxDB2Cloud:
                    return new V2TokenBackend(http, product, settings.OrgId ?? settings.Org, clock);
                case InfluxProduct.CloudDedicated:
                case InfluxProduct.Clustered:
                    return new Backends.V3.ManagementTokenBackend(http, product, settings.AccountId, settings.ClusterId, clock);
                default:
                    return new Backends.V3.CoreTokenBackend(http, product, clock);
            }
        }

        public override string ToString()
        {
            var org = Org ?? OrgId;
            return Url.GetLeftPart(UriPartial.Path).TrimEnd('/') + " (" + Product.DisplayName() + (org is null ? string.Empty : ", org " + org) + ")";
        }

        public void Dispose() => Backend.Dispose();
    }

}

namespace InfluxTokens.Connections
{

    /// <summary>Tells the products apart from what the server says about itself.</summary>
    public static class ProductDetection
    {
        /// <summary>
        /// Asks <c>/ping</c> with the credential (InfluxDB 3 Core and Enterprise refuse an anonymous one) and names
        /// the product. A refused credential is reported as such, not as an unknown product; a server without an
        /// InfluxDB <c>/ping</c> (a Cloud Dedicated or Clustered management host) is told to name its product.
        /// </summary>
        public static async Task<(InfluxProduct Product, string? Version)> DetectAsync(InfluxHttpClient http, Uri url, CancellationToken cancellationToken)
        {
            System.Net.Http.Headers.HttpResponseHeaders headers;
            try
            {
                headers = await http.ProbeAsync("/ping", cancellationToken).ConfigureAwait(false);
            }
            catch (InfluxApiException ex) when (ex.StatusCode is 401 or 403)
            {
                throw new InfluxTokensException(ex.Kind,
                    Authority(url) + " refused the token on GET /ping (HTTP " + ex.StatusCode + "): it is an InfluxDB that authenticates /ping "
                    + "(InfluxDB 3 Core or Enterprise) and does not accept this token.", ex);
            }
            catch (InfluxApiException ex) when (ex.StatusCode is 404 or 405)
            {
                throw new InfluxTokensException(InfluxErrorKind.NotSupported,
                    Authority(url) + " does not answer GET /ping as InfluxDB 2.x or 3 Core/Enterprise do (HTTP " + ex.StatusCode
                    + "), so its product cannot be detected: name the product (Cloud Dedicated and Clustered always need it named).", ex);
            }

            var version = Header(headers, "X-Influxdb-Version");
            return (FromPing(Header(headers, "X-Influxdb-Build"), version, url), version);
        }

        private static string Authority(Uri url) => url.GetLeftPart(UriPartial.Authority);

        private static string? Header(System.Net.Http.Headers.HttpResponseHeaders headers, string name) =>
            headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

        /// <summary>
        /// From <c>/ping</c>'s <c>X-Influxdb-Build</c> and <c>X-Influxdb-Version</c>: OSS 2.x says <c>OSS</c> and
        /// <c>v2.x</c>; Cloud says <c>Cloud</c> (and no version); InfluxDB 3 says <c>Core</c> or <c>Enterprise</c> and
        /// 3.x. InfluxDB 1.x is refused with the reason. Cloud Dedicated and Clustered management hosts cannot be
        /// detected: they are named (-Product).
        /// </summary>
        public static InfluxProduct FromPing(string? build, string? version, Uri url)
        {
            var v = (version ?? string.Empty).TrimStart('v', 'V');
            if (build is not null && build.IndexOf("cloud", StringComparison.OrdinalIgnoreCase) >= 0) return InfluxProduct.InfluxDB2Cloud;
            if (v.StartsWith("1.", StringComparison.Ordinal))
                throw new InfluxTokensException(InfluxErrorKind.NotSupported,
                    url.GetLeftPart(UriPartial.Authority) + " is InfluxDB " + version + "; InfluxDB 1.x has users, not API tokens.");
            if (build is not null && build.IndexOf("enterprise", StringComparison.OrdinalIgnoreCase) >= 0) return InfluxProduct.InfluxDB3Enterprise;
            if ((build is not null && build.IndexOf("core", StringComparison.OrdinalIgnoreCase) >= 0) || v.StartsWith("3", StringComparison.Ordinal))
                return InfluxProduct.InfluxDB3Core;
            return InfluxProduct.InfluxDB2Oss;
        }

        /// <summary>Cloud lists its own resource types (flows, subscriptions...) and none of OSS's (instance, remotes).</summary>
        public static bool LooksLikeCloud(IReadOnlyList<string> serverTypes) =>
            serverTypes.Any(t => t == "flows" || t == "subscriptions" || t == "functions") && !serverTypes.Contains(ResourceTypeSet.Instance);
    }
}
