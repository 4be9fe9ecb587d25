using InfluxDB.Emulator;
using InfluxTokens.Backends;
using InfluxTokens.Tests.Infrastructure;
using InfluxTokens.Tokens;

namespace InfluxTokens.Tests.Leases;

/// <summary>A fresh emulator and a connection sharing one manual clock: a test owns the whole server.</summary>
public sealed class LeaseScenario : IAsyncDisposable
{
    private readonly EmulatorServer _server;

    private LeaseScenario(EmulatorServer server, ManualClock clock, InfluxConnection connection)
    {
        _server = server;
        Clock = clock;
        Connection = connection;
    }

    public ManualClock Clock { get; }
    public InfluxConnection Connection { get; }
    public EmulatorServer Server => _server;
    public ITokenBackend Backend => Connection.Backend;
    private static readonly HttpClient Http = new();

    public static async Task<LeaseScenario> StartAsync(string? connectWith = null)
    {
        var clock = new ManualClock();
        var server = await EmulatorServer.StartAsync(new EmulatorOptions { Time = clock });
        return new LeaseScenario(server, clock, await OpenAsync(server, clock, connectWith ?? server.SetupToken));
    }

    public static async Task<InfluxConnection> OpenAsync(EmulatorServer server, TimeProvider clock, string token) =>
        await InfluxConnection.OpenAsync(new InfluxTokens.Connections.ConnectionSettings(server.Url, new TokenSecret(token), "test") { Org = "my-org" }, default, clock: clock);

    /// <summary>Mints a token writing my-bucket, leased for <paramref name="lease"/> (none when null).</summary>
    public async Task<IssuedInfluxToken> MintAsync(string description, string? lease, InfluxConnection? via = null, PermissionPreset preset = PermissionPreset.None)
    {
        var connection = via ?? Connection;
        var spec = preset == PermissionPreset.None
            ? TokenSpecBuilder.Build(connection.Backend.ResourceTypes, description, null, null, new[] { "my-bucket" }, false, false, null, null, false)
            : new TokenSpec { Description = description, Preset = preset };
        spec.ExpiresAt = TokenOperations.ExpiryFrom(connection, lease is null ? null : LeaseDuration.Parse(lease), null);
        return await TokenOperations.NewAsync(connection.Backend, spec, asPlainText: true, default);
    }

    public async Task<System.Net.HttpStatusCode> WriteAsync(IssuedInfluxToken token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_server.Url, "api/v2/write?org=my-org&bucket=my-bucket"))
        {
            Content = new StringContent("m v=1"),
        };
        request.Headers.TryAddWithoutValidation("Authorization", "Token " + (string)token.Token);
        using var response = await Http.SendAsync(request);
        return response.StatusCode;
    }

    public async Task<List<InfluxToken>> TokensAsync()
    {
        var list = new List<InfluxToken>();
        await foreach (var t in TokenOperations.GetAsync(Backend, new TokenFilter(), default)) list.Add(t);
        return list;
    }

    public async ValueTask DisposeAsync()
    {
        Connection.Dispose();
        await _server.DisposeAsync();
    }
}
