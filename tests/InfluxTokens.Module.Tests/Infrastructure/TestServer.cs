using System.Collections;
using System.Net;
using System.Net.Http.Headers;
using System.Security;
using InfluxDB.Emulator;

namespace InfluxTokens.Module.Tests.Infrastructure;

/// <summary>
/// An emulator of one product on a free loopback port, and what a user types to connect to it: the
/// <c>$ConnectArgs</c> splat for Connect-InfluxServer.
/// </summary>
public sealed class TestServer : IAsyncDisposable
{
    /// <summary>Every product, for theories that must hold on each.</summary>
    public static TheoryData<EmulatorMode> EveryMode() => new(Enum.GetValues<EmulatorMode>());

    private static readonly HttpClient Http = new();

    private TestServer(EmulatorServer emulator) => Emulator = emulator;

    public EmulatorServer Emulator { get; }
    public EmulatorMode Mode => Emulator.Options.Mode;
    public bool IsV2 => Mode is EmulatorMode.Oss or EmulatorMode.Cloud;

    /// <summary>The bucket (2.x) or database (3) that exists on a fresh server.</summary>
    public string Container => IsV2 ? "my-bucket" : "my-db";

    /// <summary>The product's name as -Product takes it.</summary>
    public string Product => Mode switch
    {
        EmulatorMode.Oss => "InfluxDB2Oss",
        EmulatorMode.Cloud => "InfluxDB2Cloud",
        EmulatorMode.Dedicated => "CloudDedicated",
        EmulatorMode.Clustered => "Clustered",
        EmulatorMode.Core => "InfluxDB3Core",
        _ => "InfluxDB3Enterprise",
    };

    public static async Task<TestServer> StartAsync(EmulatorMode mode, TimeSpan? latency = null, Action<EmulatorOptions>? configure = null)
    {
        var options = new EmulatorOptions { Mode = mode, Latency = latency ?? TimeSpan.Zero };
        configure?.Invoke(options);
        return new(await EmulatorServer.StartAsync(options));
    }

    /// <summary>The parameters of Connect-InfluxServer for this server, as a splat (<c>Connect-InfluxServer @ConnectArgs</c>).</summary>
    public Hashtable ConnectArgs(string? token = null)
    {
        var args = new Hashtable { ["Url"] = Emulator.Url.ToString(), ["Token"] = Secure(token ?? Emulator.SetupToken) };
        switch (Mode)
        {
            case EmulatorMode.Oss or EmulatorMode.Cloud:
                args["Org"] = "my-org";
                break;
            case EmulatorMode.Dedicated or EmulatorMode.Clustered:
                args["Product"] = Product;
                args["AccountId"] = Emulator.Management!.AccountId.ToString();
                args["ClusterId"] = Emulator.Management.ClusterId.ToString();
                args["DataUrl"] = Emulator.Url.ToString();
                break;
        }

        return args;
    }

    /// <summary>
    /// The permissions of an ordinary token here, as a splat for New-InfluxToken: write the default container,
    /// or on InfluxDB 3 Core (admin tokens only) a named admin token.
    /// </summary>
    public Hashtable MintArgs => Mode == EmulatorMode.Core ? new Hashtable { ["AllAccess"] = true } : new Hashtable { ["Write"] = Container };

    /// <summary>Variables a script gets: <c>$ConnectArgs</c>, <c>$MintArgs</c>, <c>$Container</c>, <c>$Manifest</c>.</summary>
    public Hashtable Variables(string? token = null) => new()
    {
        ["ConnectArgs"] = ConnectArgs(token),
        ["MintArgs"] = MintArgs,
        ["Container"] = Container,
        ["Manifest"] = ModuleFolder.Manifest,
    };

    public static SecureString Secure(string value)
    {
        var s = new SecureString();
        foreach (var c in value) s.AppendChar(c);
        s.MakeReadOnly();
        return s;
    }

    /// <summary>Writes one point to the default container with <paramref name="token"/>: the status says whether it works.</summary>
    public async Task<HttpStatusCode> WriteAsync(string token)
    {
        var path = Mode switch
        {
            EmulatorMode.Oss or EmulatorMode.Cloud => "api/v2/write?org=my-org&bucket=my-bucket",
            EmulatorMode.Core or EmulatorMode.Enterprise => "api/v3/write_lp?db=my-db",
            _ => "api/v2/write?bucket=my-db",
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Emulator.Url, path)) { Content = new StringContent("m v=1") };
        request.Headers.Authorization = new AuthenticationHeaderValue(IsV2 ? "Token" : "Bearer", token);
        using var response = await Http.SendAsync(request);
        return response.StatusCode;
    }

    public ValueTask DisposeAsync() => Emulator.DisposeAsync();
}
