using System.Net;
using System.Text.Json;
using InfluxDB.Emulator.V2;
using InfluxTokens.Permissions;
using InfluxTokens.Tests.Infrastructure;

namespace InfluxTokens.Tests.Emulator;

/// <summary>
/// The emulator against shared/reference/influxdb2-authorizations.md §8 (OSS 2.7), over raw HTTP, so the
/// client's tests run against a server that behaves like the real one and not merely like the client expects.
/// </summary>
public class EmulatorV2Tests(OssEmulator emu) : IClassFixture<OssEmulator>
{
    private string OrgId => emu.Server.Org.Id;

    private string PostBody(string permissions = "[{\"action\":\"read\",\"resource\":{\"type\":\"buckets\"}}]", string? org = null) =>
        $"{{\"orgID\":\"{org ?? OrgId}\",\"description\":\"t\",\"permissions\":{permissions}}}";

    private static (string Code, string Message) Error(string body)
    {
        using var doc = JsonDocument.Parse(body);
        return (doc.RootElement.GetProperty("code").GetString()!, doc.RootElement.GetProperty("message").GetString()!);
    }

    [Theory]
    [InlineData("Token", null)]
    [InlineData("Bearer", null)]
    [InlineData("token", null)]
    [InlineData("Basic", "unauthorized access")]
    public async Task Token_and_bearer_schemes_are_accepted_case_insensitively(string scheme, string? error)
    {
        var (status, body, headers, _) = await emu.SendAsync(HttpMethod.Get, "/api/v2/authorizations", scheme: scheme);
        if (error is null) Assert.Equal(HttpStatusCode.OK, status);
        else
        {
            Assert.Equal(HttpStatusCode.Unauthorized, status);
            Assert.Equal("{\"code\":\"unauthorized\",\"message\":\"unauthorized access\"}", body); // compact, from the middleware
            Assert.Equal("unauthorized", headers.GetValues("X-Platform-Error-Code").Single());
        }
    }

    [Fact]
    public async Task Handler_bodies_are_tab_indented_without_a_trailing_newline()
    {
        var (status, body, _, contentType) = await emu.SendAsync(HttpMethod.Get, $"/api/v2/authorizations/{emu.Server.SetupAuthorization.Id}");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("application/json; charset=utf-8", contentType);
        Assert.StartsWith("{\n\t\"id\": ", body);
        Assert.EndsWith("}", body);
        using var doc = JsonDocument.Parse(body);
        Assert.Equal(
            new[] { "id", "token", "status", "description", "orgID", "org", "userID", "user", "permissions", "links", "createdAt", "updatedAt" },
            doc.RootElement.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task Create_answers_201_with_a_fresh_88_character_token()
    {
        var (status, body, _, _) = await emu.SendAsync(HttpMethod.Post, "/api/v2/authorizations", PostBody());
        Assert.Equal(HttpStatusCode.Created, status);
        using var doc = JsonDocument.Parse(body);
        var root = doc.RootElement;
        var token = root.GetProperty("token").GetString()!;
        Assert.Equal(88, token.Length);
        Assert.EndsWith("==", token);
        Assert.Matches("^[A-Za-z0-9_=-]+$", token);
        Assert.Equal("active", root.GetProperty("status").GetString());
        Assert.Equal(root.GetProperty("createdAt").GetString(), root.GetProperty("updatedAt").GetString());
        Assert.Equal($"/api/v2/authorizations/{root.GetProperty("id").GetString()}", root.GetProperty("links").GetProperty("self").GetString());
        Assert.Equal(emu.Server.User.Id, root.GetProperty("userID").GetString()); // defaults to the caller's user
        Assert.Equal($"/api/v2/users/{emu.Server.User.Id}", root.GetProperty("links").GetProperty("user").GetString());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d*[1-9])?Z$", root.GetProperty("createdAt").GetString());
    }

    [Theory]
    [InlineData("", "invalid json structure: EOF")]
    [InlineData("{\"orgID\":\"\",\"permissions\":[{\"action\":\"read\",\"resource\":{\"type\":\"buckets\"}}]}", "invalid json structure: id must have a length of 16 bytes")]
    [InlineData("{\"orgID\":\"zzzzzzzzzzzzzzzz\",\"permissions\":[{\"action\":\"read\",\"resource\":{\"type\":\"buckets\"}}]}", "invalid json structure: invalid ID")]
    [InlineData("{\"orgID\":\"0000000000000000\",\"permissions\":[{\"action\":\"read\",\"resource\":{\"type\":\"buckets\"}}]}", "invalid json structure: invalid ID")]
    [InlineData("{\"description\":\"x\",\"permissions\":[{\"action\":\"read\",\"resource\":{\"type\":\"buckets\"}}]}", "org id required: invalid ID")]
    public async Task Create_refuses_undecodable_bodies(string body, string message)
    {
        var (status, text, headers, _) = await emu.SendAsync(HttpMethod.Post, "/api/v2/authorizations", body);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(("invalid", message), Error(text));
        Assert.Equal("invalid", headers.GetValues("X-Platform-Error-Code").Single());
    }

    [Theory]
    [InlineData("[]", "authorization must include permissions")]
    [InlineData("[{\"action\":\"read\",\"resource\":{\"type\":\"flows\"}}]", "invalid resource type for permission: unknown resource type for permission")]
    [InlineData("[{\"action\":\"own\",\"resource\":{\"type\":\"buckets\"}}]", "invalid action type for permission: unknown action for permission")]
    public async Task Create_validates_permissions(string permissions, string message)
    {
        var (status, text, _, _) = await emu.SendAsync(HttpMethod.Post, "/api/v2/authorizations", PostBody(permissions));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(("invalid", message), Error(text));
    }

    [Fact]
    public async Task Create_checks_status_org_consistency_and_existence()
    {
        var badStatus = await emu.SendAsync(HttpMethod.Post, "/api/v2/authorizations",
            $"{{\"orgID\":\"{OrgId}\",\"status\":\"paused\",\"permissions\":[{{\"action\":\"read\",\"resource\":{{\"type\":\"buckets\"}}}}]}}");
        Assert.Equal(("invalid", "invalid status: must be active or inactive"), Error(badStatus.Body));

        const string otherOrg = "0123456789abcdef";
        var mismatch = await emu.SendAsync(HttpMethod.Post, "/api/v2/authorizations",
            PostBody($"[{{\"action\":\"read\",\"resource\":{{\"type\":\"buckets\",\"orgID\":\"{otherOrg}\"}}}}]"));
        Assert.Equal(("invalid", $"permission read:orgs/{otherOrg}/buckets is not for org id {OrgId}"), Error(mismatch.Body));

        var noSuchOrg = await emu.SendAsync(HttpMethod.Post, "/api/v2/authorizations", PostBody(org: otherOrg));
        Assert.Equal(HttpStatusCode.BadRequest, noSuchOrg.Status);
        Assert.Equal(("invalid", "unable to create token"), Error(noSuchOrg.Body));
    }

    [Fact]
    public async Task Instance_cannot_be_granted_by_a_token()
    {
        var (status, text, _, _) = await emu.SendAsync(HttpMethod.Post, "/api/v2/authorizations",
            PostBody("[{\"action\":\"read\",\"resource\":{\"type\":\"instance\"}}]"));
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal(("forbidden", "permission read:instance is not allowed: read:instance is unauthorized"), Error(text));
    }

    [Fact]
    public async Task A_scoped_token_needs_write_on_authorizations_and_on_the_owner()
    {
        var readOnly = emu.Server.V2.AddAuthorization(OrgId, emu.Server.User.Id, new[] { new V2Permission("read", "buckets", OrgId: OrgId) });
        var (status, text, _, _) = await emu.SendAsync(HttpMethod.Post, "/api/v2/authorizations", PostBody(), token: readOnly.Token);
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal(("unauthorized", $"write:orgs/{OrgId}/authorizations is unauthorized"), Error(text));

        var noUser = emu.Server.V2.AddAuthorization(OrgId, emu.Server.User.Id, new[] { new V2Permission("write", "authorizations", OrgId: OrgId) });
        (status, text, _, _) = await emu.SendAsync(HttpMethod.Post, "/api/v2/authorizations", PostBody(), token: noUser.Token);
        Assert.Equal(("unauthorized", $"write:users/{emu.Server.User.Id} is unauthorized"), Error(text));
    }

    [Fact]
    public async Task Patch_changes_only_status_and_description()
    {
        var created = JsonDocument.Parse((await emu.SendAsync(HttpMethod.Post, "/api/v2/authorizations", PostBody())).Body).RootElement;
        var id = created.GetProperty("id").GetString();
        var path = $"/api/v2/authorizations/{id}";

        var empty = await emu.SendAsync(HttpMethod.Patch, path, "");
        Assert.Equal(HttpStatusCode.InternalServerError, empty.Status);
        Assert.Equal(("internal error", "EOF"), Error(empty.Body));

        var wrongType = await emu.SendAsync(HttpMethod.Patch, path, "{\"status\":1}");
        Assert.Equal(HttpStatusCode.InternalServerError, wrongType.Status);
        Assert.Contains("cannot unmarshal number", Error(wrongType.Body).Message);

        var badStatus = await emu.SendAsync(HttpMethod.Patch, path, "{\"status\":\"paused\"}");
        Assert.Equal(("invalid", "unknown authorization status"), Error(badStatus.Body));

        var ok = await emu.SendAsync(HttpMethod.Patch, path,
            "{\"status\":\"inactive\",\"description\":\"renamed\",\"permissions\":[{\"action\":\"write\",\"resource\":{\"type\":\"buckets\"}}]}");
        Assert.Equal(HttpStatusCode.OK, ok.Status);
        var after = JsonDocument.Parse(ok.Body).RootElement;
        Assert.Equal("inactive", after.GetProperty("status").GetString());
        Assert.Equal("renamed", after.GetProperty("description").GetString());
        Assert.Equal("read", after.GetProperty("permissions")[0].GetProperty("action").GetString()); // immutable
        Assert.Equal(created.GetProperty("createdAt").GetString(), after.GetProperty("createdAt").GetString());

        var reactivated = JsonDocument.Parse((await emu.SendAsync(HttpMethod.Patch, path, "{\"status\":\"\"}")).Body).RootElement;
        Assert.Equal("active", reactivated.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Delete_is_204_then_404()
    {
        var id = JsonDocument.Parse((await emu.SendAsync(HttpMethod.Post, "/api/v2/authorizations", PostBody())).Body).RootElement.GetProperty("id").GetString();
        var first = await emu.SendAsync(HttpMethod.Delete, $"/api/v2/authorizations/{id}");
        Assert.Equal(HttpStatusCode.NoContent, first.Status);
        Assert.Equal("", first.Body);
        var second = await emu.SendAsync(HttpMethod.Delete, $"/api/v2/authorizations/{id}");
        Assert.Equal(HttpStatusCode.NotFound, second.Status);
        Assert.Equal(("not found", "authorization not found"), Error(second.Body));
    }

    [Theory]
    [InlineData("/api/v2/authorizations/abc", "id must have a length of 16 bytes")]
    [InlineData("/api/v2/authorizations/zzzzzzzzzzzzzzzz", "invalid ID")]
    [InlineData("/api/v2/authorizations?userID=12", "id must have a length of 16 bytes")]
    [InlineData("/api/v2/authorizations?orgID=0000000000000000", "invalid ID")]
    public async Task Bad_ids_are_400(string path, string message)
    {
        var (status, text, _, _) = await emu.SendAsync(HttpMethod.Get, path);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(("invalid", message), Error(text));
    }

    [Theory]
    [InlineData("/api/v2/authorizations?user=nobody", "user not found")]
    [InlineData("/api/v2/authorizations?org=nowhere", "organization name \"nowhere\" not found")]
    [InlineData("/api/v2/authorizations?id=0fffffffffffffff", "authorization not found")]
    public async Task Unknown_names_in_list_filters_are_404(string path, string message)
    {
        var (status, text, _, _) = await emu.SendAsync(HttpMethod.Get, path);
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal(("not found", message), Error(text));
    }

    [Fact]
    public async Task Lists_are_never_null_and_ignore_trailing_slashes()
    {
        var (status, body, _, _) = await emu.SendAsync(HttpMethod.Get, "/api/v2/authorizations/?userID=0fffffffffffffff");
        Assert.Equal(HttpStatusCode.OK, status);
        var root = JsonDocument.Parse(body).RootElement;
        Assert.Equal(JsonValueKind.Array, root.GetProperty("authorizations").ValueKind);
        Assert.Equal(0, root.GetProperty("authorizations").GetArrayLength());
        Assert.Equal("/api/v2/authorizations", root.GetProperty("links").GetProperty("self").GetString());
    }

    [Fact]
    public async Task An_all_access_token_sees_only_its_own_users_tokens_in_its_org()
    {
        var other = emu.Server.V2.AddUser("someone-else");
        var theirs = emu.Server.V2.AddAuthorization(OrgId, other.Id, new[] { new V2Permission("read", "buckets", OrgId: OrgId) });
        var mine = emu.Server.V2.AddAuthorization(OrgId, emu.Server.User.Id,
            V2Permission.AllAccess(emu.Server.V2.ResourceTypes, OrgId, emu.Server.User.Id));
        var body = (await emu.SendAsync(HttpMethod.Get, "/api/v2/authorizations", token: mine.Token)).Body;
        var ids = JsonDocument.Parse(body).RootElement.GetProperty("authorizations").EnumerateArray().Select(a => a.GetProperty("id").GetString()).ToList();
        Assert.Contains(mine.Id, ids);
        Assert.Contains(emu.Server.SetupAuthorization.Id, ids); // influxdata/influxdb#24797: by design
        Assert.DoesNotContain(theirs.Id, ids);
    }

    [Fact]
    public async Task Permission_resources_carry_the_names_the_server_looks_up()
    {
        var b = emu.Server.Bucket;
        var body = (await emu.SendAsync(HttpMethod.Post, "/api/v2/authorizations",
            PostBody($"[{{\"action\":\"write\",\"resource\":{{\"type\":\"buckets\",\"id\":\"{b.Id}\",\"orgID\":\"{OrgId}\",\"name\":\"ignored\"}}}},{{\"action\":\"read\",\"resource\":{{\"type\":\"dashboards\",\"id\":\"0123456789abcdef\"}}}}]"))).Body;
        var perms = JsonDocument.Parse(body).RootElement.GetProperty("permissions");
        var bucket = perms[0].GetProperty("resource");
        Assert.Equal(new[] { "type", "id", "orgID", "name", "org" }, bucket.EnumerateObject().Select(p => p.Name));
        Assert.Equal("my-bucket", bucket.GetProperty("name").GetString());
        Assert.Equal("my-org", bucket.GetProperty("org").GetString());
        Assert.False(perms[1].GetProperty("resource").TryGetProperty("name", out _)); // only buckets, orgs and users are named
    }

    [Fact]
    public async Task Resources_lists_the_oss_types_in_server_order()
    {
        var (status, body, _, _) = await emu.SendAsync(HttpMethod.Get, "/api/v2/resources");
        Assert.Equal(HttpStatusCode.OK, status);
        var types = JsonSerializer.Deserialize<string[]>(body)!;
        Assert.Equal(ResourceTypeSet.Oss2.Types, types);
        Assert.EndsWith("\n", body);
    }

    [Theory]
    [InlineData("/api/v2/write?bucket=my-bucket", HttpStatusCode.BadRequest, "Please provide either orgID or org")]
    [InlineData("/api/v2/write?org=my-org&bucket=nope", HttpStatusCode.NotFound, "bucket \"nope\" not found")]
    [InlineData("/api/v2/write?org=nowhere&bucket=my-bucket", HttpStatusCode.NotFound, "organization name \"nowhere\" not found")]
    public async Task Write_reports_missing_targets(string path, HttpStatusCode expected, string message)
    {
        var (status, text, _, _) = await emu.SendAsync(HttpMethod.Post, path, "m v=1");
        Assert.Equal(expected, status);
        Assert.Equal(message, Error(text).Message);
    }

    [Fact]
    public async Task Write_lands_in_the_bucket()
    {
        var before = emu.Server.Bucket.LinesWritten;
        Assert.Equal(HttpStatusCode.NoContent, await emu.WriteAsync(emu.Server.SetupToken));
        Assert.Equal(before + 1, emu.Server.Bucket.LinesWritten);
    }
}

public class EmulatorCloudTests(CloudEmulator emu) : IClassFixture<CloudEmulator>
{
    [Fact]
    public async Task Values_are_redacted_after_creation_and_token_filter_works()
    {
        var created = JsonDocument.Parse((await emu.SendAsync(HttpMethod.Post, "/api/v2/authorizations",
            $"{{\"orgID\":\"{emu.Server.Org.Id}\",\"permissions\":[{{\"action\":\"read\",\"resource\":{{\"type\":\"buckets\",\"orgID\":\"{emu.Server.Org.Id}\"}}}}]}}")).Body).RootElement;
        var token = created.GetProperty("token").GetString()!;
        Assert.Equal(88, token.Length);

        var listed = JsonDocument.Parse((await emu.SendAsync(HttpMethod.Get, "/api/v2/authorizations?token=" + Uri.EscapeDataString(token))).Body)
            .RootElement.GetProperty("authorizations");
        Assert.Equal(1, listed.GetArrayLength());
        Assert.Equal("redacted", listed[0].GetProperty("token").GetString());
    }

    [Fact]
    public async Task Global_permissions_are_an_escalation_for_the_all_access_setup_token()
    {
        var (status, body, _, _) = await emu.SendAsync(HttpMethod.Post, "/api/v2/authorizations",
            $"{{\"orgID\":\"{emu.Server.Org.Id}\",\"permissions\":[{{\"action\":\"read\",\"resource\":{{\"type\":\"buckets\"}}}}]}}");
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Contains("permission read:buckets is not allowed", body);
    }

    [Fact]
    public async Task Ping_says_cloud()
    {
        var (status, _, headers, _) = await emu.SendAsync(HttpMethod.Get, "/ping", token: "");
        Assert.Equal(HttpStatusCode.NoContent, status);
        Assert.Equal("Cloud", headers.GetValues("X-Influxdb-Build").Single());
        Assert.False(headers.Contains("X-Influxdb-Version"));
    }
}
