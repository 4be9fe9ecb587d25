using System.Net;
using System.Net.Http.Headers;
using InfluxDB.Emulator;
using InfluxTokens.Backends.V2;
using InfluxTokens.Http;

namespace InfluxTokens.Tests.Infrastructure;

/// <summary>One emulator per test class, on a free loopback port, with helpers to talk to it.</summary>
public abstract class EmulatorFixture(EmulatorMode mode) : IAsyncLifetime
{
    private readonly List<IDisposable> _owned = new();

    public EmulatorServer Server { get; private set; } = null!;

    public Uri Url => Server.Url;

    public InfluxProduct Product => mode == EmulatorMode.Cloud ? InfluxProduct.InfluxDB2Cloud : InfluxProduct.InfluxDB2Oss;

    public HttpClient Raw { get; } = new();

    public async Task InitializeAsync() => Server = await EmulatorServer.StartAsync(new EmulatorOptions { Mode = mode });

    public async Task DisposeAsync()
    {
        foreach (var d in _owned) d.Dispose();
        Raw.Dispose();
        await Server.DisposeAsync();
    }

    /// <summary>A 2.x backend authenticated with <paramref name="token"/> (the setup token by default).</summary>
    public V2TokenBackend Backend(string? token = null, string? defaultOrg = "my-org", TimeSpan? timeout = null)
    {
        var options = new InfluxServerOptions(Url, new TokenSecret(token ?? Server.SetupToken)) { Timeout = timeout ?? TimeSpan.FromSeconds(10), Retry = Scenario.NoSleep() };
        var backend = new V2TokenBackend(new InfluxHttpClient(options, V2TokenBackend.AuthScheme), Product, defaultOrg);
        _owned.Add(backend);
        return backend;
    }

    /// <summary>A connection as the cmdlets get one, on <paramref name="clock"/>.</summary>
    public async Task<InfluxConnection> ConnectAsync(TimeProvider clock, string? token = null)
    {
        var settings = new InfluxTokens.Connections.ConnectionSettings(Url, new TokenSecret(token ?? Server.SetupToken), "test") { Org = "my-org", Retry = Scenario.NoSleep() };
        var connection = await InfluxConnection.OpenAsync(settings, default, clock: clock);
        _owned.Add(connection);
        return connection;
    }

    /// <summary>Writes one line of line protocol with <paramref name="token"/>; the status says whether the token works.</summary>
    public async Task<HttpStatusCode> WriteAsync(string token, string bucket = "my-bucket")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Url, $"api/v2/write?org=my-org&bucket={bucket}&precision=s"))
        {
            Content = new StringContent("cpu,host=a usage=1 1700000000\n"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Token", token);
        using var response = await Raw.SendAsync(request);
        return response.StatusCode;
    }

    /// <summary>Sends a raw request with the setup token (or <paramref name="token"/>) and returns status, body and headers.</summary>
    public async Task<(HttpStatusCode Status, string Body, HttpResponseHeaders Headers, string? ContentType)> SendAsync(
        HttpMethod method, string pathAndQuery, string? json = null, string? token = null, string scheme = "Token")
    {
        using var request = new HttpRequestMessage(method, new Uri(Url, pathAndQuery.TrimStart('/')));
        if (json is not null) request.Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        if (token != "") request.Headers.TryAddWithoutValidation("Authorization", scheme + " " + (token ?? Server.SetupToken));
        using var response = await Raw.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response.Headers, response.Content.Headers.ContentType?.ToString());
    }
}

public sealed class OssEmulator() : EmulatorFixture(EmulatorMode.Oss);

public sealed class CloudEmulator() : EmulatorFixture(EmulatorMode.Cloud);
