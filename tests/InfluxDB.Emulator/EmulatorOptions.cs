namespace InfluxDB.Emulator;

/// <summary>Which product the emulator pretends to be.</summary>
public enum EmulatorMode
{
    /// <summary>InfluxDB OSS 2.7: token values readable, operator setup token, OSS resource types.</summary>
    Oss,

    /// <summary>InfluxDB Cloud (TSM) / Serverless: values redacted after creation, all-access setup token, Cloud types.</summary>
    Cloud,

    /// <summary>InfluxDB Cloud Dedicated: the management API under /api/v0/accounts/{account}/clusters/{cluster}/tokens.</summary>
    Dedicated,

    /// <summary>InfluxDB Clustered: the same management API at /api/v0/tokens.</summary>
    Clustered,

    /// <summary>InfluxDB 3 Core: admin tokens, /api/v3, system.tokens.</summary>
    Core,

    /// <summary>InfluxDB 3 Enterprise: Core plus resource (database) tokens.</summary>
    Enterprise,
}

/// <summary>What the emulator sets up when it starts: the equivalent of <c>influx setup</c>.</summary>
public sealed class EmulatorOptions
{
    public EmulatorMode Mode { get; set; } = EmulatorMode.Oss;

    /// <summary>OSS: behave as 2.8+ with hashed tokens (values shown only in the create's answer, "" afterwards).</summary>
    public bool HashedTokens { get; set; }

    /// <summary>0 picks a free port.</summary>
    public int Port { get; set; }

    public string Org { get; set; } = "my-org";
    public string User { get; set; } = "my-user";
    public string Bucket { get; set; } = "my-bucket";

    /// <summary>The setup token's value; generated like the server does when null.</summary>
    public string? SetupToken { get; set; }

    /// <summary>InfluxDB 3: databases that exist (for writes).</summary>
    public string Database { get; set; } = "my-db";

    /// <summary>Cloud Dedicated / Clustered: how long a new database token takes to start working (the docs: seconds to minutes).</summary>
    public TimeSpan ActivationDelay { get; set; } = TimeSpan.Zero;

    /// <summary>The server's clock (createdAt/updatedAt); tests inject a fake one.</summary>
    public TimeProvider Time { get; set; } = TimeProvider.System;

    /// <summary>Serve HTTPS with this certificate instead of plain HTTP (TLS verification tests).</summary>
    public System.Security.Cryptography.X509Certificates.X509Certificate2? Certificate { get; set; }

    /// <summary>A round trip added to every request (benchmarks; see <see cref="Faults.Latency"/>); can be changed later through <see cref="EmulatorServer.Faults"/>.</summary>
    public TimeSpan Latency { get; set; }

    /// <summary>
    /// InfluxDB 3 Core/Enterprise: resources served without a token, as <c>influxdb3 serve --disable-authz</c>
    /// (<c>health</c>, <c>ping</c>, <c>metrics</c>); empty by default, so /ping needs a token like the real server's.
    /// </summary>
    public ISet<string> DisableAuthz { get; set; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Print one line per request to standard output (standalone use).</summary>
    public bool LogRequests { get; set; }
}
