using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using InfluxTokens.Backends.V2;
using InfluxTokens.Backends.V3;
using InfluxTokens.Connections;
using InfluxTokens.Http;

namespace InfluxTokens.Backends
{
    /// <summary>
    /// The one place that knows every product: which backend speaks it, with which credential scheme, how it
    /// is detected and how its credential is proven. Adding a product means a backend and a case here.
    /// </summary>
    public static class BackendFactory
    {
        /// <summary>A backend opened on a server, and what was learnt doing so.</summary>
        public sealed class Opened
        {
            internal Opened(ITokenBackend backend, string? serverVersion, bool detected)
            {
                Backend = backend;
                ServerVersion = serverVersion;
                Detected = detected;
            }

            public ITokenBackend Backend { get; }
            public string? ServerVersion { get; }
            public bool Detected { get; }
        }

        /// <summary>Detects the product unless the settings name it, builds its backend and proves the credential.</summary>
        public static async Task<Opened> OpenAsync(ConnectionSettings settings, TimeProvider clock, HttpMessageHandler? handler, CancellationToken cancellationToken)
        {
            if (settings is null) throw new ArgumentNullException(nameof(settings));
            var options = new InfluxServerOptions(settings.Url, settings.Token)
            {
                Timeout = settings.Timeout,
                SkipCertificateCheck = settings.SkipCertificateCheck,
                Retry = settings.Retry,
            };

            var product = settings.Product;
            string? version = null;
            if (product is null)
            {
                using var probe = new InfluxHttpClient(options, V2TokenBackend.AuthScheme, handler);
                (product, version) = await ProductDetection.DetectAsync(probe, settings.Url, cancellationToken).ConfigureAwait(false);
            }

            var detected = settings.Product is null;
            var backend = Create(product.Value, options, settings, clock, handler);
            try
            {
                // Prove the credential now; on 2.x the server's own resource types also tell Cloud from OSS.
                if (backend is V2TokenBackend v2)
                {
                    var types = await v2.ServerResourceTypesAsync(cancellationToken).ConfigureAwait(false);
                    if (detected && product == InfluxProduct.InfluxDB2Oss && ProductDetection.LooksLikeCloud(types))
                    {
                        backend.Dispose();
                        backend = Create(InfluxProduct.InfluxDB2Cloud, options, settings, clock, handler);
                    }
                }
                else
                {
                    var e = backend.ListAsync(TokenQuery.All, cancellationToken).GetAsyncEnumerator(cancellationToken);
                    try { await e.MoveNextAsync().ConfigureAwait(false); }
                    finally { await e.DisposeAsync().ConfigureAwait(false); }
                }

                return new Opened(backend, version, detected);
            }
            catch
            {
                backend.Dispose();
                throw;
            }
        }

        /// <summary>The backend of <paramref name="product"/>, over a client that sends the credential the way that API takes it.</summary>
        public static ITokenBackend Create(InfluxProduct product, InfluxServerOptions options, ConnectionSettings settings, TimeProvider clock, HttpMessageHandler? handler = null)
        {
            switch (product)
            {
                case InfluxProduct.InfluxDB2Oss:
                case InfluxProduct.InfluxDB2Cloud:
                    return new V2TokenBackend(new InfluxHttpClient(options, V2TokenBackend.AuthScheme, handler), product, settings.OrgId ?? settings.Org, clock);
                case InfluxProduct.CloudDedicated:
                case InfluxProduct.Clustered:
                    return new ManagementTokenBackend(new InfluxHttpClient(options, ManagementTokenBackend.AuthScheme, handler), product, settings.AccountId, settings.ClusterId, clock);
                case InfluxProduct.InfluxDB3Core:
                case InfluxProduct.InfluxDB3Enterprise:
                    return new CoreTokenBackend(new InfluxHttpClient(options, CoreTokenBackend.AuthScheme, handler), product, clock);
                default:
                    throw new ArgumentOutOfRangeException(nameof(product), product, "No backend speaks this product.");
            }
        }
    }
}
