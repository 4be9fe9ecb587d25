using System.Net;
using InfluxDB.Emulator;
using InfluxTokens.Backends;
using InfluxTokens.Leases;
using InfluxTokens.Tests.Infrastructure;
using InfluxTokens.Tokens;

namespace InfluxTokens.Tests.Core.Backends.V3;

/// <summary>Cloud Dedicated and Clustered, through the management API, against the emulator.</summary>
public class ManagementBackendTests
{
    public static TheoryData<EmulatorMode> Modes() => new() { EmulatorMode.Dedicated, EmulatorMode.Clustered };

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task Create_read_write_list_update_and_revoke(EmulatorMode mode)
    {
        await using var s = await Scenario.StartAsync(mode);
        Assert.Equal(Scenario.ProductOf(mode), s.Connection.Product);
        var token = await s.MintAsync("ingest sensor-3", "1h", write: new[] { "my-db" }, read: new[] { "my-db", "*" });
        Assert.True(Guid.TryParse(token.Id, out _));
        Assert.StartsWith("apiv1_", (string)token.Token);
        Assert.Equal((ExpirySource.Server, s.Clock.GetUtcNow().AddHours(1)), (token.ExpirySource, token.ExpiresAt!.Value));
        Assert.Equal(new[] { "read:databases/my-db", "read:databases/*", "write:databases/my-db" }, token.Permissions.Select(p => p.ToString()));
        Assert.Equal(HttpStatusCode.NoContent, await s.WriteAsync(token));

        var listed = Assert.Single(await s.TokensAsync());
        Assert.Equal((token.Id, "ingest sensor-3", TokenStatus.Active), (listed.Id, listed.Description, listed.Status));
        Assert.Null(listed.Secret);

        var renamed = await TokenOperations.SetAsync(s.Backend, token.Id, new TokenUpdate { Description = "ingest sensor-3b" }, default);
        Assert.Equal(("ingest sensor-3b", 3), (renamed.Description, renamed.Permissions.Count));
        var narrowed = await TokenOperations.SetAsync(s.Backend, token.Id, new TokenUpdate { Permissions = new[] { Permission.Parse("read:databases/my-db", s.Backend.ResourceTypes) } }, default);
        Assert.Equal(new[] { "read:databases/my-db" }, narrowed.Permissions.Select(p => p.ToString())); // replaced, not merged
        Assert.Equal(HttpStatusCode.Forbidden, await s.WriteAsync(token));

        var revoked = await TokenRevocation.RevokeAsync(s.Backend, token.Id, null, RevokeAction.Delete, default);
        Assert.Equal(RevokeOutcome.Revoked, revoked.Outcome);
        Assert.Equal(RevokeOutcome.AlreadyGone, (await TokenRevocation.RevokeAsync(s.Backend, token.Id, null, RevokeAction.Delete, default)).Outcome);
        Assert.Equal(HttpStatusCode.Unauthorized, await s.WriteAsync(token));
        Assert.Empty(await s.TokensAsync()); // revoked tokens are hidden...
        var kept = Assert.Single(await s.TokensAsync(new TokenFilter { IncludeRevoked = true })); // ...unless asked for
        Assert.Equal(TokenStatus.Revoked, kept.Status);
        Assert.Equal(TokenStatus.Revoked, (await s.Backend.GetAsync(token.Id, default))!.Status);
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task What_the_product_cannot_do_is_said_plainly(EmulatorMode mode)
    {
        await using var s = await Scenario.StartAsync(mode);
        var token = await s.MintAsync("t", "1h");
        async Task<string> Refused(Func<Task> act) => (await Assert.ThrowsAsync<InfluxTokensException>(act)).Message;

        Assert.Contains("has no inactive tokens", await Refused(() => TokenRevocation.RevokeAsync(s.Backend, token.Id, null, RevokeAction.Deactivate, default)));
        Assert.Contains("sweep by deleting", await Refused(() => TokenSweeper.PlanAsync(s.Connection, new SweepOptions { Action = RevokeAction.Deactivate }, default)));
        Assert.Contains("cannot extend an expiry set at creation", await Refused(() => TokenOperations.SetAsync(s.Backend, token.Id, new TokenUpdate { ExpiresAt = s.Clock.GetUtcNow().AddDays(2) }, default)));
        Assert.Contains("cannot remove an expiry", await Refused(() => TokenOperations.SetAsync(s.Backend, token.Id, new TokenUpdate { RemoveExpiry = true }, default)));
        Assert.Contains("no operator database token", await Refused(() => s.Backend.CreateAsync(new TokenSpec { Description = "x", Preset = PermissionPreset.Operator }, default)));
        Assert.Contains("grants only databases", await Refused(() => s.Backend.CreateAsync(new TokenSpec { Description = "x", Permissions = new[] { Permission.Parse("read:buckets") } }, default)));
        Assert.Contains("ids are UUIDs", await Refused(() => s.Backend.GetAsync("0a1b2c3d4e5f6071", default)));
        Assert.Contains("has no orgs", Assert.Throws<PermissionFormatException>(() => Permission.Parse("read:orgs/acme/databases", s.Backend.ResourceTypes)).Message);

        var all = await s.MintAsync("everything", null, preset: PermissionPreset.AllAccess);
        Assert.Equal(new[] { "read:databases/*", "write:databases/*" }, all.Permissions.Select(p => p.ToString()));
        Assert.True(all.IsAllAccess);
        Assert.Null(all.ExpiresAt);
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task A_lease_expires_natively_and_the_sweep_cleans_it_up(EmulatorMode mode)
    {
        await using var s = await Scenario.StartAsync(mode);
        var token = await s.MintAsync("short", "1h");
        var keep = await s.MintAsync("long", "30d");
        Assert.Equal(HttpStatusCode.NoContent, await s.WriteAsync(token));
        s.Clock.Advance(TimeSpan.FromHours(2));
        Assert.Equal(HttpStatusCode.Unauthorized, await s.WriteAsync(token)); // the server enforces its expiry

        // The pipeline: Get-InfluxToken -Expired | Revoke-InfluxToken
        var expired = await s.TokensAsync(new TokenFilter { Expired = true });
        Assert.Equal(new[] { token.Id }, expired.Select(t => t.Id));
        foreach (var t in expired) Assert.Equal(RevokeOutcome.Revoked, (await TokenRevocation.RevokeAsync(s.Backend, t.Id, t.Description, RevokeAction.Delete, default)).Outcome);
        Assert.Equal(new[] { keep.Id }, (await s.TokensAsync()).Select(t => t.Id));

        // And the sweep's hygiene run finds nothing more, knowing its management token is never among them.
        var plan = await TokenSweeper.PlanAsync(s.Connection, new SweepOptions(), default);
        Assert.Empty(plan.ToRevoke);
        Assert.True(plan.OwnTokenKnown);
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task Rotation_overlap_is_a_lease_on_top_of_the_native_expiry(EmulatorMode mode)
    {
        await using var s = await Scenario.StartAsync(mode);
        var old = await s.MintAsync("gateway", "7d");
        var fresh = await TokenRotator.RotateAsync(s.Connection, old.Id, new RotationOptions { Overlap = TimeSpan.FromHours(1), AsPlainText = true }, default);
        Assert.Equal(old.Permissions.Select(p => p.ToString()), fresh.Permissions.Select(p => p.ToString()));
        Assert.Equal("gateway", fresh.Description);
        var shortened = (await s.Backend.GetAsync(old.Id, default))!;
        Assert.Equal((ExpirySource.Lease, s.Clock.GetUtcNow().AddHours(1)), (shortened.ExpirySource, shortened.ExpiresAt!.Value));
        Assert.Equal("gateway", shortened.Description);

        s.Clock.Advance(TimeSpan.FromHours(2));
        var swept = await Sweeping.RunAsync(s.Connection);
        Assert.Equal(new[] { old.Id }, swept.Results.Select(r => r.Id));
        Assert.Equal(HttpStatusCode.Unauthorized, await s.WriteAsync(old));
        Assert.Equal(HttpStatusCode.NoContent, await s.WriteAsync(fresh));
    }

    [Fact]
    public async Task New_tokens_may_take_a_while_to_activate()
    {
        await using var s = await Scenario.StartAsync(EmulatorMode.Dedicated, activationDelay: TimeSpan.FromSeconds(30));
        var token = await s.MintAsync("slow", null);
        Assert.Equal(HttpStatusCode.Unauthorized, await s.WriteAsync(token));
        s.Clock.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(HttpStatusCode.NoContent, await s.WriteAsync(token));
    }

    [Fact]
    public async Task Waiting_for_activation_polls_until_the_token_works_or_time_runs_out()
    {
        await using var s = await Scenario.StartAsync(EmulatorMode.Dedicated, activationDelay: TimeSpan.FromSeconds(30));
        Assert.True(s.Backend.Features.HasFlag(TokenFeatures.DelayedActivation));
        var waits = new List<TimeSpan>();
        Task Sleep(TimeSpan d, CancellationToken _) { waits.Add(d); s.Clock.Advance(d); return Task.CompletedTask; }

        var slow = await s.MintAsync("slow", null);
        Assert.Equal(ActivationOutcome.TimedOut, (await TokenActivation.WaitForAsync(s.Connection, slow, TimeSpan.FromSeconds(10), Sleep, null, default)).Outcome);
        Assert.Equal(ActivationOutcome.Active, (await TokenActivation.WaitForAsync(s.Connection, slow, TimeSpan.FromMinutes(2), Sleep, null, default)).Outcome);
        Assert.Equal(HttpStatusCode.NoContent, await s.WriteAsync(slow));
        Assert.Equal(new[] { 1.0, 2, 4, 1, 2, 4, 8, 10 }, waits.Select(w => w.TotalSeconds)); // backing off, capped at 10 s
    }

    [Fact]
    public async Task An_unreachable_data_url_is_an_activation_outcome_and_the_minted_token_is_kept()
    {
        await using var s = await Scenario.StartAsync(EmulatorMode.Dedicated, activationDelay: TimeSpan.FromSeconds(30));
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var closed = new Uri("http://127.0.0.1:" + ((System.Net.IPEndPoint)listener.LocalEndpoint).Port + "/");
        listener.Stop();
        var settings = new InfluxTokens.Connections.ConnectionSettings(s.Server.Url, new TokenSecret(s.Server.SetupToken), "test")
        {
            Product = InfluxProduct.CloudDedicated, AccountId = s.Server.Management!.AccountId.ToString(), ClusterId = s.Server.Management.ClusterId.ToString(),
            DataUrl = closed, Retry = Scenario.NoSleep(),
        };
        using var connection = await InfluxConnection.OpenAsync(settings, default, clock: s.Clock);
        var minted = await s.MintAsync("far", null, via: connection);

        var result = await TokenActivation.WaitForAsync(connection, minted, TimeSpan.FromMinutes(1), default);
        Assert.Equal(ActivationOutcome.CheckFailed, result.Outcome);
        Assert.Contains("Token " + minted.Id + " was created", result.Message);
        Assert.IsAssignableFrom<InfluxTokensException>(result.Error);
        Assert.False(await TokenActivation.WaitAsync(connection, minted, TimeSpan.FromMinutes(1), default)); // the older call no longer throws either
    }

    [Fact]
    public async Task A_token_refused_for_lacking_write_counts_as_active()
    {
        // The probe writes; a read-only token is authenticated but forbidden (403), and that is activation, not failure.
        await using var s = await Scenario.StartAsync(EmulatorMode.Dedicated);
        var reader = await s.MintAsync("reader", null, read: new[] { "my-db" });
        Assert.Equal(HttpStatusCode.Forbidden, await s.WriteAsync(reader));
        Assert.Equal(ActivationOutcome.Active, (await TokenActivation.WaitForAsync(s.Connection, reader, TimeSpan.FromSeconds(1), (_, _) => Task.CompletedTask, null, default)).Outcome);
    }

    [Fact]
    public async Task Dedicated_needs_its_ids_and_a_valid_management_token()
    {
        await using var s = await Scenario.StartAsync(EmulatorMode.Dedicated);
        var noIds = new InfluxTokens.Connections.ConnectionSettings(s.Server.Url, new TokenSecret(s.Server.SetupToken), "t") { Product = InfluxProduct.CloudDedicated };
        Assert.Contains("give the account id and the cluster id", (await Assert.ThrowsAsync<InfluxTokensException>(() => InfluxConnection.OpenAsync(noIds, default))).Message);
        var wrong = await Assert.ThrowsAsync<InfluxApiException>(() => Scenario.OpenAsync(s.Server, s.Clock, "M.V1.wrong"));
        Assert.Equal((InfluxErrorKind.Unauthorized, "unauthorized", "401"), (wrong.Kind, wrong.ServerMessage, wrong.ServerCode));
    }
}
