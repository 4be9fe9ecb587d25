using InfluxDB.Emulator;
using InfluxTokens.Backends;
using InfluxTokens.Leases;
using InfluxTokens.Tests.Infrastructure;

namespace InfluxTokens.Tests.Core.Leases;

/// <summary>The sweeper's own token, without a lease (the recommended setup), under a sweep by age.</summary>
public class OwnTokenTests
{
    /// <summary>The connection a sweeper runs with: its own token without expiry, or the management token (Dedicated).</summary>
    private static async Task<(InfluxConnection Connection, string? OwnId)> SweeperAsync(Scenario s, EmulatorMode mode)
    {
        if (mode is EmulatorMode.Dedicated) return (await Scenario.OpenAsync(s.Server, s.Clock, s.Server.SetupToken), null);
        var own = await s.MintAsync("sweeper", null, preset: PermissionPreset.AllAccess);
        return (await Scenario.OpenAsync(s.Server, s.Clock, (string)own.Token), own.Id);
    }

    [Theory]
    [InlineData(EmulatorMode.Oss)]
    [InlineData(EmulatorMode.Cloud)]
    [InlineData(EmulatorMode.Dedicated)]
    [InlineData(EmulatorMode.Core)]
    public async Task A_sweep_by_age_never_revokes_the_connections_own_token(EmulatorMode mode)
    {
        await using var s = await Scenario.StartAsync(mode);
        var (sweeper, ownId) = await SweeperAsync(s, mode);
        using var _ = sweeper;
        var old = await s.MintAsync("old-client", null, preset: mode is EmulatorMode.Core ? PermissionPreset.AllAccess : PermissionPreset.None);
        s.Clock.Advance(TimeSpan.FromDays(2));

        var plan = await TokenSweeper.PlanAsync(sweeper, new SweepOptions { NoExpiryOlderThan = TimeSpan.FromSeconds(1) }, default);
        Assert.True(plan.OwnTokenKnown);
        Assert.Contains(plan.ToRevoke, t => t.Id == old.Id);
        Assert.DoesNotContain(plan.ToRevoke, t => t.Id == ownId);
        if (ownId is not null) Assert.Equal(ownId, plan.SkippedOwnTokenId);
        var swept = await Sweeping.RunAsync(sweeper);
        Assert.Empty(swept.Failures);
        Assert.Null(swept.Stopped);
        Assert.NotNull(await TokenSweeper.PlanAsync(sweeper, new SweepOptions(), default)); // still authenticates

        if (ownId is not null) Assert.True(await new OwnTokenCheck(sweeper).IsOwnAsync(ownId, default));
        Assert.False(await new OwnTokenCheck(sweeper).IsOwnAsync(old.Id, default));
    }

    [Theory]
    [InlineData(EmulatorMode.Oss, 2)]
    [InlineData(EmulatorMode.Cloud, 1)]
    public async Task The_emulator_filters_by_token_value_on_cloud_only_as_the_reference_says(EmulatorMode mode, int listed)
    {
        await using var s = await Scenario.StartAsync(mode);
        await s.MintAsync("other", null);
        using var http = new HttpClient();
        async Task<int> CountAsync(string value)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(s.Server.Url, "/api/v2/authorizations?token=" + Uri.EscapeDataString(value)));
            request.Headers.TryAddWithoutValidation("Authorization", "Token " + s.Server.SetupToken);
            using var response = await http.SendAsync(request);
            response.EnsureSuccessStatusCode();
            using var doc = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            return doc.RootElement.GetProperty("authorizations").GetArrayLength();
        }

        Assert.Equal(listed, await CountAsync(s.Server.SetupToken));        // Cloud: exactly the own authorization; OSS ignores the filter
        Assert.Equal(mode is EmulatorMode.Cloud ? 0 : 2, await CountAsync("no-such-token"));
    }

    [Theory]
    [InlineData(EmulatorMode.Oss)]
    [InlineData(EmulatorMode.Cloud)]
    [InlineData(EmulatorMode.Core)]
    public async Task One_check_answers_for_many_ids_with_one_request(EmulatorMode mode)
    {
        await using var s = await Scenario.StartAsync(mode);
        var (sweeper, ownId) = await SweeperAsync(s, mode);
        using var _ = sweeper;
        var others = new List<string>();
        for (var i = 0; i < 5; i++) others.Add((await s.MintAsync("client-" + i, "1h", preset: PermissionPreset.AllAccess)).Id);
        var check = new OwnTokenCheck(sweeper);
        var before = s.Server.Faults.Requests;
        Assert.True(await check.IsOwnAsync(ownId!, default));
        foreach (var id in others) Assert.False(await check.IsOwnAsync(id, default));
        Assert.Equal(1, s.Server.Faults.Requests - before);
    }

    [Fact]
    public async Task Where_the_own_token_cannot_be_known_a_sweep_by_age_waits_for_exclusions()
    {
        await using var s = await Scenario.StartAsync(hashedTokens: true);          // OSS 2.8+: values hidden, no token= filter
        var (sweeper, ownId) = await SweeperAsync(s, EmulatorMode.Oss);
        using var _ = sweeper;
        var old = await s.MintAsync("old-client", null);
        s.Clock.Advance(TimeSpan.FromDays(2));

        var ex = await Assert.ThrowsAsync<InfluxTokensException>(() => TokenSweeper.PlanAsync(sweeper, new SweepOptions { NoExpiryOlderThan = TimeSpan.FromSeconds(1) }, default));
        Assert.Contains("does not show which token this connection uses", ex.Message);
        Assert.Null(await new OwnTokenCheck(sweeper).IsOwnAsync(ownId!, default));

        var plan = await TokenSweeper.PlanAsync(sweeper, new SweepOptions { NoExpiryOlderThan = TimeSpan.FromSeconds(1), ExcludeIds = new[] { ownId! } }, default);
        Assert.False(plan.OwnTokenKnown);
        Assert.Contains(plan.ToRevoke, t => t.Id == old.Id);
        Assert.DoesNotContain(plan.ToRevoke, t => t.Id == ownId);
        Assert.Empty((await TokenSweeper.PlanAsync(sweeper, new SweepOptions(), default)).ToRevoke); // a lease sweep needs no exclusions
    }
}

/// <summary>A lease renewed while the sweep runs is re-read right before revoking, and left alone.</summary>
public class SweepRaceTests
{
    [Theory]
    [InlineData(EmulatorMode.Oss)]
    [InlineData(EmulatorMode.Cloud)]
    [InlineData(EmulatorMode.Dedicated)]
    public async Task A_lease_renewed_after_planning_is_not_revoked_and_is_reported_renewed(EmulatorMode mode)
    {
        await using var s = await Scenario.StartAsync(mode);
        var renewed = await s.MintAsync("renewed", "10d");
        var expired = await s.MintAsync("expired", "10d");
        foreach (var t in new[] { renewed, expired })
            await s.Backend.UpdateAsync(t.Id, new TokenUpdate { ExpiresAt = s.Clock.GetUtcNow().AddHours(1) }, default);
        s.Clock.Advance(TimeSpan.FromHours(2));

        var swept = await Sweeping.RunAsync(s.Connection, afterPlan: async plan =>
        {
            Assert.Equal(2, plan.ToRevoke.Count);
            await s.Backend.UpdateAsync(renewed.Id, new TokenUpdate { ExpiresAt = s.Clock.GetUtcNow().AddDays(1) }, default); // the client renews meanwhile
        });
        var plan = swept.Plan;
        var results = swept.Results;
        Assert.Equal(RevokeOutcome.Renewed, results.Single(r => r.Id == renewed.Id).Outcome);
        Assert.Equal(RevokeOutcome.Revoked, results.Single(r => r.Id == expired.Id).Outcome);
        Assert.Equal(System.Net.HttpStatusCode.NoContent, await s.WriteAsync(renewed));
        var summary = TokenSweeper.Summarize(plan, results);
        Assert.Equal((1, 1, 0), (summary.Revoked, summary.Renewed, summary.Failed));
        Assert.Contains("1 renewed meanwhile", summary.ToString());
    }
}
