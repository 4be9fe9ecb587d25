using System.Collections;
using InfluxDB.Emulator;

namespace InfluxTokens.Module.Tests.Infrastructure;

/// <summary>A fresh emulator and a PowerShell session already connected to it: the start of most cmdlet tests.</summary>
public sealed class Connected : IAsyncDisposable
{
    private Connected(TestServer server, PsSession ps)
    {
        Server = server;
        Ps = ps;
    }

    public TestServer Server { get; }
    public PsSession Ps { get; }
    public TestHost Host => Ps.Host;

    public static async Task<Connected> StartAsync(EmulatorMode mode = EmulatorMode.Oss, Action<EmulatorOptions>? configure = null)
    {
        var server = await TestServer.StartAsync(mode, configure: configure);
        var ps = new PsSession();
        ps.Run("Connect-InfluxServer @ConnectArgs", server.Variables()).AssertClean();
        return new Connected(server, ps);
    }

    /// <summary>Runs a script with the server's variables ($ConnectArgs, $MintArgs, $Container) and any others.</summary>
    public PsResult Run(string script, IDictionary? variables = null)
    {
        var all = Server.Variables();
        if (variables is not null)
            foreach (DictionaryEntry v in variables) all[v.Key] = v.Value;
        return Ps.Run(script, all);
    }

    public async ValueTask DisposeAsync()
    {
        Ps.Dispose();
        await Server.DisposeAsync();
    }
}
