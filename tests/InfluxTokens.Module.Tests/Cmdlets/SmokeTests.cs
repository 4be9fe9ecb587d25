using InfluxDB.Emulator;
using InfluxTokens.Module.Tests.Infrastructure;

namespace InfluxTokens.Module.Tests.Cmdlets;

public class SmokeTests
{
    [Theory]
    [MemberData(nameof(TestServer.EveryMode), MemberType = typeof(TestServer))]
    public async Task Connect_new_get_revoke(EmulatorMode mode)
    {
        await using var server = await TestServer.StartAsync(mode);
        using var ps = new PsSession();
        var r = ps.Run("""
            Connect-InfluxServer @ConnectArgs
            $t = New-InfluxToken -Description smoke-1 @MintArgs -ExpiresIn 1h -AsPlainText
            $t
            Get-InfluxToken -Description smoke-* | Revoke-InfluxToken -Force -PassThru
            """, server.Variables()).AssertClean();
        Assert.Equal(2, r.Output.Count);
    }
}
