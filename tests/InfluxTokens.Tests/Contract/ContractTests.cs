using System.Text.Json;
using InfluxTokens.Tests.Infrastructure;

namespace InfluxTokens.Tests.Contract;

/// <summary>
/// Every emulator response the client reads validates against the official contract of its product:
/// shared/specs/influxdb2-oss.yml for OSS mode, influxdb2-cloud.yml for Cloud mode.
/// </summary>
public abstract class ContractTestsBase(EmulatorFixture emu, string spec)
{
    private OpenApiContract Contract => OpenApiContract.Load(spec);

    private async Task<string> Conforms(HttpMethod method, string path, string specPath, int expectedStatus, string? body = null, string? token = null)
    {
        var (status, text, _, _) = await emu.SendAsync(method, "/api/v2" + path, body, token);
        Assert.Equal(expectedStatus, (int)status);
        var errors = Contract.ValidateResponse(method.Method, specPath, expectedStatus, text);
        Assert.True(errors.Count == 0, $"{method} {path} ({expectedStatus}) breaks {spec}:\n" + string.Join("\n", errors));
        return text;
    }

    private string Post => $"{{\"orgID\":\"{emu.Server.Org.Id}\",\"description\":\"contract\",\"permissions\":[{{\"action\":\"write\",\"resource\":{{\"type\":\"buckets\",\"id\":\"{emu.Server.Bucket.Id}\",\"orgID\":\"{emu.Server.Org.Id}\"}}}}]}}";

    [Fact]
    public async Task Authorization_operations_conform()
    {
        var created = await Conforms(HttpMethod.Post, "/authorizations", "/authorizations", 201, Post);
        var id = JsonDocument.Parse(created).RootElement.GetProperty("id").GetString();
        await Conforms(HttpMethod.Get, "/authorizations", "/authorizations", 200);
        await Conforms(HttpMethod.Get, $"/authorizations?orgID={emu.Server.Org.Id}", "/authorizations", 200);
        await Conforms(HttpMethod.Get, $"/authorizations/{id}", "/authorizations/{authID}", 200);
        await Conforms(HttpMethod.Patch, $"/authorizations/{id}", "/authorizations/{authID}", 200, "{\"status\":\"inactive\",\"description\":\"c2\"}");
        var (deleted, _, _, _) = await emu.SendAsync(HttpMethod.Delete, $"/api/v2/authorizations/{id}");
        Assert.Equal(204, (int)deleted);
    }

    [Fact]
    public async Task Error_responses_conform()
    {
        await Conforms(HttpMethod.Get, "/authorizations/0fffffffffffffff", "/authorizations/{authID}", 404);
        await Conforms(HttpMethod.Delete, "/authorizations/0fffffffffffffff", "/authorizations/{authID}", 404);
        await Conforms(HttpMethod.Get, "/authorizations/abc", "/authorizations/{authID}", 400);
        await Conforms(HttpMethod.Post, "/authorizations", "/authorizations", 400, "{}");
        await Conforms(HttpMethod.Get, "/authorizations", "/authorizations", 401, token: "wrong");
        await Conforms(HttpMethod.Post, "/authorizations", "/authorizations", 401, Post, token: "wrong");
    }

    [Fact]
    public async Task Name_lookups_conform()
    {
        await Conforms(HttpMethod.Get, "/orgs?org=my-org", "/orgs", 200);
        await Conforms(HttpMethod.Get, $"/buckets?orgID={emu.Server.Org.Id}&name=my-bucket", "/buckets", 200);
        await Conforms(HttpMethod.Get, "/users?name=my-user", "/users", 200);
        await Conforms(HttpMethod.Get, "/resources", "/resources", 200);
    }

    [Fact]
    public void The_validator_catches_a_broken_authorization()
    {
        // A test of the test: if the validator let this through, the contract tests above would prove nothing.
        var errors = Contract.ValidateSchema("Authorization", "{\"id\":5,\"status\":\"paused\",\"permissions\":[],\"createdAt\":\"yesterday\"}");
        Assert.Contains(errors, e => e.Contains("required property 'orgID'"));
        Assert.Contains(errors, e => e.Contains("$.id: expected string"));
        Assert.Contains(errors, e => e.Contains("'paused' is not one of"));
        Assert.Contains(errors, e => e.Contains("fewer than 1 items"));
        Assert.Contains(errors, e => e.Contains("not a date-time"));
    }
}

public class OssContractTests(OssEmulator emu) : ContractTestsBase(emu, "influxdb2-oss.yml"), IClassFixture<OssEmulator>
{
    [Fact]
    public async Task Me_conforms()
    {
        var (status, text, _, _) = await emu.SendAsync(HttpMethod.Get, "/api/v2/me");
        Assert.Equal(200, (int)status);
        Assert.Empty(OpenApiContract.Load("influxdb2-oss.yml").ValidateResponse("GET", "/me", 200, text));
    }
}

public class CloudContractTests(CloudEmulator emu) : ContractTestsBase(emu, "influxdb2-cloud.yml"), IClassFixture<CloudEmulator>;
