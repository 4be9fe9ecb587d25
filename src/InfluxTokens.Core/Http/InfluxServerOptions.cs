using System;
using InfluxTokens.Text;

namespace InfluxTokens.Http
{
    /// <summary>Where a server is and how to talk to it: everything a connection needs before it knows the product.</summary>
    public sealed class InfluxServerOptions
    {
        public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

        public InfluxServerOptions(Uri url, TokenSecret token)
        {
            Url = ValidateUrl(url);
            Token = token ?? throw new ArgumentNullException(nameof(token));
        }

        /// <summary>The server's base URL (scheme, host, port, and any path prefix of a reverse proxy).</summary>
        public Uri Url { get; }

        /// <summary>The credential every request carries.</summary>
        public TokenSecret Token { get; }

        /// <summary>How long one request may take, headers and body together.</summary>
        public TimeSpan Timeout { get; set; } = DefaultTimeout;

        /// <summary>How idempotent requests are retried on 429, 502, 503, 504, broken connections and timeouts.</summary>
        public RetryPolicy Retry { get; set; } = new RetryPolicy();

        /// <summary>Accept any TLS certificate. Off unless the caller explicitly opts out of verification.</summary>
        public bool SkipCertificateCheck { get; set; }

        /// <summary>Reads a server URL the way an admin types it: <c>http://host:8086</c>, <c>https://host/prefix</c>.</summary>
        /// <exception cref="ArgumentException">The text is not an absolute http or https URL; the message says what is accepted,
        /// and quotes the text only where it cannot be a secret (<see cref="Describe(string?)"/>).</exception>
        public static Uri ParseUrl(string? text)
        {
            var s = (text ?? string.Empty).Trim();
            if (s.Length == 0)
                throw new ArgumentException("The server URL is empty; give one such as 'http://localhost:8086' or 'https://us-east-1-1.aws.cloud2.influxdata.com'.");
            if (!Uri.TryCreate(s, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
                throw new ArgumentException("The server URL " + Describe(s) + " is not an absolute http:// or https:// URL, such as 'http://localhost:8086'.");
            return ValidateUrl(uri);
        }

        /// <summary>
        /// A URL as a message may quote it: without user name, password, query or fragment; and text without a
        /// scheme (<c>://</c>) is not quoted at all, since it may be a token put where the URL belongs.
        /// </summary>
        public static string Describe(string? text)
        {
            var s = (text ?? string.Empty).Trim();
            var scheme = s.IndexOf("://", StringComparison.Ordinal);
            if (scheme <= 0) return "(not shown: it has no scheme such as http://, and may be a token)";
            var rest = s.Substring(scheme + 3);
            var end = rest.IndexOfAny(new[] { '/', '?', '#' });
            var authority = end < 0 ? rest : rest.Substring(0, end);
            var at = authority.LastIndexOf('@');
            if (at >= 0) authority = "…@" + authority.Substring(at + 1);
            var path = end < 0 ? string.Empty : rest.Substring(end);
            var cut = path.IndexOfAny(new[] { '?', '#' });
            if (cut >= 0) path = path.Substring(0, cut) + "…";
            return "'" + Display.Truncate(s.Substring(0, scheme + 3) + authority + path, Display.EchoLimit) + "'";
        }

        /// <inheritdoc cref="Describe(string?)"/>
        public static string Describe(Uri url) => Describe(url?.OriginalString);

        private static Uri ValidateUrl(Uri url)
        {
            if (url is null) throw new ArgumentNullException(nameof(url));
            if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
                throw new ArgumentException("The server URL " + Describe(url) + " is not an absolute http:// or https:// URL, such as 'http://localhost:8086'.");
            if (!string.IsNullOrEmpty(url.UserInfo))
                throw new ArgumentException("The server URL must not carry a user name or password (not shown); pass the token separately.");
            if (!string.IsNullOrEmpty(url.Query) || !string.IsNullOrEmpty(url.Fragment))
                throw new ArgumentException("The server URL " + Describe(url) + " must not have a query string or fragment.");
            return url;
        }

        /// <summary>
        /// Whether requests to <paramref name="url"/> would carry the token in clear text over the network: http://
        /// to a host that is not this machine (loopback names and addresses are exempt).
        /// </summary>
        public static bool IsCleartextToRemote(Uri url)
        {
            if (url is null || url.Scheme != Uri.UriSchemeHttp) return false;
            var host = url.IdnHost.Trim('[', ']');
            if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase) || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)) return false;
            return !(System.Net.IPAddress.TryParse(host, out var ip) && System.Net.IPAddress.IsLoopback(ip));
        }
    }
}
