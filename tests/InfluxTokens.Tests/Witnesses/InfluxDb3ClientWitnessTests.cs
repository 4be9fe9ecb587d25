using System.Net;
using InfluxDB.Emulator;
using InfluxDB3.Client;
using InfluxDB3.Client.Config;
using InfluxTokens.Backends;
using InfluxTokens.Tests.Infrastructure;

namespace InfluxTokens.Tests.Witnesses;

/// <summary>
/// InfluxData's C# client for InfluxDB 3 (InfluxDB3.Client 1.10.0) writes with the tokens the module mints, on
/// every InfluxDB 3 product, and is refused once the module has revoked them.
/// </summary>
public class InfluxDb3ClientWitnessTests
{
    public static TheoryData<EmulatorMode> Products() => new() { EmulatorMode.Dedicated, EmulatorMode.Clustered, EmulatorMode.Core, EmulatorMode.Enterprise };

    [Theory]
    [MemberData(nameof(Products))]
    public async Task The_client_writes_with_minted_tokens_until_the_module_revokes_them(EmulatorMode mode)
    {
        await using var s = await Scenario.StartAsync(mode);
        foreach (var scenario in WitnessScenarios.Table.V3)
        {
            // Core mints admin tokens only; the others grant the database itself.
            var minted = mode == EmulatorMode.Core
                ? await s.MintAsync(scenario.Description, scenario.Lease, preset: PermissionPreset.AllAccess)
                : await s.MintAsync(scenario.Description, scenario.Lease, write: new[] { scenario.Database });

            using (var client = Client(s, (string)minted.Token, scenario.Database))
                await client.WriteRecordAsync(WitnessScenarios.Table.Line);

            var revoked = await TokenRevocation.RevokeAsync(s.Backend, minted.Id, null, RevokeAction.Delete, default);
            Assert.Equal(RevokeOutcome.Revoked, revoked.Outcome);
            using (var client = Client(s, (string)minted.Token, scenario.Database))
            {
                var refused = await Assert.ThrowsAnyAsync<InfluxDBApiException>(() => client.WriteRecordAsync(WitnessScenarios.Table.Line));
                Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            }
        }
    }

    /// <summary>The client as its users configure it: the product's host (here the emulator) and the token, as a Bearer credential.</summary>
    private static InfluxDBClient Client(Scenario s, string token, string database) =>
        new(new ClientConfig { Host = s.Server.Url.ToString(), Token = token, Database = database, AuthScheme = "Bearer" });
}
