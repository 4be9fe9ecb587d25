using System.Collections;
using InfluxDB.Emulator;
using InfluxTokens.Module.Tests.Infrastructure;

namespace InfluxTokens.Module.Tests.Cmdlets;

/// <summary>The session's connection belongs to its runspace; connection objects work anywhere.</summary>
public class ConnectionTests
{
    [Fact]
    public async Task A_parallel_fleet_script_mints_sweeps_and_revokes_each_on_its_own_server()
    {
        await using var oss = await TestServer.StartAsync(EmulatorMode.Oss);
        await using var dedicated = await TestServer.StartAsync(EmulatorMode.Dedicated);
        await using var core = await TestServer.StartAsync(EmulatorMode.Core);
        var fleet = new[] { ("oss", oss), ("dedicated", dedicated), ("core", core) }
            .Select(s => new Hashtable { ["Name"] = s.Item1, ["ConnectArgs"] = s.Item2.ConnectArgs(), ["MintArgs"] = s.Item2.MintArgs })
            .ToArray();

        using var ps = new PsSession();
        var r = ps.Run("""
            $Fleet | ForEach-Object -ThrottleLimit 3 -Parallel {
                Import-Module $using:Manifest
                $server = $_
                $mint = $server.MintArgs
                $connect = $server.ConnectArgs
                Connect-InfluxServer @connect
                foreach ($i in 1..8) {
                    # Short leases and long ones, interleaved with the other runspaces' work.
                    $lease = if ($i % 2) { '2s' } else { '1h' }   # 2 s: Dedicated refuses an expiry already past on arrival
                    New-InfluxToken -Description "fleet-$($server.Name)-$i" @mint -ExpiresIn $lease -Force | Out-Null
                }
                Start-Sleep -Milliseconds 2500
                $swept = Invoke-InfluxTokenSweep -Description 'fleet-*' -Force | Where-Object { $null -ne $_.Outcome }
                Get-InfluxToken -Description "fleet-$($server.Name)-8" | Revoke-InfluxToken -Force
                [pscustomobject]@{ Server = $server.Name; Swept = @($swept).Count; Left = @(Get-InfluxToken -Description 'fleet-*').Description }
            }
            """, new Hashtable { ["Fleet"] = fleet, ["Manifest"] = ModuleFolder.Manifest }).AssertClean();

        Assert.Equal(3, r.Output.Count);
        foreach (var o in r.Output)
        {
            var name = (string)o.Properties["Server"].Value;
            Assert.Equal(4, (int)o.Properties["Swept"].Value);
            var left = ((object[])o.Properties["Left"].Value).Cast<string>().Order().ToArray();
            Assert.Equal(new[] { $"fleet-{name}-2", $"fleet-{name}-4", $"fleet-{name}-6" }, left);
        }
    }

    [Fact]
    public async Task A_passed_through_connection_works_from_any_runspace_and_outlives_a_reconnect()
    {
        await using var server = await TestServer.StartAsync(EmulatorMode.Oss);
        await using var other = await TestServer.StartAsync(EmulatorMode.Cloud);
        using var first = new PsSession();
        var connection = first.Run("Connect-InfluxServer @ConnectArgs -PassThru", server.Variables()).AssertClean().Output.Single().BaseObject;
        first.Run("Connect-InfluxServer @ConnectArgs", other.Variables()).AssertClean();

        using var second = new PsSession();
        var r = second.Run("New-InfluxToken -Connection $c -Description handed -Write my-bucket -Force | Out-Null; (Get-InfluxToken -Connection $c -Description handed).Description",
            new Hashtable { ["c"] = connection }).AssertClean();
        Assert.Equal("handed", r.Output.Single().BaseObject);
        Assert.Empty(first.Run("Get-InfluxToken -Description handed").AssertClean().Output); // the session's connection is the other server now
    }
}
