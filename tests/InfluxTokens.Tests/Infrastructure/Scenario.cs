using System.Net;
using InfluxDB.Emulator;
using InfluxTokens.Backends;
using InfluxTokens.Connections;
using InfluxTokens.Leases;
using InfluxTokens.Tokens;

namespace InfluxTokens.Tests.Infrastructure;

/// <summary>
/// A fresh emulator of one product, a connection to it as the cmdlets get one, and one manual clock for
/// both: a test owns the whole server and moves time by hand.
/// </summary>
public sealed class Scenario : IAsyncDisposable
{
    /// <summary>Every product the emulator serves, for tests that must hold on each.</summary>
    public static TheoryData<InfluxDB.Emulator.EmulatorMode> EveryMode() => new(Enum.GetValues<InfluxDB.Emulator.EmulatorMode>());

    private static readonly HttpClient Http = new();

    private Scenario(EmulatorServer server, ManualClock clock, InfluxConnection connection)
    {
        Server = server;
        Clock = clock;
        Connection = connection;
    }

    public EmulatorServer Server { get; }
    public ManualClock Clock { get; }
    public InfluxConnection Connection { get; }
    public ITokenBackend Backend => Connection.Backend;

    private bool Is3 => Server.Options.Mode is not (EmulatorMode.Oss or EmulatorMode.Cloud);

    public static InfluxProduct ProductOf(EmulatorMode mode) => mode switch
    {
        EmulatorMode.Oss => InfluxProduct.InfluxDB2Oss,
        EmulatorMode.Cloud => InfluxProduct.InfluxDB2Cloud,
        EmulatorMode.Dedicated => InfluxProduct.CloudDedicated,
        EmulatorMode.Clustered => InfluxProduct.Clustered,
        EmulatorMode.Core => InfluxProduct.InfluxDB3Core,
        _ => InfluxProduct.InfluxDB3Enterprise,
    };

    public static async Task<Scenario> StartAsync(EmulatorMode mode = EmulatorMode.Oss, TimeSpan? activationDelay = null, bool hashedTokens = false)
    {
        var clock = new ManualClock();
        var server = await EmulatorServer.StartAsync(new EmulatorOptions { Mode = mode, Time = clock, ActivationDelay = activationDelay ?? TimeSpan.Zero, HashedTokens = hashedTokens });
        return new Scenario(server, clock, await OpenAsync(server, clock, server.SetupToken));
    }

    /// <summary>2.x, Core and Enterprise are detected from /ping; Dedicated and Clustered are named, with their ids.</summary>
    public static Task<InfluxConnection> OpenAsync(EmulatorServer server, TimeProvider clock, string token, TimeSpan? timeout = null,
        InfluxTokens.Http.RetryPolicy? retry = null, HttpMessageHandler? handler = null)
    {
        var settings = new ConnectionSettings(server.Url, new TokenSecret(token), "test") { Retry = retry ?? NoSleep(), Timeout = timeout ?? TimeSpan.FromSeconds(30) };
        switch (server.Options.Mode)
        {
            case EmulatorMode.Oss or EmulatorMode.Cloud:
                settings.Org = "my-org";
                break;
            case EmulatorMode.Dedicated or EmulatorMode.Clustered:
                settings.Product = ProductOf(server.Options.Mode);
                settings.AccountId = server.Management!.AccountId.ToString();
                settings.ClusterId = server.Management.ClusterId.ToString();
                settings.DataUrl = server.Url; // the emulator serves the data API on the same host
                break;
        }

        return InfluxConnection.OpenAsync(settings, default, handler, clock);
    }

    /// <summary>
    /// Mints a token leased for <paramref name="lease"/> (none when null). Without permissions or a preset it
    /// writes the default container (my-bucket, or my-db on InfluxDB 3).
    /// </summary>
    public async Task<IssuedInfluxToken> MintAsync(string description, string? lease, InfluxConnection? via = null,
        PermissionPreset preset = PermissionPreset.None, string[]? write = null, string[]? read = null, string[]? permission = null)
    {
        var connection = via ?? Connection;
        var writes = preset == PermissionPreset.None && write is null && read is null && permission is null
            ? new[] { Is3 ? "my-db" : "my-bucket" }
            : write;
        var spec = TokenSpecBuilder.Build(connection.Backend.ResourceTypes, new NewTokenRequest { Description = description, Permissions = permission ?? System.Array.Empty<string>(), Read = read ?? System.Array.Empty<string>(), Write = writes ?? System.Array.Empty<string>(), Preset = preset });
        spec.ExpiresAt = lease is null ? null : connection.Clock.GetUtcNow() + LeaseDuration.Parse(lease).Value;
        return await TokenOperations.NewAsync(connection.Backend, spec, asPlainText: true, default);
    }

    /// <summary>Writes one point to the default container with the token: the status says whether it works.</summary>
    public Task<HttpStatusCode> WriteAsync(IssuedInfluxToken token) => WriteAsync((string)token.Token);

    public async Task<HttpStatusCode> WriteAsync(string value)
    {
        var path = Server.Options.Mode switch
        {
            EmulatorMode.Oss or EmulatorMode.Cloud => "api/v2/write?org=my-org&bucket=my-bucket",
            EmulatorMode.Core or EmulatorMode.Enterprise => "api/v3/write_lp?db=my-db",
            _ => "api/v2/write?bucket=my-db",
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Server.Url, path)) { Content = new StringContent("m v=1") };
        request.Headers.TryAddWithoutValidation("Authorization", (Is3 ? "Bearer " : "Token ") + value);
        using var response = await Http.SendAsync(request);
        return response.StatusCode;
    }

    public async Task<List<InfluxToken>> TokensAsync(TokenFilter? filter = null)
    {
        var list = new List<InfluxToken>();
        await foreach (var t in TokenOperations.GetAsync(Backend, filter ?? new TokenFilter(), default)) list.Add(t);
        return list;
    }

    /// <summary>The default retry policy, waiting no real time: tests stay fast and the retries still happen.</summary>
    public static InfluxTokens.Http.RetryPolicy NoSleep() => new(seed: 1) { Delay = (_, _) => Task.CompletedTask };

    public async ValueTask DisposeAsync()
    {
        Connection.Dispose();
        await Server.DisposeAsync();
    }
}
