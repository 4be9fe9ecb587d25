using InfluxDB.Emulator;
using InfluxTokens.Backends;
using InfluxTokens.Commands.Completion;
using InfluxTokens.Tests.Infrastructure;

namespace InfluxTokens.Tests.Core.Backends.V3;

/// <summary>-Read and -Write complete database names on every InfluxDB 3 product, from that product's own database list.</summary>
public class DatabaseCompletionTests
{
    [Theory]
    [InlineData(EmulatorMode.Dedicated, new[] { "my-db", "sensors" })]
    [InlineData(EmulatorMode.Clustered, new[] { "my-db", "sensors" })]
    [InlineData(EmulatorMode.Core, new[] { "my-db", "sensors", "_internal" })]
    [InlineData(EmulatorMode.Enterprise, new[] { "my-db", "sensors", "_internal" })]
    public async Task Databases_are_offered(EmulatorMode mode, string[] expected)
    {
        await using var s = await Scenario.StartAsync(mode);
        s.Server.Databases.Add("sensors");
        var offered = CompletionCandidates.Names(await s.Backend.ListNamesAsync(NameKind.Bucket, default), "");
        Assert.Equal(expected, offered.Select(c => c.CompletionText));
        Assert.Equal(new[] { "sensors" }, CompletionCandidates.Names(await s.Backend.ListNamesAsync(NameKind.Bucket, default), "se").Select(c => c.CompletionText));
        Assert.Empty(await s.Backend.ListNamesAsync(NameKind.Org, default)); // InfluxDB 3 has no orgs
    }
}
