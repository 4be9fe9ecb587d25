using System.Net;
using InfluxTokens.Leases;
using InfluxTokens.Tests.Infrastructure;
using InfluxTokens.Tokens;

namespace InfluxTokens.Tests.Core.Leases;

public class SweepTests
{
    private static async Task<(SweepPlan Plan, List<TokenRevocation> Results)> SweepAsync(Scenario s, SweepOptions? options = null)
    {
        var outcome = await Sweeping.RunAsync(s.Connection, options);
        return (outcome.Plan, outcome.Results);
    }

    [Theory]
    [InlineData(RevokeAction.Delete)]
    [InlineData(RevokeAction.Deactivate)]
    public async Task A_lease_works_until_it_expires_and_the_sweep_revokes_it(RevokeAction action)
    {
        await using var s = await Scenario.StartAsync();
        var token = await s.MintAsync("sensor-1", "1h");
        Assert.Equal(s.Clock.GetUtcNow().AddHours(1), token.ExpiresAt);
        Assert.Equal(ExpirySource.Lease, token.ExpirySource);
        Assert.Equal("sensor-1", token.Description);
        Assert.Matches(@"^sensor-1 \[create [0-9a-f]{16}\] \[lease until 2026-11-24T09:00:00Z\]$", token.RawDescription);
        Assert.Equal(HttpStatusCode.NoContent, await s.WriteAsync(token));

        Assert.Empty((await SweepAsync(s, new SweepOptions { Action = action })).Plan.ToRevoke);

        s.Clock.Advance(TimeSpan.FromMinutes(61));
        var (plan, results) = await SweepAsync(s, new SweepOptions { Action = action });
        var result = Assert.Single(results);
        var outcome = action == RevokeAction.Delete ? RevokeOutcome.Revoked : RevokeOutcome.Deactivated;
        Assert.Equal((token.Id, outcome, action, token.ExpiresAt), (result.Id, result.Outcome, result.Action, result.ExpiresAt));
        Assert.Equal(HttpStatusCode.Unauthorized, await s.WriteAsync(token));

        var left = (await s.TokensAsync()).SingleOrDefault(t => t.Id == token.Id);
        if (action == RevokeAction.Delete) Assert.Null(left);
        else Assert.Equal(TokenStatus.Inactive, left!.Status);

        // A second run finds nothing left to do.
        Assert.Empty((await SweepAsync(s, new SweepOptions { Action = action })).Plan.ToRevoke);
        var summary = TokenSweeper.Summarize(plan, results);
        Assert.Equal((1, 1, 0, 0), (summary.Due, summary.Revoked, summary.Failed, summary.NotConfirmed));
    }

    [Fact]
    public async Task Tokens_without_expiry_are_untouched_unless_asked_and_planning_changes_nothing()
    {
        await using var s = await Scenario.StartAsync();
        var unleased = await s.MintAsync("forever", null);
        var leased = await s.MintAsync("short", "10m");
        s.Clock.Advance(TimeSpan.FromDays(200));
        var before = (await s.TokensAsync()).Select(t => t.Id).ToList();

        var plan = await TokenSweeper.PlanAsync(s.Connection, new SweepOptions(), default);
        Assert.Equal(new[] { leased.Id }, plan.ToRevoke.Select(t => t.Id));
        Assert.Equal(before, (await s.TokensAsync()).Select(t => t.Id)); // a plan (what -WhatIf shows) revokes nothing

        var hygiene = await TokenSweeper.PlanAsync(s.Connection, new SweepOptions { NoExpiryOlderThan = TimeSpan.FromDays(90) }, default);
        Assert.Contains(hygiene.ToRevoke, t => t.Id == unleased.Id);
        Assert.DoesNotContain(hygiene.ToRevoke, t => t.Id == s.Server.SetupAuthorization.Id); // the connection's own token, never
        Assert.Equal(s.Server.SetupAuthorization.Id, hygiene.SkippedOwnTokenId);
    }

    [Fact]
    public async Task The_connections_own_token_is_never_revoked()
    {
        await using var s = await Scenario.StartAsync();
        var admin = await s.MintAsync("sweeper's own leased token", "1h", preset: InfluxTokens.Backends.PermissionPreset.Operator);
        using var asAdmin = await Scenario.OpenAsync(s.Server, s.Clock, (string)admin.Token);
        var other = await s.MintAsync("client", "1h");
        s.Clock.Advance(TimeSpan.FromHours(2));

        var plan = await TokenSweeper.PlanAsync(asAdmin, new SweepOptions(), default);
        Assert.True(plan.OwnTokenKnown);
        Assert.Equal(admin.Id, plan.SkippedOwnTokenId);
        Assert.Equal(new[] { other.Id }, plan.ToRevoke.Select(t => t.Id));
        Assert.Contains("left alone", TokenSweeper.Summarize(plan, Array.Empty<TokenRevocation>()).ToString());
    }

    [Fact]
    public async Task More_due_than_the_limit_revokes_nothing_and_says_why()
    {
        await using var s = await Scenario.StartAsync();
        for (var i = 0; i < 5; i++) await s.MintAsync("fleet-" + i, "1h");
        s.Clock.Advance(TimeSpan.FromHours(2));
        var (plan, results) = await SweepAsync(s, new SweepOptions { MaxRevocations = 3 });
        Assert.True(plan.ExceedsLimit);
        Assert.Empty(results);
        Assert.Contains("found 5 tokens to revoke, more than its limit of 3; nothing was revoked", plan.LimitMessage);
        Assert.Contains("2026-11-24 10:00:00Z", plan.LimitMessage); // the clock it used, to spot a wrong one
        Assert.Equal(6, (await s.TokensAsync()).Count);
        Assert.Equal(5, TokenSweeper.Summarize(plan, results).NotConfirmed);
        Assert.False((await TokenSweeper.PlanAsync(s.Connection, new SweepOptions { MaxRevocations = 5 }, default)).ExceedsLimit);
    }

    [Fact]
    public async Task Tokens_revoked_meanwhile_by_another_sweeper_count_as_done()
    {
        await using var s = await Scenario.StartAsync();
        var a = await s.MintAsync("a", "1h");
        var b = await s.MintAsync("b", "1h");
        s.Clock.Advance(TimeSpan.FromHours(2));
        var outcome = await Sweeping.RunAsync(s.Connection, afterPlan: _ =>
        {
            Assert.True(s.Server.V2.RemoveAuthorization(a.Id)); // the other sweeper
            return Task.CompletedTask;
        });
        var results = outcome.Results;
        Assert.Equal(RevokeOutcome.AlreadyGone, results.Single(r => r.Id == a.Id).Outcome);
        Assert.Equal(RevokeOutcome.Revoked, results.Single(r => r.Id == b.Id).Outcome);
        var summary = outcome.Summary!;
        Assert.Equal((1, 1, 0), (summary.Revoked, summary.AlreadyGone, summary.Failed));
    }

    [Fact]
    public async Task A_failure_is_reported_the_rest_go_on_and_the_next_run_finishes()
    {
        await using var s = await Scenario.StartAsync();
        var tokens = new List<IssuedInfluxToken>();
        for (var i = 0; i < 4; i++) tokens.Add(await s.MintAsync("f-" + i, "1h"));
        s.Clock.Advance(TimeSpan.FromHours(2));
        s.Server.Faults.Fail("DELETE", $"/api/v2/authorizations/{tokens[1].Id}$", 500, times: 1, message: "disk full");

        var outcome = await Sweeping.RunAsync(s.Connection);
        var failed = Assert.Single(outcome.Results, r => r.Outcome == RevokeOutcome.Failed);
        Assert.Equal(tokens[1].Id, failed.Id);
        Assert.Contains("disk full", failed.Error);
        Assert.IsType<InfluxApiException>(Assert.Single(outcome.Failures).Error); // and an error for it, the sweep going on
        Assert.Equal(3, outcome.Results.Count(r => r.Outcome == RevokeOutcome.Revoked));
        Assert.Equal(1, outcome.Summary!.Failed);

        var (_, again) = await SweepAsync(s);
        Assert.Equal(new[] { tokens[1].Id }, again.Where(r => r.Outcome == RevokeOutcome.Revoked).Select(r => r.Id));
    }

    [Fact]
    public async Task Grace_period_description_filter_and_deactivate_mode_narrow_the_sweep()
    {
        await using var s = await Scenario.StartAsync();
        var sensor = await s.MintAsync("sensor-7", "1h");
        var gateway = await s.MintAsync("gateway-7", "1h");
        s.Clock.Advance(TimeSpan.FromMinutes(70)); // 10 minutes past expiry

        Assert.Empty((await TokenSweeper.PlanAsync(s.Connection, new SweepOptions { GracePeriod = TimeSpan.FromMinutes(15) }, default)).ToRevoke);
        Assert.Equal(2, (await TokenSweeper.PlanAsync(s.Connection, new SweepOptions { GracePeriod = TimeSpan.FromMinutes(5) }, default)).ToRevoke.Count);
        Assert.Equal(new[] { sensor.Id }, (await TokenSweeper.PlanAsync(s.Connection, new SweepOptions { Description = new[] { "SENSOR-*" } }, default)).ToRevoke.Select(t => t.Id));

        await TokenOperations.SetAsync(s.Backend, gateway.Id, new InfluxTokens.Backends.TokenUpdate { Status = TokenStatus.Inactive }, default);
        Assert.Equal(new[] { sensor.Id }, (await TokenSweeper.PlanAsync(s.Connection, new SweepOptions { Action = RevokeAction.Deactivate }, default)).ToRevoke.Select(t => t.Id));
        Assert.Equal(2, (await TokenSweeper.PlanAsync(s.Connection, new SweepOptions { Action = RevokeAction.Delete }, default)).ToRevoke.Count);
    }

    [Fact]
    public async Task Ockam_leases_are_swept_too()
    {
        await using var s = await Scenario.StartAsync();
        var past = s.Clock.GetUtcNow().AddHours(-1).ToUnixTimeSeconds();
        var future = s.Clock.GetUtcNow().AddHours(1).ToUnixTimeSeconds();
        var expired = s.Server.V2.AddAuthorization(s.Server.Org.Id, s.Server.User.Id, new[] { new InfluxDB.Emulator.V2.V2Permission("read", "buckets", OrgId: s.Server.Org.Id) }, $"OCKAM:I01ab:{past}");
        s.Server.V2.AddAuthorization(s.Server.Org.Id, s.Server.User.Id, new[] { new InfluxDB.Emulator.V2.V2Permission("read", "buckets", OrgId: s.Server.Org.Id) }, $"OCKAM:I01ab:{future}");
        var plan = await TokenSweeper.PlanAsync(s.Connection, new SweepOptions(), default);
        var due = Assert.Single(plan.ToRevoke);
        Assert.Equal((expired.Id, ExpirySource.Ockam), (due.Id, due.ExpirySource));
    }

    [Fact]
    public async Task A_concurrent_sweep_revokes_everything_and_reports_in_plan_order()
    {
        await using var s = await Scenario.StartAsync();
        s.Server.V2.SeedLeases(150, 120, s.Server.Org, s.Server.User, s.Server.Bucket);
        s.Server.Faults.Latency = TimeSpan.FromMilliseconds(2);
        s.Server.Faults.Fail("DELETE", "/api/v2/authorizations/", 500, times: 3, message: "disk full"); // not retried
        s.Server.Faults.Fail("DELETE", "/api/v2/authorizations/", 503, times: 3, message: "busy");      // fewer than the 4 attempts: always absorbed
        s.Clock.Advance(TimeSpan.FromHours(1)); // the seeded leases use the emulator's clock, which is this one
        var outcome = await Sweeping.RunAsync(s.Connection, throttleLimit: 16);
        var plan = outcome.Plan;
        Assert.Equal(120, plan.ToRevoke.Count);
        var results = outcome.Results;
        Assert.Equal(plan.ToRevoke.Select(t => t.Id), results.Select(r => r.Id));
        Assert.Equal(3, results.Count(r => r.Outcome == RevokeOutcome.Failed));
        Assert.Equal(117, results.Count(r => r.Outcome == RevokeOutcome.Revoked));
        Assert.All(results.Where(r => r.Outcome == RevokeOutcome.Failed), r => Assert.Contains("disk full", r.Error));
        Assert.Equal(3, (await TokenSweeper.PlanAsync(s.Connection, new SweepOptions(), default)).ToRevoke.Count); // the next run finishes them
    }

    [Fact]
    public async Task Bad_options_are_refused()
    {
        await using var s = await Scenario.StartAsync();
        await Assert.ThrowsAsync<ArgumentException>(() => TokenSweeper.PlanAsync(s.Connection, new SweepOptions { MaxRevocations = -1 }, default));
        await Assert.ThrowsAsync<ArgumentException>(() => TokenSweeper.PlanAsync(s.Connection, new SweepOptions { GracePeriod = TimeSpan.FromMinutes(-1) }, default));
    }
}
