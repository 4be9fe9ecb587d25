using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using InfluxTokens.Http;
using InfluxTokens.Permissions;

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
        /// detected: they are named in the settings.
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
