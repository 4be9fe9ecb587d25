using System.Net;
using InfluxDB.Emulator;
using InfluxTokens.Backends;
using InfluxTokens.Connections;
using InfluxTokens.Tests.Infrastructure;
using InfluxTokens.Tokens;

namespace InfluxTokens.Tests.V3;

/// <summary>A fresh InfluxDB 3 emulator of one product, a connection to it, and one manual clock for both.</summary>
public sealed class V3Scenario : IAsyncDisposable
{
    private static readonly HttpClient Http = new();

    private V3Scenario(EmulatorServer server, ManualClock clock, InfluxConnection connection)
    {
        Server = server;
        Clock = clock;
        Connection = connection;
    }

    public EmulatorServer Server { get; }
    public ManualClock Clock { get; }
    public InfluxConnection Connection { get; }
    public ITokenBackend Backend => Connection.Backend;

    public static InfluxProduct ProductOf(EmulatorMode mode) => mode switch
    {
        EmulatorMode.Dedicated => InfluxProduct.CloudDedicated,
        EmulatorMode.Clustered => InfluxProduct.Clustered,
        EmulatorMode.Core => InfluxProduct.InfluxDB3Core,
        _ => InfluxProduct.InfluxDB3Enterprise,
    };

    public static async Task<V3Scenario> StartAsync(EmulatorMode mode, TimeSpan? activationDelay = null)
    {
        var clock = new ManualClock();
        var server = await EmulatorServer.StartAsync(new EmulatorOptions { Mode = mode, Time = clock, ActivationDelay = activationDelay ?? TimeSpan.Zero });
        return new V3Scenario(server, clock, await OpenAsync(server, clock, server.SetupToken));
    }

    /// <summary>Dedicated and Clustered are named; Core and Enterprise are detected from /ping.</summary>
    public static Task<InfluxConnection> OpenAsync(EmulatorServer server, TimeProvider clock, string token)
    {
        var settings = new ConnectionSettings(server.Url, new TokenSecret(token), "test");
        if (server.Options.Mode is EmulatorMode.Dedicated or EmulatorMode.Clustered)
        {
            settings.Product = ProductOf(server.Options.Mode);
            settings.AccountId = server.Management!.AccountId.ToString();
            settings.ClusterId = server.Management.ClusterId.ToString();
            settings.DataUrl = server.Url; // the emulator serves the data API on the same host
        }

        return InfluxConnection.OpenAsync(settings, default, clock: clock);
    }

    public async Task<IssuedInfluxToken> MintAsync(string description, string? lease, bool allAccess = false, string[]? write = null, string[]? read = null, string[]? permission = null)
    {
        var writes = !allAccess && write is null && read is null && permission is null ? new[] { "my-db" } : write;
        var spec = TokenSpecBuilder.Build(Backend.ResourceTypes, description, permission, read, writes, allAccess, false, null, null, false);
        spec.ExpiresAt = TokenOperations.ExpiryFrom(Connection, lease is null ? null : LeaseDuration.Parse(lease), null);
        return await TokenOperations.NewAsync(Backend, spec, asPlainText: true, default);
    }

    /// <summary>Writes to my-db with the token, over the product's data plane.</summary>
    public async Task<HttpStatusCode> WriteAsync(IssuedInfluxToken token) => await WriteAsync((string)token.Token);

    public async Task<HttpStatusCode> WriteAsync(string value)
    {
        var path = Server.Options.Mode is EmulatorMode.Core or EmulatorMode.Enterprise ? "api/v3/write_lp?db=my-db" : "api/v2/write?bucket=my-db";
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Server.Url, path)) { Content = new StringContent("m v=1") };
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + value);
        using var response = await Http.SendAsync(request);
        return response.StatusCode;
    }

    public async Task<List<InfluxToken>> TokensAsync(TokenFilter? filter = null)
    {
        var list = new List<InfluxToken>();
        await foreach (var t in TokenOperations.GetAsync(Backend, filter ?? new TokenFilter(), default)) list.Add(t);
        return list;
    }

    public async ValueTask DisposeAsync()
    {
        Connection.Dispose();
        await Server.DisposeAsync();
    }
}
