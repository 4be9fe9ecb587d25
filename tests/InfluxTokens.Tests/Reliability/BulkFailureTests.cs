using InfluxDB.Emulator;
using InfluxTokens.Leases;
using InfluxTokens.Tests.Infrastructure;
using Xunit.Abstractions;

namespace InfluxTokens.Tests.Reliability;

/// <summary>Per-token failures never abort a bulk run: every completed revocation is reported, and the summary is whole.</summary>
public class BulkFailureTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Connection_resets_on_most_deletes_end_no_sweep_every_revocation_is_reported_and_the_summary_adds_up()
    {
        await using var s = await Scenario.StartAsync();
        for (var i = 0; i < 240; i++) await s.MintAsync("fleet-" + i, "1h");
        s.Clock.Advance(TimeSpan.FromHours(2));
        s.Server.Faults.Randomly(0.60, seed: 12, new[] { FaultKind.DropBefore, FaultKind.DropAfter }, ctx => ctx.Request.Method == "DELETE");

        var plan = await TokenSweeper.PlanAsync(s.Connection, new SweepOptions(), default);
        Assert.Equal(240, plan.ToRevoke.Count);
        var outcomes = await Sweeping.RunPlannedAsync(s.Connection, plan);

        var results = outcomes.Select(o => o.Result).ToList();
        Assert.Equal(plan.ToRevoke.Select(t => t.Id), results.Select(r => r.Id));         // every due token has its result, in order: nothing ended the run
        Assert.All(outcomes.Where(o => o.Error is not null), o => Assert.False(o.Error is InfluxTokensException { EndsEveryRequest: true }, o.Error!.Message)); // each failure is the token's own
        var left = (await s.TokensAsync()).Select(t => t.Id).ToHashSet();
        Assert.All(results.Where(r => r.Outcome is RevokeOutcome.Revoked or RevokeOutcome.AlreadyGone), r => Assert.DoesNotContain(r.Id, left));
        Assert.All(results.Where(r => r.Id is var id && left.Contains(id)), r => Assert.Equal(RevokeOutcome.Failed, r.Outcome)); // what stayed was reported failed
        var summary = TokenSweeper.Summarize(plan, results);
        Assert.Equal(240, summary.Revoked + summary.AlreadyGone + summary.Failed + summary.Renewed);
        Assert.True(summary.Failed > 0 && summary.Revoked > 0, summary.ToString());
        output.WriteLine(summary + " faults: " + string.Join(", ", s.Server.Faults.Struck.Select(k => k.Key + " " + k.Value)));
    }
}
