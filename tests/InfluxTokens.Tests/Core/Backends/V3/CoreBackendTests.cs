using System.Net;
using InfluxDB.Emulator;
using InfluxTokens.Backends;
using InfluxTokens.Leases;
using InfluxTokens.Tests.Infrastructure;
using InfluxTokens.Tokens;

namespace InfluxTokens.Tests.Core.Backends.V3;

/// <summary>InfluxDB 3 Core and Enterprise, through /api/v3, against the emulator.</summary>
public class CoreBackendTests
{
    public static TheoryData<EmulatorMode> Modes() => new() { EmulatorMode.Core, EmulatorMode.Enterprise };

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task Named_admin_tokens_are_created_listed_and_deleted_by_name(EmulatorMode mode)
    {
        await using var s = await Scenario.StartAsync(mode);
        Assert.Equal(Scenario.ProductOf(mode), s.Connection.Product); // detected from /ping
        var admin = await s.MintAsync("ci-runner", "12h", preset: PermissionPreset.AllAccess);
        Assert.Equal(("ci-runner", "ci-runner"), (admin.Id, admin.Description));
        Assert.StartsWith("apiv3_", (string)admin.Token);
        Assert.Equal(92, ((string)admin.Token).Length);
        Assert.Equal(s.Clock.GetUtcNow().AddHours(12), admin.ExpiresAt);
        Assert.True(admin.IsOperator);
        Assert.Equal(HttpStatusCode.NoContent, await s.WriteAsync(admin));

        var listed = await s.TokensAsync();
        Assert.Equal(new[] { "_admin", "ci-runner" }, listed.Select(t => t.Id));
        Assert.All(listed, t => Assert.True(t.IsOperator));
        Assert.Same(listed[0].Permissions, listed[1].Permissions); // the same "*:*:*", parsed once for the listing
        Assert.Equal(s.Clock.GetUtcNow().AddHours(12), listed[1].ExpiresAt);
        Assert.Null(listed[0].ExpiresAt);

        var duplicate = await Assert.ThrowsAsync<InfluxApiException>(() => s.MintAsync("ci-runner", null, preset: PermissionPreset.AllAccess));
        Assert.Equal((409, "token name already exists, ci-runner"), (duplicate.StatusCode, duplicate.ServerMessage));

        Assert.True(await s.Backend.DeleteAsync("ci-runner", default));
        Assert.Equal(404, (await Assert.ThrowsAsync<InfluxApiException>(() => s.Backend.DeleteAsync("ci-runner", default))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await s.WriteAsync(admin));
        var never = await Assert.ThrowsAsync<InfluxTokensException>(() => s.Backend.DeleteAsync("_admin", default));
        Assert.Contains("never deletes the operator token _admin", never.Message);
        Assert.Contains("cannot be changed", (await Assert.ThrowsAsync<InfluxTokensException>(() => TokenOperations.SetAsync(s.Backend, "_admin", new TokenUpdate { Description = "x" }, default))).Message);
        Assert.Contains("names every token", (await Assert.ThrowsAsync<InfluxTokensException>(() => s.Backend.CreateAsync(new TokenSpec { Preset = PermissionPreset.AllAccess }, default))).Message);
    }

    [Fact]
    public async Task Core_mints_admin_tokens_only()
    {
        await using var s = await Scenario.StartAsync(EmulatorMode.Core);
        var ex = await Assert.ThrowsAsync<InfluxTokensException>(() => s.MintAsync("db writer", null));
        Assert.Equal(InfluxErrorKind.NotSupported, ex.Kind);
        Assert.Contains("admin tokens only", ex.Message);
    }

    [Fact]
    public async Task Enterprise_mints_database_and_system_tokens()
    {
        await using var s = await Scenario.StartAsync(EmulatorMode.Enterprise);
        var writer = await s.MintAsync("writer", "1h", write: new[] { "my-db" }, read: new[] { "my-db", "other-db" });
        Assert.Equal(HttpStatusCode.NoContent, await s.WriteAsync(writer));
        var reader = await s.MintAsync("reader", "1h", read: new[] { "my-db" }, permission: new[] { "read:system/health" });
        Assert.Equal(HttpStatusCode.Forbidden, await s.WriteAsync(reader));

        var listed = (await s.TokensAsync()).ToDictionary(t => t.Id);
        Assert.Equal(new[] { "read:databases/my-db", "read:databases/other-db", "write:databases/my-db" },
            listed["writer"].Permissions.Select(p => p.ToString()).OrderBy(x => x, StringComparer.Ordinal));
        Assert.Equal(new[] { "read:databases/my-db", "read:system/health" }, listed["reader"].Permissions.Select(p => p.ToString()).OrderBy(x => x, StringComparer.Ordinal));
        Assert.False(listed["writer"].IsOperator);
        Assert.NotSame(listed["writer"].Permissions, listed["reader"].Permissions);

        var stored = s.Server.Core!.Tokens.Single(t => t.Name == "writer").Permissions;
        Assert.Equal("db:my-db:read,write db:other-db:read", stored); // grouped by names sharing the same actions

        Assert.Contains("read-only", (await Assert.ThrowsAsync<InfluxTokensException>(() => s.MintAsync("bad", null, permission: new[] { "write:system/health" }))).Message);
        var all = await s.MintAsync("all dbs", null, write: new[] { "*" });
        Assert.Equal(HttpStatusCode.NoContent, await s.WriteAsync(all));
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task Expired_tokens_stop_working_and_the_sweep_deletes_them_but_never_its_own(EmulatorMode mode)
    {
        await using var s = await Scenario.StartAsync(mode);
        var sweeper = await s.MintAsync("sweeper", "1h", preset: PermissionPreset.AllAccess);
        var client = await s.MintAsync("client", "1h", preset: PermissionPreset.AllAccess);
        using var asSweeper = await Scenario.OpenAsync(s.Server, s.Clock, (string)sweeper.Token);
        s.Clock.Advance(TimeSpan.FromMinutes(30));
        Assert.Empty((await TokenSweeper.PlanAsync(asSweeper, new SweepOptions(), default)).ToRevoke);

        // The sweeper's own token expires too: the server refuses it, so it sweeps with the operator token.
        s.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(HttpStatusCode.Unauthorized, await s.WriteAsync(client));
        Assert.Equal(new[] { "client", "sweeper" }, (await s.TokensAsync(new TokenFilter { Expired = true })).Select(t => t.Id).OrderBy(x => x)); // Get-InfluxToken -Expired
        var swept = await Sweeping.RunAsync(s.Connection);
        Assert.True(swept.Plan.OwnTokenKnown); // system.tokens lists a hash prefix to recognise it by
        Assert.Equal(new[] { "client", "sweeper" }, swept.Plan.ToRevoke.Select(t => t.Id).OrderBy(x => x));
        Assert.All(swept.Results, r => Assert.Equal(RevokeOutcome.Revoked, r.Outcome));
        Assert.Equal(new[] { "_admin" }, (await s.TokensAsync()).Select(t => t.Id));
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task The_own_token_is_recognised_by_its_hash_prefix(EmulatorMode mode)
    {
        await using var s = await Scenario.StartAsync(mode);
        await s.MintAsync("sweeper", null, preset: PermissionPreset.AllAccess); // named admin tokens, no expiry
        await s.MintAsync("client", null, preset: PermissionPreset.AllAccess);
        var sweeper = await s.MintAsync("sweeper 2", null, preset: PermissionPreset.AllAccess);
        s.Clock.Advance(TimeSpan.FromHours(2));
        var stale = new SweepOptions { NoExpiryOlderThan = TimeSpan.FromHours(1) };

        // As "sweeper 2": every old token is due except its own, told apart by the hash prefix system.tokens lists.
        using var asSweeper = await Scenario.OpenAsync(s.Server, s.Clock, (string)sweeper.Token);
        var plan = await TokenSweeper.PlanAsync(asSweeper, stale, default);
        Assert.True(plan.OwnTokenKnown);
        Assert.Equal("sweeper 2", plan.SkippedOwnTokenId);
        Assert.Equal(new[] { "client", "sweeper" }, plan.ToRevoke.Select(t => t.Id).OrderBy(x => x, StringComparer.Ordinal));

        // As _admin: "sweeper 2" is just another old token; _admin itself is never due.
        var asAdmin = await TokenSweeper.PlanAsync(s.Connection, stale, default);
        Assert.Null(asAdmin.SkippedOwnTokenId);
        Assert.Equal(new[] { "client", "sweeper", "sweeper 2" }, asAdmin.ToRevoke.Select(t => t.Id).OrderBy(x => x, StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task Rotation_mints_a_dated_name_and_needs_no_overlap(EmulatorMode mode)
    {
        await using var s = await Scenario.StartAsync(mode);
        var old = await s.MintAsync("gateway", "7d", preset: PermissionPreset.AllAccess);
        var before = (await s.TokensAsync()).Count;
        var refused = await Assert.ThrowsAsync<InfluxTokensException>(() => TokenRotator.RotateAsync(s.Connection, old.Id, new RotationOptions { Overlap = TimeSpan.FromHours(1) }, default));
        Assert.Contains("rotate without one", refused.Message);
        Assert.Equal(before, (await s.TokensAsync()).Count); // nothing minted

        var fresh = await TokenRotator.RotateAsync(s.Connection, old.Id, new RotationOptions { Overlap = null, AsPlainText = true }, default);
        Assert.Equal("gateway-r20261124080000", fresh.Id);
        Assert.True(fresh.IsOperator);
        Assert.Equal(s.Clock.GetUtcNow().AddDays(7), fresh.ExpiresAt);
        Assert.Equal(HttpStatusCode.NoContent, await s.WriteAsync(fresh));
        Assert.Equal(HttpStatusCode.Unauthorized, await s.WriteAsync(old));
        s.Clock.Advance(TimeSpan.FromDays(1));
        var again = await TokenRotator.RotateAsync(s.Connection, fresh.Id, new RotationOptions { Overlap = null, AsPlainText = true }, default);
        Assert.Equal("gateway-r20261125080000", again.Id);
    }

    [Fact]
    public void System_tokens_permission_text_is_read()
    {
        var p = InfluxTokens.Backends.V3.CoreTokenBackend.ParsePermissions("db:a,b:read,write system:health:read");
        Assert.Equal(new[] { "read:databases/a", "read:databases/b", "write:databases/a", "write:databases/b", "read:system/health" }, p.Select(x => x.ToString()));
        Assert.Equal(new[] { "read:*", "write:*" }, InfluxTokens.Backends.V3.CoreTokenBackend.ParsePermissions("*:*:*").Select(x => x.ToString()));
    }
}
