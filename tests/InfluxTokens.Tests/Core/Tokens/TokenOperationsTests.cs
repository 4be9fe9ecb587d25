using System.Security;
using InfluxTokens.Backends;
using InfluxTokens.Commands.Completion;
using InfluxTokens.Permissions;
using InfluxTokens.Tests.Infrastructure;
using InfluxTokens.Tokens;

namespace InfluxTokens.Tests.Core.Tokens;

/// <summary>What each cmdlet does, exercised through Core against the emulator.</summary>
public class TokenOperationsTests(OssEmulator emu) : IClassFixture<OssEmulator>
{
    private static readonly CancellationToken None = CancellationToken.None;

    private static TokenSpec Spec(string description, params string[] write) =>
        TokenSpecBuilder.Build(ResourceTypeSet.Oss2, new NewTokenRequest { Description = description, Write = write ?? System.Array.Empty<string>() });

    private static async Task<List<InfluxToken>> Get(ITokenBackend backend, TokenFilter filter)
    {
        var list = new List<InfluxToken>();
        await foreach (var t in TokenOperations.GetAsync(backend, filter, None)) list.Add(t);
        return list;
    }

    [Fact]
    public async Task New_hands_out_the_value_once_as_a_secure_string_or_plain_text()
    {
        var backend = emu.Backend();
        var secure = await TokenOperations.NewAsync(backend, Spec("ops-secure", "my-bucket"), asPlainText: false, None);
        var ss = Assert.IsType<SecureString>(secure.Token);
        Assert.Equal(88, ss.Length);
        Assert.Null(((InfluxToken)secure).Secret);

        var plain = await TokenOperations.NewAsync(backend, Spec("ops-plain", "my-bucket"), asPlainText: true, None);
        var value = Assert.IsType<string>(plain.Token);
        Assert.Equal(System.Net.HttpStatusCode.NoContent, await emu.WriteAsync(value));
        Assert.DoesNotContain(value, plain.ToString());
    }

    [Fact]
    public async Task Get_streams_tokens_without_values_and_filters_them()
    {
        var backend = emu.Backend();
        var tag = Guid.NewGuid().ToString("n")[..8];
        await TokenOperations.NewAsync(backend, Spec($"sensor-{tag}-1", "my-bucket"), false, None);
        var second = await TokenOperations.NewAsync(backend, Spec($"sensor-{tag}-2", "my-bucket"), false, None);
        await TokenOperations.NewAsync(backend, TokenSpecBuilder.Build(ResourceTypeSet.Oss2, new NewTokenRequest { Description = $"reader-{tag}", Read = new[] { "my-bucket" } }), false, None);
        await TokenOperations.SetAsync(backend, second.Id, new TokenUpdate { Status = TokenStatus.Inactive }, None);

        var all = await Get(backend, new TokenFilter());
        Assert.All(all, t => Assert.Null(t.Secret));

        Assert.Equal(2, (await Get(backend, new TokenFilter { Description = new[] { $"SENSOR-{tag}-*" } })).Count);
        Assert.Equal(3, (await Get(backend, new TokenFilter { Description = new[] { $"sensor-{tag}-?", $"reader-{tag}" } })).Count);
        Assert.Equal(new[] { second.Id }, (await Get(backend, new TokenFilter { Description = new[] { $"*{tag}*" }, Status = TokenStatus.Inactive })).Select(t => t.Id));
        Assert.Equal(new[] { $"reader-{tag}" }, (await Get(backend, new TokenFilter { Description = new[] { $"*{tag}*" }, Permission = new[] { "read:*my-bucket" } })).Select(t => t.Description));
        Assert.Equal(2, (await Get(backend, new TokenFilter { Description = new[] { $"*{tag}*" }, Permission = new[] { $"write:orgs/{emu.Server.Org.Id}/buckets/*" } })).Count);
        Assert.Equal(3, (await Get(backend, new TokenFilter { Description = new[] { $"*{tag}*" }, User = "my-user" })).Count);

        var byId = await TokenOperations.GetByIdAsync(backend, second.Id, None);
        Assert.Null(byId!.Secret);
        Assert.Null(await TokenOperations.GetByIdAsync(backend, "0fffffffffffffff", None));
    }

    [Fact]
    public async Task Set_refuses_an_empty_change_and_says_what_2x_cannot_change()
    {
        var ex = await Assert.ThrowsAsync<InfluxTokensException>(() => TokenOperations.SetAsync(emu.Backend(), "0a1b2c3d4e5f6071", new TokenUpdate(), None));
        Assert.Contains("changes nothing: no description, status, permissions or expiry", ex.Message);
        var revoked = Assert.Throws<InfluxTokensException>(() => TokenOperations.CheckUpdate(new TokenUpdate { Status = TokenStatus.Revoked }));
        Assert.Contains("Active or Inactive; Revoked is reached by revoking it", revoked.Message);
        var both = Assert.Throws<InfluxTokensException>(() => TokenOperations.CheckUpdate(new TokenUpdate { RemoveExpiry = true, ExpiresAt = DateTimeOffset.UtcNow.AddDays(1) }));
        Assert.Contains("cannot both remove the expiry and set a new one", both.Message);
        var immutable = await Assert.ThrowsAsync<InfluxTokensException>(() => TokenOperations.SetAsync(emu.Backend(), emu.Server.SetupAuthorization.Id,
            new TokenUpdate { Permissions = new[] { Permission.Parse("read:buckets") } }, None));
        Assert.Equal(InfluxErrorKind.NotSupported, immutable.Kind);
        Assert.Contains("permissions are immutable", immutable.Message);
    }

    [Fact]
    public void Confirmation_prompts_say_what_will_be_made_or_changed()
    {
        Assert.Equal("description 'gw' status Inactive expiry 2026-12-01 00:00:00Z permissions read:buckets",
            new TokenUpdate { Description = "gw", Status = TokenStatus.Inactive, ExpiresAt = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero), Permissions = new[] { Permission.Parse("read:buckets") } }.Describe());
        Assert.Equal("no expiry", new TokenUpdate { RemoveExpiry = true }.Describe());
        Assert.Equal("all-access, expiring 2026-12-01 00:00:00Z", new TokenSpec { Preset = PermissionPreset.AllAccess, ExpiresAt = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero) }.Describe());
        Assert.Equal("2 permission(s), never expiring", new TokenSpec { Permissions = new[] { Permission.Parse("read:buckets"), Permission.Parse("write:buckets") } }.Describe());
    }

    [Fact]
    public async Task Revocation_outcomes()
    {
        var backend = emu.Backend();
        var a = await TokenOperations.NewAsync(backend, Spec("revoke-a", "my-bucket"), true, None);
        var deleted = await TokenRevocation.RevokeAsync(backend, a.Id, a.Description, RevokeAction.Delete, None);
        Assert.Equal((RevokeOutcome.Revoked, RevokeAction.Delete, "revoke-a"), (deleted.Outcome, deleted.Action, deleted.Description));
        var again = await TokenRevocation.RevokeAsync(backend, a.Id, null, RevokeAction.Delete, None);
        Assert.Equal(RevokeOutcome.AlreadyGone, again.Outcome); // listed a moment ago: someone else revoked it
        var typo = await Assert.ThrowsAsync<InfluxTokensException>(() => TokenRevocation.RevokeAsync(backend, a.Id, null, RevokeAction.Delete, None, listedJustNow: false));
        Assert.Equal(InfluxErrorKind.NotFound, typo.Kind);

        var b = await TokenOperations.NewAsync(backend, Spec("revoke-b", "my-bucket"), true, None);
        var off = await TokenRevocation.RevokeAsync(backend, b.Id, null, RevokeAction.Deactivate, None);
        Assert.Equal(RevokeOutcome.Deactivated, off.Outcome);
        Assert.Equal("revoke-b", off.Description);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, await emu.WriteAsync((string)b.Token));
        Assert.Equal(RevokeOutcome.AlreadyGone, (await TokenRevocation.RevokeAsync(backend, "0fffffffffffffff", null, RevokeAction.Deactivate, None)).Outcome);
    }

    [Fact]
    public async Task Completion_lists_buckets_and_orgs_from_the_server()
    {
        var backend = emu.Backend();
        emu.Server.V2.AddBucket(emu.Server.Org.Id, "my bucket two");
        var buckets = CompletionCandidates.Names(await backend.ListNamesAsync(NameKind.Bucket, None), "my");
        Assert.Equal(new[] { "my-bucket", "'my bucket two'" }.OrderBy(x => x.Trim('\''), StringComparer.OrdinalIgnoreCase), buckets.Select(c => c.CompletionText));
        Assert.Equal(new[] { "my-org" }, CompletionCandidates.Names(await backend.ListNamesAsync(NameKind.Org, None), "").Select(c => c.CompletionText));
    }
}

public class TokenSpecBuilderTests
{
    private static TokenSpec Build(string[]? permission = null, string[]? read = null, string[]? write = null, bool all = false, bool op = false,
        ResourceTypeSet? types = null) =>
        TokenSpecBuilder.Build(types ?? ResourceTypeSet.Oss2, new NewTokenRequest { Description = "d", Permissions = permission ?? System.Array.Empty<string>(), Read = read ?? System.Array.Empty<string>(), Write = write ?? System.Array.Empty<string>(), Preset = all ? PermissionPreset.AllAccess : op ? PermissionPreset.Operator : PermissionPreset.None });

    [Fact]
    public void Read_and_write_take_bucket_names_or_ids()
    {
        var spec = Build(read: new[] { "telemetry", "0A1B2C3D4E5F6071" }, write: new[] { "weather/raw" });
        Assert.Equal(new[] { "read:buckets/telemetry", "read:buckets/0a1b2c3d4e5f6071", "write:buckets/weather%2Fraw" }, spec.Permissions.Select(p => p.ToString()));
        Assert.Equal("weather/raw", spec.Permissions[2].Resource.Name);
    }

    [Fact]
    public void The_same_grant_twice_is_sent_once()
    {
        var spec = Build(permission: new[] { "write:buckets/telemetry", "WRITE:Buckets/telemetry" }, write: new[] { "telemetry" });
        Assert.Single(spec.Permissions);
    }

    [Fact]
    public void Contradictions_and_gaps_are_refused_before_any_request()
    {
        Assert.Contains("cannot be combined", Assert.Throws<InfluxTokensException>(() => Build(permission: new[] { "read:buckets" }, all: true)).Message);
        Assert.Contains("at least one permission", Assert.Throws<InfluxTokensException>(() => Build()).Message);
        Assert.Contains("has an empty name", Assert.Throws<InfluxTokensException>(() => Build(write: new[] { " " })).Message);
        Assert.Contains("InfluxDB Cloud accepts", Assert.Throws<PermissionFormatException>(() => Build(permission: new[] { "read:sources" }, types: ResourceTypeSet.Cloud2)).Message);
        Assert.Equal(PermissionPreset.Operator, Build(op: true).Preset);
    }
}

public class WildcardAndCompletionTests
{
    [Theory]
    [InlineData("sensor-*", "Sensor-17", true)]
    [InlineData("sensor-?", "sensor-17", false)]
    [InlineData("sensor-??", "sensor-17", true)]
    [InlineData("sensor-[0-9]7", "sensor-17", true)]
    [InlineData("sensor-[ab]7", "sensor-17", false)]
    [InlineData("100`%*", "100% done", true)]
    [InlineData("a`*b", "a*b", true)]
    [InlineData("a`*b", "axb", false)]
    [InlineData("*", "", true)]
    [InlineData("exact", "exactly", false)]
    [InlineData("(x)+.y", "(x)+.y", true)]
    public void Wildcards_follow_powershell(string pattern, string text, bool match) =>
        Assert.Equal(match, new Wildcard(pattern).IsMatch(text));

    [Fact]
    public void An_unclosed_set_is_a_clear_error() =>
        Assert.Contains("never closed", Assert.Throws<ArgumentException>(() => new Wildcard("a[bc")).Message);

    [Fact]
    public void Token_ids_complete_by_id_or_description()
    {
        var tokens = new[]
        {
            new InfluxToken("0a00000000000001", "sensor 17", TokenStatus.Active, Array.Empty<Permission>(), InfluxProduct.InfluxDB2Oss),
            new InfluxToken("0b00000000000002", "gateway", TokenStatus.Active, Array.Empty<Permission>(), InfluxProduct.InfluxDB2Oss),
        };
        Assert.Equal(new[] { "0a00000000000001" }, CompletionCandidates.TokenIds(tokens, "0a").Select(c => c.CompletionText));
        var byDescription = Assert.Single(CompletionCandidates.TokenIds(tokens, "'gate"));
        Assert.Equal("0b00000000000002", byDescription.CompletionText);
        Assert.Equal("gateway", byDescription.ToolTip);
        Assert.Equal(2, CompletionCandidates.TokenIds(tokens, "").Count);
        Assert.Empty(CompletionCandidates.TokenIds(tokens, "[")); // typed text is literal, not a pattern
    }

    [Theory]
    [InlineData("telemetry", "telemetry")]
    [InlineData("my bucket", "'my bucket'")]
    [InlineData("it's", "'it''s'")]
    [InlineData("a$b", "'a$b'")]
    public void Names_are_quoted_when_powershell_needs_it(string name, string completion) =>
        Assert.Equal(completion, CompletionCandidates.Quote(name));
}
