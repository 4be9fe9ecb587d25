using System.Net;
using InfluxTokens.Backends;
using InfluxTokens.Leases;
using InfluxTokens.Tests.Infrastructure;
using InfluxTokens.Tokens;

namespace InfluxTokens.Tests.Core.Leases;

public class RotationTests
{
    [Theory]
    [MemberData(nameof(Scenario.EveryMode), MemberType = typeof(Scenario))]
    public async Task Every_product_refuses_an_expiry_already_past_and_mints_nothing(InfluxDB.Emulator.EmulatorMode mode)
    {
        await using var s = await Scenario.StartAsync(mode);
        var before = (await s.TokensAsync()).Count;
        var past = s.Clock.GetUtcNow().AddMinutes(-1);
        var ex = await Assert.ThrowsAsync<InfluxTokensException>(() =>
            s.Backend.CreateAsync(new TokenSpec { Description = "late", Preset = PermissionPreset.AllAccess, ExpiresAt = past }, default));
        Assert.Equal(InfluxErrorKind.InvalidRequest, ex.Kind);
        Assert.Equal("The expiry 2026-11-24 07:59:00Z is not in the future (now: 2026-11-24 08:00:00Z).", ex.Message);
        Assert.Equal(before, (await s.TokensAsync()).Count);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task When_the_old_token_cannot_be_cut_or_revoked_the_replacement_is_still_returned_with_what_was_not_done(bool noOverlap)
    {
        await using var s = await Scenario.StartAsync();
        var old = await s.MintAsync("gateway", "30d");
        if (noOverlap) s.Server.Faults.Fail("DELETE", "/api/v2/authorizations/", 500);
        else s.Server.Faults.Fail("PATCH", "/api/v2/authorizations/", 500);
        var options = new RotationOptions { Overlap = noOverlap ? null : TimeSpan.FromHours(1), AsPlainText = true };

        var replacement = await TokenRotator.RotateAsync(s.Connection, old.Id, options, default);
        Assert.Equal(old.Id, replacement.ReplacesId);
        Assert.Equal(HttpStatusCode.NoContent, await s.WriteAsync(replacement));             // the new value reached the caller
        Assert.NotNull(replacement.OldTokenFailure);
        Assert.Contains(noOverlap ? "the old token " + old.Id + " was not deleted" : "the old token " + old.Id + "'s lease was not cut to", replacement.OldTokenError);
        Assert.Contains("HTTP 500", replacement.OldTokenError);
        Assert.Equal(HttpStatusCode.NoContent, await s.WriteAsync(old));                     // as the error says, the old one still works

        var fine = await TokenRotator.RotateAsync(s.Connection, replacement.Id, new RotationOptions { AsPlainText = true }, default);
        Assert.Null(fine.OldTokenError);
    }

    [Fact]
    public async Task The_replacement_has_the_same_grants_and_the_old_token_ends_after_the_overlap()
    {
        await using var s = await Scenario.StartAsync();
        var old = await s.MintAsync("sensor-9 telemetry", "7d");
        s.Clock.Advance(TimeSpan.FromDays(6));

        var replacement = await TokenRotator.RotateAsync(s.Connection, old.Id, new RotationOptions { Overlap = TimeSpan.FromHours(2), AsPlainText = true }, default);
        Assert.Equal(old.Id, replacement.ReplacesId);
        Assert.NotEqual(old.Id, replacement.Id);
        Assert.Equal("sensor-9 telemetry", replacement.Description);
        Assert.Equal(old.Permissions.Select(p => p.ToString()), replacement.Permissions.Select(p => p.ToString()));
        Assert.Equal((old.OrgId, old.UserId), (replacement.OrgId, replacement.UserId));
        Assert.Equal(s.Clock.GetUtcNow().AddDays(7), replacement.ExpiresAt); // the old lease's lifetime
        Assert.Equal(HttpStatusCode.NoContent, await s.WriteAsync(replacement));

        var shortened = await s.Backend.GetAsync(old.Id, default);
        Assert.Equal(s.Clock.GetUtcNow().AddHours(2), shortened!.ExpiresAt);
        Assert.Equal("sensor-9 telemetry", shortened.Description);
        Assert.Equal(HttpStatusCode.NoContent, await s.WriteAsync(old)); // still works during the overlap

        s.Clock.Advance(TimeSpan.FromHours(3));
        var swept = await Sweeping.RunAsync(s.Connection);
        Assert.Equal(new[] { old.Id }, swept.Results.Select(r => r.Id));
        Assert.Equal(HttpStatusCode.Unauthorized, await s.WriteAsync(old));
        Assert.Equal(HttpStatusCode.NoContent, await s.WriteAsync(replacement));
    }

    [Fact]
    public async Task Without_overlap_the_old_token_goes_at_once()
    {
        await using var s = await Scenario.StartAsync();
        var old = await s.MintAsync("gw", "1d");
        var replacement = await TokenRotator.RotateAsync(s.Connection, old.Id, new RotationOptions { Overlap = null, ExpiresAt = s.Clock.GetUtcNow().AddHours(12), AsPlainText = true }, default);
        Assert.Equal(HttpStatusCode.Unauthorized, await s.WriteAsync(old));
        Assert.Equal(HttpStatusCode.NoContent, await s.WriteAsync(replacement));
        Assert.Equal(s.Clock.GetUtcNow().AddHours(12), replacement.ExpiresAt);
    }

    [Fact]
    public async Task An_old_lease_is_only_ever_shortened()
    {
        await using var s = await Scenario.StartAsync();
        var old = await s.MintAsync("soon", "30m");
        await TokenRotator.RotateAsync(s.Connection, old.Id, new RotationOptions { Overlap = TimeSpan.FromDays(1), ExpiresAt = s.Clock.GetUtcNow().AddDays(1) }, default);
        Assert.Equal(old.ExpiresAt, (await s.Backend.GetAsync(old.Id, default))!.ExpiresAt);
    }

    [Fact]
    public async Task A_token_without_lease_needs_a_lifetime_and_nothing_is_minted_without_one()
    {
        await using var s = await Scenario.StartAsync();
        var old = await s.MintAsync("forever", null);
        var before = (await s.TokensAsync()).Count;
        var ex = await Assert.ThrowsAsync<InfluxTokensException>(() => TokenRotator.RotateAsync(s.Connection, old.Id, new RotationOptions(), default));
        Assert.Contains("give its replacement an expiry", ex.Message);
        Assert.Equal(before, (await s.TokensAsync()).Count);

        var missing = await Assert.ThrowsAsync<InfluxTokensException>(() => TokenRotator.RotateAsync(s.Connection, "0fffffffffffffff", new RotationOptions(), default));
        Assert.Equal(InfluxErrorKind.NotFound, missing.Kind);
        Assert.Equal("No token with id '0fffffffffffffff' exists (or the connection's token may not read it); nothing was rotated.", missing.Message);
    }
}

public class LeaseEditingAndAuditTests
{
    [Fact]
    public async Task Editing_the_description_keeps_the_lease_and_leases_can_be_renewed_or_removed()
    {
        await using var s = await Scenario.StartAsync();
        var token = await s.MintAsync("before", "1h");

        var renamed = await TokenOperations.SetAsync(s.Backend, token.Id, new TokenUpdate { Description = "after [v2]" }, default);
        Assert.Equal(("after [v2]", token.ExpiresAt), (renamed.Description, renamed.ExpiresAt));
        Assert.Equal("after [v2] [lease until 2026-11-24T09:00:00Z]", renamed.RawDescription);

        var renewed = await TokenOperations.SetAsync(s.Backend, token.Id, new TokenUpdate { ExpiresAt = s.Clock.GetUtcNow().AddDays(1) }, default);
        Assert.Equal(("after [v2]", s.Clock.GetUtcNow().AddDays(1)), (renewed.Description, renewed.ExpiresAt!.Value));

        var statusOnly = await TokenOperations.SetAsync(s.Backend, token.Id, new TokenUpdate { Status = TokenStatus.Inactive }, default);
        Assert.Equal(renewed.ExpiresAt, statusOnly.ExpiresAt);

        var permanent = await TokenOperations.SetAsync(s.Backend, token.Id, new TokenUpdate { RemoveExpiry = true }, default);
        Assert.Null(permanent.ExpiresAt);
        Assert.Equal("after [v2]", permanent.RawDescription);

        var sneaky = await Assert.ThrowsAsync<InfluxTokensException>(() =>
            TokenOperations.SetAsync(s.Backend, token.Id, new TokenUpdate { Description = "x [lease until 2999-01-01T00:00:00Z]" }, default));
        Assert.Contains("reads as a lease marker", sneaky.Message);
    }

    [Fact]
    public async Task An_ockam_lease_edited_here_becomes_ours_with_the_same_expiry()
    {
        await using var s = await Scenario.StartAsync();
        var until = s.Clock.GetUtcNow().AddHours(5);
        var auth = s.Server.V2.AddAuthorization(s.Server.Org.Id, s.Server.User.Id, new[] { new InfluxDB.Emulator.V2.V2Permission("read", "buckets", OrgId: s.Server.Org.Id) },
            $"OCKAM:I77:{until.ToUnixTimeSeconds()}");
        var renamed = await TokenOperations.SetAsync(s.Backend, auth.Id, new TokenUpdate { Description = "now managed here" }, default);
        Assert.Equal((until, ExpirySource.Lease, "now managed here"), (renamed.ExpiresAt!.Value, renamed.ExpirySource, renamed.Description));
        var renewed = await TokenOperations.SetAsync(s.Backend, auth.Id, new TokenUpdate { ExpiresAt = until.AddDays(1) }, default);
        Assert.Equal("now managed here", renewed.Description);
    }

    [Fact]
    public async Task Expiry_filters_and_the_auditors_view()
    {
        await using var s = await Scenario.StartAsync();
        var expiring = await s.MintAsync("expiring", "2d");
        var later = await s.MintAsync("later", "30d");
        var gone = await s.MintAsync("gone", "1h");
        var forever = await s.MintAsync("forever", null);
        var allAccess = await s.MintAsync("aa", "30d", preset: PermissionPreset.AllAccess);
        s.Clock.Advance(TimeSpan.FromHours(2));

        async Task<string[]> Get(TokenFilter f)
        {
            var list = new List<string>();
            await foreach (var t in TokenOperations.GetAsync(s.Backend, f, default)) list.Add(t.Description);
            return list.OrderBy(x => x).ToArray();
        }

        Assert.Equal(new[] { "gone" }, await Get(new TokenFilter { Expired = true }));
        Assert.Equal(new[] { "expiring" }, await Get(new TokenFilter { ExpiringWithin = TimeSpan.FromDays(7) }));
        Assert.Equal(new[] { "forever", "my-user's Token" }, await Get(new TokenFilter { NoExpiry = true }));
        Assert.Equal(new[] { "forever", "gone", "my-user's Token" }, await Get(new TokenFilter { NoExpiry = true, Expired = true }));
        Assert.Equal(new[] { "aa", "forever", "gone", "my-user's Token" }, await Get(new TokenFilter { Risky = true }));

        var all = new List<InfluxToken>();
        await foreach (var t in TokenOperations.GetAsync(s.Backend, new TokenFilter(), default)) all.Add(t);
        var setup = all.Single(t => t.Id == s.Server.SetupAuthorization.Id);
        Assert.True(setup.IsOperator);
        Assert.False(setup.IsAllAccess);
        Assert.Equal(new[] { "Operator", "NoExpiry" }, setup.Risk);
        var aa = all.Single(t => t.Id == allAccess.Id);
        Assert.True(aa.IsAllAccess);
        Assert.Equal(new[] { "AllAccess" }, aa.Risk);
        var e = all.Single(t => t.Id == expiring.Id);
        Assert.Equal((false, TimeSpan.FromHours(46), TimeSpan.FromHours(2)), (e.IsExpired, e.TimeLeft!.Value, e.Age!.Value));
        Assert.Empty(e.Risk);
        var g = all.Single(t => t.Id == gone.Id);
        Assert.Equal((true, TimeSpan.Zero), (g.IsExpired, g.TimeLeft!.Value));
        Assert.Equal(new[] { "Expired" }, g.Risk);
        Assert.Equal(all.Where(t => t.Risk.Count > 0).Select(t => t.Description).OrderBy(x => x),
            await Get(new TokenFilter { Risky = true })); // -Risky and Risk are one definition
        _ = later; _ = forever;
    }
}
