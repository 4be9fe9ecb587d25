using System.Net;
using InfluxDB.Emulator;
using InfluxTokens.Backends;
using InfluxTokens.Leases;
using InfluxTokens.Tests.Infrastructure;
using Xunit.Abstractions;

namespace InfluxTokens.Tests.Reliability;

/// <summary>A create whose answer is lost: recovery takes only what it can prove this call made.</summary>
public class LostCreateTests(ITestOutputHelper output)
{
    private static PermissionPreset PresetFor(EmulatorMode mode) => mode is EmulatorMode.Core ? PermissionPreset.AllAccess : PermissionPreset.None;

    [Theory]
    [InlineData(EmulatorMode.Oss)]
    [InlineData(EmulatorMode.Cloud)]
    [InlineData(EmulatorMode.Dedicated)]
    [InlineData(EmulatorMode.Clustered)]
    [InlineData(EmulatorMode.Core)]
    public async Task A_twin_of_the_same_description_and_permissions_is_never_taken_revoked_or_handed_out(EmulatorMode mode)
    {
        await using var s = await Scenario.StartAsync(mode);
        // Core names are unique ids: its twin is the token of that name.
        var twin = await s.MintAsync("twin-X", "1h", preset: PresetFor(mode));
        s.Server.Faults.Fail("POST", ".*", 502);                              // a gateway fails before the server does any work
        var before = s.Server.Faults.Requests;

        if (mode is EmulatorMode.Core)
        {
            var ex = await Assert.ThrowsAnyAsync<InfluxTokensException>(() => s.MintAsync("twin-X", "1h", preset: PresetFor(mode)));
            Assert.True(ex.OutcomeUnknown, ex.Message);
            Assert.Equal(new[] { "twin-X" }, ex.CandidateIds);
            Assert.Contains("twin-X", ex.Message);
            output.WriteLine(ex.Message);
        }
        else
        {
            var issued = await s.MintAsync("twin-X", "1h", preset: PresetFor(mode));
            Assert.NotEqual(twin.Id, issued.Id);                           // not handed the twin
            Assert.Equal(HttpStatusCode.NoContent, await s.WriteAsync(issued));
            Assert.Equal(2, (await s.TokensAsync()).Count(t => t.Description == "twin-X"));
        }

        output.WriteLine(mode + ": recovery cost " + (s.Server.Faults.Requests - before) + " requests after the injected 502 (name look-ups included)");
        Assert.Equal(HttpStatusCode.NoContent, await s.WriteAsync(twin)); // the twin was neither revoked nor deleted
        Assert.Contains(await s.TokensAsync(), t => t.Id == twin.Id && t.Status == TokenStatus.Active);
    }

    [Theory]
    [InlineData(EmulatorMode.Oss)]
    [InlineData(EmulatorMode.Cloud)]
    [InlineData(EmulatorMode.Clustered)]
    public async Task An_answer_lost_after_the_work_with_a_twin_around_yields_this_calls_token_and_leaves_the_twin(EmulatorMode mode)
    {
        await using var s = await Scenario.StartAsync(mode);
        var twin = await s.MintAsync("twin-X", "1h");
        var first = 0;
        s.Server.Faults.Randomly(1.0, 1, new[] { FaultKind.DropAfter }, ctx => ctx.Request.Method == "POST" && Interlocked.Increment(ref first) == 1);
        var before = s.Server.Faults.Requests;
        var issued = await s.MintAsync("twin-X", "1h");
        output.WriteLine(mode + ": recovery cost " + (s.Server.Faults.Requests - before) + " requests, the lost POST included");

        var named = (await s.TokensAsync()).Where(t => t.Description == "twin-X").Select(t => t.Id).OrderBy(x => x).ToList();
        Assert.Equal(new[] { twin.Id, issued.Id }.OrderBy(x => x), named);   // the twin and exactly one token of this call
        Assert.Equal(HttpStatusCode.NoContent, await s.WriteAsync(issued));
        Assert.Equal(HttpStatusCode.NoContent, await s.WriteAsync(twin));
    }

    [Theory]
    [InlineData(EmulatorMode.Oss)]
    [InlineData(EmulatorMode.Cloud)]
    public async Task Rotation_recovers_a_lost_create_the_same_way_and_leaves_a_twin_alone(EmulatorMode mode)
    {
        await using var s = await Scenario.StartAsync(mode);
        var old = await s.MintAsync("gateway", "30d");
        var twin = await s.MintAsync("gateway", "30d");                       // same description and permissions, someone else's
        var first = 0;
        s.Server.Faults.Randomly(1.0, 1, new[] { FaultKind.DropAfter }, ctx => ctx.Request.Method == "POST" && Interlocked.Increment(ref first) == 1);
        var replacement = await InfluxTokens.Leases.TokenRotator.RotateAsync(s.Connection, old.Id, new InfluxTokens.Leases.RotationOptions { AsPlainText = true }, default);
        Assert.Null(replacement.OldTokenError);
        Assert.Equal(HttpStatusCode.NoContent, await s.WriteAsync(replacement));
        Assert.Equal(HttpStatusCode.NoContent, await s.WriteAsync(twin));
        Assert.Equal(new[] { old.Id, twin.Id, replacement.Id }.OrderBy(x => x), (await s.TokensAsync()).Where(t => t.Description == "gateway").Select(t => t.Id).OrderBy(x => x));
    }

    [Fact]
    public async Task The_create_tag_is_hidden_from_the_description_and_no_description_can_imitate_it()
    {
        await using var s = await Scenario.StartAsync();
        var t = await s.MintAsync("sensor-1", "1h");
        Assert.Equal("sensor-1", t.Description);
        Assert.Matches(@"^sensor-1 \[create [0-9a-f]{16}\] \[lease until 2026-11-24T09:00:00Z\]$", t.RawDescription);
        var ex = await Assert.ThrowsAsync<InfluxTokensException>(() => s.MintAsync("x [create 0123456789abcdef]", "1h"));
        Assert.Contains("[create", ex.Message);
        Assert.Equal(string.Empty, LeaseMarker.Read("[create 0123456789abcdef]").Human);
        Assert.Equal("a [create 0123456789ABCDEF]", LeaseMarker.Read("a [create 0123456789ABCDEF]").Human); // only the module's exact form
    }
}
