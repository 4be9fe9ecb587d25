using System.Net;
using InfluxDB.Emulator;
using InfluxTokens.Backends;
using InfluxTokens.Backends.V2;
using InfluxTokens.Leases;
using InfluxTokens.Tests.Infrastructure;
using InfluxTokens.Tokens;
using Xunit.Abstractions;

namespace InfluxTokens.Tests.Reliability;

/// <summary>The module against a misbehaving server: transient failures, lost answers, broken bodies.</summary>
public class FaultTests(ITestOutputHelper output)
{
    private static readonly FaultKind[] Transient =
    {
        FaultKind.Unavailable, FaultKind.BadGateway, FaultKind.TooManyRequests, FaultKind.DropBefore, FaultKind.DropAfter, FaultKind.Slow,
    };

    [Fact]
    public async Task A_sweep_under_ten_percent_faults_revokes_nothing_wrong_reports_every_failure_and_a_second_run_finishes()
    {
        await using var s = await Scenario.StartAsync();
        var v2 = s.Server.V2;
        v2.SeedLeases(3000, 2000, s.Server.Org, s.Server.User, s.Server.Bucket);            // 2,000 expired leases, 1,000 due in 30 days
        for (var i = 0; i < 100; i++) v2.AddAuthorization(s.Server.Org.Id, s.Server.User.Id, new[] { new InfluxDB.Emulator.V2.V2Permission("read", "buckets", OrgId: s.Server.Org.Id) }, "keep-" + i);
        var mustStay = v2.Authorizations().Where(a => !a.Description.StartsWith("fleet-", StringComparison.Ordinal) || a.Description.Contains("[lease until 2026-12")).Select(a => a.Id).ToHashSet();
        Assert.Equal(1101, mustStay.Count);
        s.Clock.Advance(TimeSpan.FromMinutes(1));

        s.Server.Faults.SlowBy = TimeSpan.FromMilliseconds(2500);
        s.Server.Faults.Randomly(0.10, seed: 20261124, Transient);
        using var connection = await Scenario.OpenAsync(s.Server, s.Clock, s.Server.SetupToken, timeout: TimeSpan.FromMilliseconds(1500));
        var http = ((V2TokenBackend)connection.Backend).Http;

        // Run 1, as Invoke-InfluxTokenSweep runs it: plan, then 16 at a time through the ordered runner.
        var plan = await TokenSweeper.PlanAsync(connection, new SweepOptions { MaxRevocations = 5000 }, default);
        Assert.Equal(2000, plan.ToRevoke.Count);
        var outcomes = await Sweep(connection, plan);
        var failed = outcomes.Where(o => o.Result.Outcome == RevokeOutcome.Failed).ToList();
        Assert.All(failed, o => Assert.NotNull(o.Error));                                      // every failure carries its error...
        Assert.All(outcomes.Where(o => o.Error is not null), o => Assert.Equal(RevokeOutcome.Failed, o.Result.Outcome)); // ...and nothing else does
        Assert.Equal(2000, outcomes.Count);
        var remaining = v2.Authorizations().Select(a => a.Id).ToHashSet();
        Assert.Subset(remaining, mustStay);                                                   // zero wrong revocations
        var revokedOrGone = outcomes.Count(o => o.Result.Outcome is RevokeOutcome.Revoked or RevokeOutcome.AlreadyGone);

        var requests = s.Server.Faults.Requests;
        var injected = s.Server.Faults.Struck.Values.Sum();
        var retries = http.Retries;

        // Run 2, faults gone: it finds exactly what run 1 could not do, and does it.
        s.Server.Faults.Randomly(0, 1, Transient);
        // What is left is what run 1 reported as failed (some of those did go through before their answer was lost:
        // a failure whose outcome was unknown, rightly reported).
        // A slow request of run 1 may still be finishing on the server after its client gave up, so a token of
        // run 2's plan can be gone by the time run 2 reaches it: that is AlreadyGone, never a failure. Run 2 uses
        // an ordinary timeout, so a busy machine cannot fail it.
        using var calm = await Scenario.OpenAsync(s.Server, s.Clock, s.Server.SetupToken);
        var second = await TokenSweeper.PlanAsync(calm, new SweepOptions(), default);
        Assert.Subset(failed.Select(o => o.Result.Id).ToHashSet(), second.ToRevoke.Select(t => t.Id).ToHashSet());
        var secondOutcomes = await Sweep(calm, second);
        Assert.All(secondOutcomes, o => Assert.True(o.Result.Outcome is RevokeOutcome.Revoked or RevokeOutcome.AlreadyGone, o.Result.Id + ": " + o.Result.Outcome + " " + o.Error?.Message));
        Assert.Equal(mustStay.OrderBy(x => x), v2.Authorizations().Select(a => a.Id).OrderBy(x => x)); // every expired lease gone, everything else kept

        output.WriteLine($"run 1: {requests} requests, {injected} faults injected ({string.Join(", ", s.Server.Faults.Struck.Select(k => k.Key + " " + k.Value))}), "
                         + $"{retries} retries, {revokedOrGone} revoked or already gone, {failed.Count} failed and reported "
                         + $"({failed.Count - secondOutcomes.Count} of them had gone through before the answer was lost); run 2: {secondOutcomes.Count} revoked");
        Assert.True(injected > 100, "the run must really have been faulty");
    }

    private static async Task<List<(TokenRevocation Result, Exception? Error)>> Sweep(InfluxConnection connection, SweepPlan plan) =>
        await Task.Run(() =>
        {
            using var runner = new OrderedRunner<InfluxToken, (TokenRevocation Result, Exception? Error)>(16,
                (t, ct) => TokenSweeper.RevokeAsync(connection.Backend, t, RevokeAction.Delete, ct), default);
            return plan.ToRevoke.SelectMany(runner.Add).Concat(runner.Drain()).Select(o => o.Result).ToList();
        });

    [Theory]
    [InlineData(EmulatorMode.Oss)]
    [InlineData(EmulatorMode.Cloud)]
    [InlineData(EmulatorMode.Dedicated)]
    public async Task A_create_whose_answer_is_lost_leaves_exactly_one_working_token(EmulatorMode mode)
    {
        await using var s = await Scenario.StartAsync(mode);
        var first = 0;
        s.Server.Faults.Randomly(1.0, 1, new[] { FaultKind.DropAfter }, ctx => ctx.Request.Method == "POST" && Interlocked.Increment(ref first) == 1);
        var issued = await s.MintAsync("lost-answer", "1h");
        Assert.Equal(1, s.Server.Faults.Struck[FaultKind.DropAfter]);
        var named = (await s.TokensAsync()).Where(t => t.Description == "lost-answer").ToList();
        Assert.Single(named);                          // made once, or made again after the orphan was removed
        Assert.Equal(issued.Id, named[0].Id);
        Assert.Equal(HttpStatusCode.NoContent, await s.WriteAsync(issued));
    }

    /// <summary>InfluxDB 3 Core names are unique and carry nothing else a client chooses: a lost create cannot be told
    /// from an older token of that name, so nothing is taken and the error names the candidate.</summary>
    [Fact]
    public async Task A_core_create_whose_answer_is_lost_is_reported_unknown_and_nothing_is_revoked()
    {
        await using var s = await Scenario.StartAsync(EmulatorMode.Core);
        var first = 0;
        s.Server.Faults.Randomly(1.0, 1, new[] { FaultKind.DropAfter }, ctx => ctx.Request.Method == "POST" && Interlocked.Increment(ref first) == 1);
        var ex = await Assert.ThrowsAnyAsync<InfluxTokensException>(() => s.MintAsync("lost-answer", "1h", preset: PermissionPreset.AllAccess));
        Assert.True(ex.OutcomeUnknown);
        Assert.Equal(new[] { "lost-answer" }, ex.CandidateIds);
        Assert.Single(await s.TokensAsync(), t => t.Description == "lost-answer");
    }

    [Fact]
    public async Task Broken_list_bodies_become_clear_errors()
    {
        await using var s = await Scenario.StartAsync();
        foreach (var kind in new[] { FaultKind.Malformed, FaultKind.Truncated })
        {
            s.Server.Faults.Randomly(1.0, 1, new[] { kind }, ctx => ctx.Request.Path == "/api/v2/authorizations" && ctx.Request.Method == "GET");
            var ex = await Assert.ThrowsAnyAsync<InfluxTokensException>(() => s.TokensAsync());
            Assert.Contains("GET /api/v2/authorizations", ex.Message);
            // Malformed: the status and what was wrong. Truncated: a broken connection (before or after the headers).
            if (kind == FaultKind.Malformed) Assert.Equal((InfluxErrorKind.MalformedResponse, true), (ex.Kind, ex.Message.Contains("HTTP 200")));
            else Assert.Equal(InfluxErrorKind.Network, ex.Kind);
            output.WriteLine(kind + ": " + ex.Message);
        }
    }
}
