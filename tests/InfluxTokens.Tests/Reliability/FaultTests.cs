using System.Net;
using InfluxDB.Emulator;
using InfluxTokens.Backends;
using InfluxTokens.Leases;
using InfluxTokens.Tests.Infrastructure;
using Xunit.Abstractions;

namespace InfluxTokens.Tests.Reliability;

/// <summary>The module against a misbehaving server: transient failures, lost answers, broken bodies.</summary>
public class FaultTests(ITestOutputHelper output)
{
    private static readonly FaultKind[] Transient =
    {
        FaultKind.Unavailable, FaultKind.BadGateway, FaultKind.TooManyRequests, FaultKind.DropBefore, FaultKind.DropAfter, FaultKind.Slow,
    };

    /// <summary>Fleet sizes per product: OSS carries the big run; the others are smaller so the suite stays quick on 2 cores.</summary>
    private static (int Fleet, int Expired) SizeOf(EmulatorMode mode) => mode switch
    {
        EmulatorMode.Oss => (3000, 2000),
        EmulatorMode.Cloud => (1200, 800),
        _ => (600, 400),
    };

    [Theory]
    [InlineData(EmulatorMode.Oss)]
    [InlineData(EmulatorMode.Cloud)]
    [InlineData(EmulatorMode.Dedicated)]
    [InlineData(EmulatorMode.Core)]
    public async Task A_sweep_under_ten_percent_faults_revokes_nothing_wrong_reports_every_failure_and_a_second_run_finishes(EmulatorMode mode)
    {
        await using var s = await Scenario.StartAsync(mode);
        var (fleet, expired) = SizeOf(mode);
        Func<HashSet<string>> live;
        switch (mode)
        {
            case EmulatorMode.Oss or EmulatorMode.Cloud:
                var v2 = s.Server.V2;
                v2.SeedLeases(fleet, expired, s.Server.Org, s.Server.User, s.Server.Bucket);       // expired an hour ago, or due in 30 days
                for (var i = 0; i < 100; i++) v2.AddAuthorization(s.Server.Org.Id, s.Server.User.Id, new[] { new InfluxDB.Emulator.V2.V2Permission("read", "buckets", OrgId: s.Server.Org.Id) }, "keep-" + i);
                live = () => v2.Authorizations().Select(a => a.Id).ToHashSet();
                break;
            case EmulatorMode.Core:
                s.Server.Core!.SeedTokens(fleet, expired);
                live = () => s.Server.Core!.Tokens.Select(t => t.Name).ToHashSet();
                break;
            default:
                s.Server.Management!.SeedTokens(fleet, expired, "my-db");
                live = () => s.Server.Management!.All().Where(t => t.RevokedAt is null).Select(t => t.Id.ToString()).ToHashSet();
                break;
        }

        var before = live();
        s.Clock.Advance(TimeSpan.FromMinutes(1));
        var calmPlan = await TokenSweeper.PlanAsync(s.Connection, new SweepOptions { MaxRevocations = 5000 }, default);
        var due = calmPlan.ToRevoke.Select(t => t.Id).ToHashSet();
        Assert.Equal(expired, due.Count);                                                     // the seeded expired tokens, nothing else
        var mustStay = before.Where(id => !due.Contains(id)).ToHashSet();

        s.Server.Faults.SlowBy = TimeSpan.FromMilliseconds(2500);
        s.Server.Faults.Randomly(0.10, seed: 20261124, Transient);
        var retries = 0;
        var counting = new InfluxTokens.Http.RetryPolicy(seed: 1) { Delay = (_, _) => { Interlocked.Increment(ref retries); return Task.CompletedTask; } };
        using var connection = await Scenario.OpenAsync(s.Server, s.Clock, s.Server.SetupToken, timeout: TimeSpan.FromMilliseconds(1500), retry: counting);

        // Run 1, as Invoke-InfluxTokenSweep runs it: plan, then Core's sweep (re-read, revoke) of that plan.
        SweepPlan plan = null!;
        for (var attempt = 1; plan is null; attempt++)                                       // the list itself may meet a fault: plan again, as the next scheduled run would
        {
            try { plan = await TokenSweeper.PlanAsync(connection, new SweepOptions { MaxRevocations = 5000 }, default); }
            catch (InfluxTokensException) when (attempt < 5) { }
        }

        Assert.Equal(due.OrderBy(x => x), plan.ToRevoke.Select(t => t.Id).OrderBy(x => x));
        var outcomes = await Sweeping.RunPlannedAsync(connection, plan);
        var failed = outcomes.Where(o => o.Result.Outcome == RevokeOutcome.Failed).ToList();
        Assert.All(failed, o => Assert.NotNull(o.Error));                                      // every failure carries its error...
        Assert.All(outcomes.Where(o => o.Error is not null), o => Assert.Equal(RevokeOutcome.Failed, o.Result.Outcome)); // ...and nothing else does
        Assert.Equal(expired, outcomes.Count);
        var wronglyRevoked = mustStay.Count(id => !live().Contains(id));
        Assert.Equal(0, wronglyRevoked);
        var revokedOrGone = outcomes.Count(o => o.Result.Outcome is RevokeOutcome.Revoked or RevokeOutcome.AlreadyGone);

        var requests = s.Server.Faults.Requests;
        var struck = s.Server.Faults.Struck;
        var statuses = s.Server.Faults.StatusesSent;
        var injected = struck.Values.Sum();

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
        var secondOutcomes = await Sweeping.RunPlannedAsync(calm, second);
        Assert.All(secondOutcomes, o => Assert.True(o.Result.Outcome is RevokeOutcome.Revoked or RevokeOutcome.AlreadyGone, o.Result.Id + ": " + o.Result.Outcome + " " + o.Error?.Message));
        Assert.Equal(mustStay.OrderBy(x => x), live().OrderBy(x => x));                       // every expired lease gone, everything else kept

        output.WriteLine($"{mode}: run 1: {requests} requests, {injected} faults injected ({string.Join(", ", struck.OrderBy(k => k.Key).Select(k => k.Key + " " + k.Value))}; "
                         + $"error statuses sent: {string.Join(", ", statuses.OrderBy(k => k.Key).Select(k => k.Key + " x" + k.Value))}), "
                         + $"{retries} retries, {revokedOrGone} revoked or already gone, {failed.Count} failed and reported "
                         + $"({failed.Count - secondOutcomes.Count} of them had gone through before the answer was lost), wrongly revoked {wronglyRevoked}; "
                         + $"run 2: {secondOutcomes.Count} revoked");
        Assert.True(injected > expired / 20, "the run must really have been faulty");
        Assert.True(statuses.GetValueOrDefault(502) > 0, "gateway failures must really answer 502");
    }

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
    public async Task A_gateway_fault_answers_502_as_a_proxy_would_and_is_retried()
    {
        await using var s = await Scenario.StartAsync();
        s.Server.Faults.Randomly(1.0, 1, new[] { FaultKind.BadGateway }, ctx => ctx.Request.Path == "/api/v2/authorizations");
        using var http = new HttpClient();
        using var response = await http.GetAsync(new Uri(s.Server.Url, "/api/v2/authorizations"));
        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var ex = await Assert.ThrowsAsync<InfluxApiException>(() => s.TokensAsync());  // every try meets the gateway: retried, then reported
        Assert.Equal(502, ex.StatusCode);
        Assert.Contains("not an InfluxDB error", ex.Message);
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
