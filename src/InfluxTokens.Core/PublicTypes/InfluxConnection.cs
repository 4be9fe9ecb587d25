using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using InfluxTokens.Backends;
using InfluxTokens.Http;

namespace InfluxTokens
{
    using InfluxTokens.Connections;

    /// <summary>
    /// An open connection to one server: its product, its default org, and the one backend (with its one
    /// pooled HTTP client) that every operation on this connection shares. Shows no secret.
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
        /// Opens a connection: the product's backend (detected from <c>/ping</c> unless named), with the credential
        /// proven by an authenticated request, so a wrong URL or token fails here, not at the first real command.
        /// </summary>
        public static async Task<InfluxConnection> OpenAsync(ConnectionSettings settings, CancellationToken cancellationToken,
            System.Net.Http.HttpMessageHandler? handler = null, TimeProvider? clock = null)
        {
            if (settings is null) throw new ArgumentNullException(nameof(settings));
            clock ??= TimeProvider.System;
            var opened = await BackendFactory.OpenAsync(settings, clock, handler, cancellationToken).ConfigureAwait(false);
            return new InfluxConnection(settings, opened.Backend.Product, opened.ServerVersion, opened.Backend, opened.Detected, clock);
        }

        public override string ToString()
        {
            var org = Org ?? OrgId;
            return Url.GetLeftPart(UriPartial.Path).TrimEnd('/') + " (" + Product.DisplayName() + (org is null ? string.Empty : ", org " + org) + ")";
        }

        public void Dispose() => Backend.Dispose();
    }

}
