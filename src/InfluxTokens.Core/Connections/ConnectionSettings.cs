using System;
using InfluxTokens.Http;

namespace InfluxTokens.Connections
{
    /// <summary>Everything needed to open a connection, and where it came from (said in messages, never the token).</summary>
    public sealed class ConnectionSettings
    {
        public ConnectionSettings(Uri url, TokenSecret token, string source)
        {
            Url = url ?? throw new ArgumentNullException(nameof(url));
            Token = token ?? throw new ArgumentNullException(nameof(token));
            Source = source;
        }

        public Uri Url { get; }
        public TokenSecret Token { get; }

        /// <summary>The default org, by name.</summary>
        public string? Org { get; set; }

        /// <summary>The default org, by id (wins over <see cref="Org"/> when both are known).</summary>
        public string? OrgId { get; set; }

        public bool SkipCertificateCheck { get; set; }
        public TimeSpan Timeout { get; set; } = InfluxServerOptions.DefaultTimeout;

        /// <summary>How transient failures are retried.</summary>
        public RetryPolicy Retry { get; set; } = new RetryPolicy();

        /// <summary>Skip detection and speak this product's API (required for Cloud Dedicated and Clustered).</summary>
        public InfluxProduct? Product { get; set; }

        /// <summary>Cloud Dedicated: the account id (UUID).</summary>
        public string? AccountId { get; set; }

        /// <summary>Cloud Dedicated: the cluster id (UUID).</summary>
        public string? ClusterId { get; set; }

        /// <summary>
        /// Where the cluster's data API is (writes and queries), for checking that a new token works: by default
        /// the connection's own URL, and <c>https://&lt;cluster-id&gt;.a.influxdb.io</c> for Cloud Dedicated.
        /// </summary>
        public Uri? DataUrl { get; set; }

        /// <summary>Where the settings came from: given explicitly, "environment (INFLUX_HOST, INFLUX_TOKEN)", a config profile.</summary>
        public string Source { get; }
    }
}
