using System.Net;
using InfluxDB.Emulator.V2;
using InfluxTokens.Backends;
using InfluxTokens.Tests.Infrastructure;

namespace InfluxTokens.Tests.Core.Backends.V2;

/// <summary>The 2.x backend against the OSS emulator over real HTTP: every operation and its error paths.</summary>
public class V2BackendTests(OssEmulator emu) : IClassFixture<OssEmulator>
{
    private static readonly CancellationToken None = CancellationToken.None;

    private static TokenSpec Spec(string description, params string[] permissions) => new()
    {
        Description = description,
        Permissions = permissions.Select(Permission.Parse).ToList(),
    };

    private static async Task<List<InfluxToken>> ListAsync(ITokenBackend backend, TokenQuery? query = null)
    {
        var list = new List<InfluxToken>();
        await foreach (var t in backend.ListAsync(query ?? TokenQuery.All, None)) list.Add(t);
        return list;
    }

    [Fact]
    public async Task Create_resolves_bucket_names_in_the_token_org_and_the_token_works()
    {
        var backend = emu.Backend();
        var token = await backend.CreateAsync(Spec("sensor-17", "write:buckets/my-bucket", "read:buckets/my-bucket"), None);

        Assert.True(Permission.IsId(token.Id));
        Assert.Equal("sensor-17", token.Description);
        Assert.Equal(TokenStatus.Active, token.Status);
        Assert.Equal(emu.Server.Org.Id, token.OrgId);
        Assert.Equal("my-org", token.Org);
        Assert.Equal(emu.Server.User.Id, token.UserId);
        Assert.Equal("my-user", token.User);
        Assert.NotNull(token.CreatedAt);
        Assert.Equal(InfluxProduct.InfluxDB2Oss, token.Product);

        // Scoped exactly as `influx auth create --write-bucket <id>` would scope it, with the server's names.
        var write = token.Permissions[0];
        Assert.Equal($"write:orgs/{emu.Server.Org.Id}/buckets/{emu.Server.Bucket.Id}", write.ToString());
        Assert.Equal("write:orgs/my-org/buckets/my-bucket", write.ToDisplayString());

        var secret = Assert.IsType<TokenSecret>(token.Secret);
        Assert.Equal(88, secret.Reveal().Length);
        Assert.DoesNotContain(secret.Reveal(), token.ToString());
        Assert.Equal(HttpStatusCode.NoContent, await emu.WriteAsync(secret.Reveal()));
    }

    [Fact]
    public async Task A_token_without_write_on_the_bucket_cannot_write()
    {
        var token = await emu.Backend().CreateAsync(Spec("reader", "read:buckets/my-bucket"), None);
        // influxd's write handler: EForbidden "insufficient permissions for write" (docs/emulator.md says why not the spec's 401).
        Assert.Equal(HttpStatusCode.Forbidden, await emu.WriteAsync(token.Secret!.Reveal()));
    }

    [Fact]
    public async Task Explicit_orgs_and_ids_are_sent_as_given()
    {
        var backend = emu.Backend();
        var org = emu.Server.Org.Id;
        var token = await backend.CreateAsync(Spec("ids", $"read:orgs/{org}/dashboards", $"read:orgs/my-org/buckets/{emu.Server.Bucket.Id}", "read:orgs/my-org"), None);
        Assert.Equal(new[]
        {
            $"read:orgs/{org}/dashboards",
            $"read:orgs/{org}/buckets/{emu.Server.Bucket.Id}",
            $"read:orgs/{org}",
        }, token.Permissions.Select(p => p.ToString()));
    }

    [Fact]
    public async Task Get_returns_the_token_and_null_once_it_is_gone()
    {
        var backend = emu.Backend();
        var created = await backend.CreateAsync(Spec("get-me", "read:buckets/my-bucket"), None);
        var fetched = await backend.GetAsync(created.Id, None);
        Assert.NotNull(fetched);
        Assert.Equal(created.Id, fetched!.Id);
        Assert.Equal(created.Permissions, fetched.Permissions);
        Assert.NotNull(fetched.Secret); // OSS 2.7 returns values on every read

        Assert.True(await backend.DeleteAsync(created.Id, None));
        Assert.Null(await backend.GetAsync(created.Id, None));
    }

    [Fact]
    public async Task A_second_delete_is_not_found_and_the_token_stops_working()
    {
        var backend = emu.Backend();
        var created = await backend.CreateAsync(Spec("delete-me", "write:buckets/my-bucket"), None);
        Assert.Equal(HttpStatusCode.NoContent, await emu.WriteAsync(created.Secret!.Reveal()));
        Assert.True(await backend.DeleteAsync(created.Id, None));
        Assert.Equal(404, (await Assert.ThrowsAsync<InfluxApiException>(() => backend.DeleteAsync(created.Id, None))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await emu.WriteAsync(created.Secret.Reveal()));
    }

    [Fact]
    public async Task Update_changes_description_and_status_and_inactive_tokens_stop_working()
    {
        var backend = emu.Backend();
        var created = await backend.CreateAsync(Spec("before", "write:buckets/my-bucket"), None);

        var renamed = await backend.UpdateAsync(created.Id, new TokenUpdate { Description = "after" }, None);
        Assert.Equal("after", renamed.Description);
        Assert.Equal(TokenStatus.Active, renamed.Status);

        var off = await backend.UpdateAsync(created.Id, new TokenUpdate { Status = TokenStatus.Inactive }, None);
        Assert.Equal(TokenStatus.Inactive, off.Status);
        Assert.Equal("after", off.Description);
        Assert.True(off.UpdatedAt >= off.CreatedAt);
        Assert.Equal(HttpStatusCode.Unauthorized, await emu.WriteAsync(created.Secret!.Reveal()));

        var on = await backend.UpdateAsync(created.Id, new TokenUpdate { Status = TokenStatus.Active }, None);
        Assert.Equal(TokenStatus.Active, on.Status);
        Assert.Equal(HttpStatusCode.NoContent, await emu.WriteAsync(created.Secret.Reveal()));
    }

    [Fact]
    public async Task A_token_can_be_created_inactive()
    {
        var spec = Spec("dormant", "write:buckets/my-bucket");
        spec.Status = TokenStatus.Inactive;
        var token = await emu.Backend().CreateAsync(spec, None);
        Assert.Equal(TokenStatus.Inactive, token.Status);
        Assert.Equal(HttpStatusCode.Unauthorized, await emu.WriteAsync(token.Secret!.Reveal()));
    }

    [Fact]
    public async Task List_filters_by_user_and_org_by_name_or_id()
    {
        var backend = emu.Backend();
        var other = emu.Server.V2.AddUser("list-user-" + Guid.NewGuid().ToString("n")[..6]);
        var spec = Spec("owned-by-other", "read:buckets/my-bucket");
        spec.User = other.Name;
        var owned = await backend.CreateAsync(spec, None);
        Assert.Equal(other.Id, owned.UserId);

        var byName = await ListAsync(backend, new TokenQuery { User = other.Name });
        var byId = await ListAsync(backend, new TokenQuery { User = other.Id });
        Assert.Equal(new[] { owned.Id }, byName.Select(t => t.Id));
        Assert.Equal(new[] { owned.Id }, byId.Select(t => t.Id));

        var all = await ListAsync(backend);
        Assert.Contains(all, t => t.Id == owned.Id);
        Assert.Contains(all, t => t.Id == emu.Server.SetupAuthorization.Id);
        Assert.Equal(all.Count, (await ListAsync(backend, new TokenQuery { Org = "my-org" })).Count);
        Assert.Equal(all.Count, (await ListAsync(backend, new TokenQuery { Org = emu.Server.Org.Id })).Count);

        var ex = await Assert.ThrowsAsync<InfluxTokensException>(() => ListAsync(backend, new TokenQuery { Org = "no-such-org" }));
        Assert.Equal(InfluxErrorKind.NotFound, ex.Kind);
        Assert.Contains("org 'no-such-org'", ex.Message);
        Assert.Contains("organization name \"no-such-org\" not found", ex.Message);

        // influxd's "user not found" does not say which: the message does.
        var user = await Assert.ThrowsAsync<InfluxTokensException>(() => ListAsync(backend, new TokenQuery { User = "no-such-user" }));
        Assert.Equal(InfluxErrorKind.NotFound, user.Kind);
        Assert.Contains("user 'no-such-user'", user.Message);
    }

    [Fact]
    public async Task Operator_and_all_access_presets_match_the_cli_sets()
    {
        var backend = emu.Backend();
        var op = await backend.CreateAsync(new TokenSpec { Description = "op", Preset = PermissionPreset.Operator }, None);
        Assert.Equal(44, op.Permissions.Count);
        Assert.Equal(emu.Server.SetupAuthorization.Permissions.Select(p => p.ToString()), op.Permissions.Select(p => p.ToString()));

        var all = await backend.CreateAsync(new TokenSpec { Description = "all", Preset = PermissionPreset.AllAccess }, None);
        Assert.Equal(43, all.Permissions.Count);
        Assert.Contains(all.Permissions, p => p.ToString() == $"write:users/{emu.Server.User.Id}");
        Assert.Contains(all.Permissions, p => p.ToString() == $"read:orgs/{emu.Server.Org.Id}");
    }

    [Fact]
    public async Task An_all_access_token_cannot_mint_global_permissions()
    {
        var allAccess = await emu.Backend().CreateAsync(new TokenSpec { Description = "aa", Preset = PermissionPreset.AllAccess }, None);
        var limited = emu.Backend(allAccess.Secret!.Reveal());

        // Org-scoped is fine...
        var ok = await limited.CreateAsync(Spec("child", "read:buckets/my-bucket"), None);
        Assert.Equal(emu.Server.Org.Id, ok.Permissions[0].Resource.OrgId);

        // ...a global permission is an escalation, refused with the server's own words.
        var ex = await Assert.ThrowsAsync<InfluxApiException>(() => limited.CreateAsync(Spec("escalate", "read:buckets"), None));
        Assert.Equal(InfluxErrorKind.Forbidden, ex.Kind);
        Assert.Equal(403, ex.StatusCode);
        Assert.Equal("forbidden", ex.ServerCode);
        Assert.Equal("permission read:buckets is not allowed: read:buckets is unauthorized", ex.ServerMessage);
        Assert.Contains("POST /api/v2/authorizations", ex.Message);
    }

    [Fact]
    public async Task Unknown_credentials_and_inactive_tokens_are_unauthorized()
    {
        var stranger = emu.Backend("not-a-real-token");
        var ex = await Assert.ThrowsAsync<InfluxApiException>(() => stranger.GetAsync(emu.Server.SetupAuthorization.Id, None));
        Assert.Equal(InfluxErrorKind.Unauthorized, ex.Kind);
        Assert.Equal("unauthorized access", ex.ServerMessage);
        Assert.DoesNotContain("not-a-real-token", ex.Message);

        var admin = emu.Backend();
        var op = await admin.CreateAsync(new TokenSpec { Description = "soon inactive", Preset = PermissionPreset.Operator }, None);
        await admin.UpdateAsync(op.Id, new TokenUpdate { Status = TokenStatus.Inactive }, None);
        var inactive = emu.Backend(op.Secret!.Reveal());
        var spec = Spec("x", "read:buckets");
        spec.Org = emu.Server.Org.Id;
        var ex2 = await Assert.ThrowsAsync<InfluxApiException>(() => inactive.CreateAsync(spec, None));
        Assert.Equal("token is inactive", ex2.ServerMessage);
        Assert.Empty(await ListAsync(inactive)); // list skips what an inactive token may not see
    }

    [Fact]
    public async Task A_token_of_an_inactive_user_is_forbidden()
    {
        var user = emu.Server.V2.AddUser("inactive-" + Guid.NewGuid().ToString("n")[..6]);
        var auth = emu.Server.V2.AddAuthorization(emu.Server.Org.Id, user.Id, V2Permission.Operator(emu.Server.V2.ResourceTypes));
        user.Active = false;
        var ex = await Assert.ThrowsAsync<InfluxApiException>(() => ListAsync(emu.Backend(auth.Token)));
        Assert.Equal(InfluxErrorKind.Forbidden, ex.Kind);
        Assert.Equal("User is inactive", ex.ServerMessage);
    }

    [Theory]
    [InlineData("read:buckets/no-such-bucket", "No bucket named 'no-such-bucket'")]
    [InlineData("read:orgs/no-such-org/buckets", "No organization named 'no-such-org'")]
    [InlineData("write:users/nobody-at-all", "No user named 'nobody-at-all'")]
    public async Task Unknown_names_fail_before_anything_is_created(string permission, string message)
    {
        var backend = emu.Backend();
        var before = (await ListAsync(backend)).Count;
        var ex = await Assert.ThrowsAsync<InfluxTokensException>(() => backend.CreateAsync(Spec("never", permission), None));
        Assert.Equal(InfluxErrorKind.NotFound, ex.Kind);
        Assert.Contains(message, ex.Message);
        Assert.Equal(before, (await ListAsync(backend)).Count);
    }

    [Fact]
    public async Task Bad_requests_are_refused_with_a_clear_message()
    {
        var backend = emu.Backend();
        var noPerms = await Assert.ThrowsAsync<InfluxTokensException>(() => backend.CreateAsync(new TokenSpec(), None));
        Assert.Contains("at least one permission", noPerms.Message);

        var both = await Assert.ThrowsAsync<InfluxTokensException>(() =>
            backend.CreateAsync(new TokenSpec { Preset = PermissionPreset.Operator, Permissions = new[] { Permission.Parse("read:buckets") } }, None));
        Assert.Contains("cannot be combined", both.Message);

        var cloudType = await Assert.ThrowsAsync<InfluxTokensException>(() => backend.CreateAsync(Spec("x", "read:flows"), None));
        Assert.Contains("InfluxDB OSS 2.x has no 'flows' resources", cloudType.Message);

        var noOrg = await Assert.ThrowsAsync<InfluxTokensException>(() => emu.Backend(defaultOrg: null).CreateAsync(Spec("x", "read:buckets"), None));
        Assert.Contains("No organization", noOrg.Message);

        foreach (var bad in new[] { "abc", "0123456789abcdeg", "" })
        {
            var ex = await Assert.ThrowsAsync<InfluxTokensException>(() => backend.GetAsync(bad, None));
            Assert.Equal(InfluxErrorKind.InvalidRequest, ex.Kind);
            Assert.Contains("16 hexadecimal characters", ex.Message);
        }
    }

    [Fact]
    public async Task Server_side_validation_errors_keep_status_and_message()
    {
        // An all-zero id passes the client's shape check; the server refuses it.
        var ex = await Assert.ThrowsAsync<InfluxApiException>(() => emu.Backend().GetAsync("0000000000000000", None));
        Assert.Equal(400, ex.StatusCode);
        Assert.Equal("invalid", ex.ServerCode);
        Assert.Equal("invalid ID", ex.ServerMessage);
        Assert.Equal("GET", ex.Method);
        Assert.Equal("/api/v2/authorizations/0000000000000000", ex.Endpoint);
    }

    [Fact]
    public async Task Cancellation_is_honoured()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => emu.Backend().GetAsync(emu.Server.SetupAuthorization.Id, cts.Token));
    }
}

/// <summary>The same backend against the Cloud-mode emulator: redacted values, Cloud types, no operator tokens.</summary>
public class V2CloudBackendTests(CloudEmulator emu) : IClassFixture<CloudEmulator>
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task The_value_is_seen_at_creation_only()
    {
        var backend = emu.Backend();
        var created = await backend.CreateAsync(new TokenSpec { Description = "cloud", Permissions = new[] { Permission.Parse("write:buckets/my-bucket") } }, None);
        Assert.NotNull(created.Secret);
        Assert.Equal(HttpStatusCode.NoContent, await emu.WriteAsync(created.Secret!.Reveal()));

        var fetched = await backend.GetAsync(created.Id, None);
        Assert.Null(fetched!.Secret);
        await foreach (var t in backend.ListAsync(TokenQuery.All, None)) Assert.Null(t.Secret);
    }

    [Fact]
    public async Task A_bucket_given_by_id_is_granted_with_its_org_by_an_org_scoped_admin()
    {
        // Cloud's setup token is all-access, scoped to its org: an id-only permission would be refused with 403.
        var bucket = emu.Server.Bucket.Id;
        var created = await emu.Backend().CreateAsync(new TokenSpec { Description = "by-id", Permissions = new[] { Permission.Parse("write:buckets/" + bucket) } }, None);
        Assert.Equal($"write:orgs/{emu.Server.Org.Id}/buckets/{bucket}", Assert.Single(created.Permissions).ToString());
        Assert.Equal(HttpStatusCode.NoContent, await emu.WriteAsync(created.Secret!.Reveal()));
    }

    [Fact]
    public async Task A_bucket_id_the_caller_cannot_see_is_scoped_to_the_token_org_as_the_cli_does()
    {
        // The server does not check that a granted bucket exists (reference §3.2); the lookup finds nothing.
        var created = await emu.Backend().CreateAsync(new TokenSpec { Description = "unseen", Permissions = new[] { Permission.Parse("read:buckets/0fffffffffffffff") } }, None);
        Assert.Equal($"read:orgs/{emu.Server.Org.Id}/buckets/0fffffffffffffff", Assert.Single(created.Permissions).ToString());
    }

    [Fact]
    public async Task Operator_tokens_are_refused_before_any_request()
    {
        var ex = await Assert.ThrowsAsync<InfluxTokensException>(() =>
            emu.Backend().CreateAsync(new TokenSpec { Preset = PermissionPreset.Operator }, None));
        Assert.Equal(InfluxErrorKind.NotSupported, ex.Kind);
        Assert.Contains("no operator tokens", ex.Message);
    }

    [Fact]
    public async Task Cloud_types_are_accepted_and_oss_types_refused()
    {
        var backend = emu.Backend();
        var flows = await backend.CreateAsync(new TokenSpec { Permissions = new[] { Permission.Parse("read:orgs/my-org/flows") } }, None);
        Assert.Equal("read:orgs/my-org/flows", flows.Permissions[0].ToDisplayString());

        var ex = await Assert.ThrowsAsync<InfluxTokensException>(() =>
            backend.CreateAsync(new TokenSpec { Permissions = new[] { Permission.Parse("read:orgs/my-org/sources") } }, None));
        Assert.Contains("InfluxDB Cloud has no 'sources' resources", ex.Message);
    }

    [Fact]
    public async Task All_access_uses_the_cloud_types()
    {
        var all = await emu.Backend().CreateAsync(new TokenSpec { Preset = PermissionPreset.AllAccess }, None);
        Assert.Equal(39, all.Permissions.Count);
        Assert.Contains(all.Permissions, p => p.Resource.Type == "subscriptions");
        Assert.DoesNotContain(all.Permissions, p => p.Resource.Type == "sources");
    }
}
