using System.Management.Automation;
using InfluxDB.Emulator;
using InfluxTokens.Module.Tests.Infrastructure;

namespace InfluxTokens.Module.Tests.Cmdlets;

/// <summary>Connections from INFLUX_* variables, and what happens with none at all.</summary>
[Collection(ProcessEnvironment.Name)]
public class EnvironmentConnectionTests
{
    private static readonly Dictionary<string, string?> Nothing = new()
    {
        ["INFLUX_HOST"] = null, ["INFLUX_TOKEN"] = null, ["INFLUX_ORG"] = null, ["INFLUX_ORG_ID"] = null,
        ["INFLUX_CONFIGS_PATH"] = null,
        // A home without CLI configs (~/.influxdbv2/configs, influxctl's config.toml).
        ["HOME"] = Directory.CreateTempSubdirectory("influxtokens-home-").FullName,
    };

    [Fact]
    public async Task Without_a_connection_every_cmdlet_says_so_with_its_own_id()
    {
        await using var server = await TestServer.StartAsync(EmulatorMode.Oss);
        using var _ = ProcessEnvironment.Set(Nothing);
        using var first = new PsSession();
        using var second = new PsSession();
        first.Run("Connect-InfluxServer @ConnectArgs", server.Variables()).AssertClean();
        foreach (var command in new[] { "Get-InfluxToken", "New-InfluxToken -Description x -Write b -Force", "Invoke-InfluxTokenSweep -Force" })
        {
            var r = second.Run(command); // another runspace: the first one's connection is not its own
            var error = Assert.Single(r.AllErrors);
            Assert.Equal("InfluxNotConnected", error.FullyQualifiedErrorId.Split(',')[0]);
            Assert.Equal(ErrorCategory.ConnectionError, error.CategoryInfo.Category);
            Assert.Contains("Connect-InfluxServer", error.Exception.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_connection_from_INFLUX_variables_is_used_and_Disconnect_says_where_it_came_from()
    {
        await using var server = await TestServer.StartAsync(EmulatorMode.Oss);
        using var _ = ProcessEnvironment.Set(new Dictionary<string, string?>(Nothing)
        {
            ["INFLUX_HOST"] = server.Emulator.Url.ToString(), ["INFLUX_TOKEN"] = server.Emulator.SetupToken, ["INFLUX_ORG"] = "my-org",
        });
        using var ps = new PsSession();
        ps.Run("New-InfluxToken -Description from-env -Write my-bucket -Force | Out-Null").AssertClean();
        Assert.Equal("from-env", ps.Run("(Get-InfluxToken -Description from-env).Description").AssertClean().Output.Single().BaseObject);
        var r = ps.Run("Disconnect-InfluxServer -Verbose").AssertClean();
        var said = string.Join("\n", r.Verbose.Select(v => v.Message));
        Assert.Contains("Disconnected from", said, StringComparison.Ordinal);
        Assert.Contains("INFLUX_HOST", said, StringComparison.Ordinal);
        Assert.DoesNotContain("no connection", said, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(server.Emulator.SetupToken, said, StringComparison.Ordinal);
    }
}
