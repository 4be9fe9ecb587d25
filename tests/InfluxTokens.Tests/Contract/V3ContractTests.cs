using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using InfluxDB.Emulator;
using InfluxTokens.Tests.Infrastructure;

namespace InfluxTokens.Tests.Contract;

/// <summary>
/// The InfluxDB 3 emulators' responses against the official contracts: the Cloud Dedicated and Clustered
/// management APIs, and InfluxDB 3 Core and Enterprise.
/// </summary>
public class V3ContractTests
{
    private static readonly HttpClient Http = new();

    private static async Task<string> Conforms(Scenario s, string spec, HttpMethod method, string url, string specPath, int status, string? json = null, string? token = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(s.Server.Url, url.TrimStart('/')));
        if (json is not null) request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token ?? s.Server.SetupToken);
        using var response = await Http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(status, (int)response.StatusCode);
        if (!OpenApiContract.Load(spec).DeclaresContent(method.Method, specPath, status))
        {
            Assert.Equal(string.Empty, body); // the contract declares no body, so none is sent
        }
        else
        {
            var errors = OpenApiContract.Load(spec).ValidateResponse(method.Method, specPath, status, body);
            Assert.True(errors.Count == 0, $"{method} {url} ({status}) breaks {spec}:\n" + string.Join("\n", errors));
        }

        return body;
    }

    [Theory]
    [InlineData(EmulatorMode.Dedicated, "influxdb3-cloud-dedicated-management.yml")]
    [InlineData(EmulatorMode.Clustered, "influxdb3-clustered-management.yml")]
    public async Task Management_api_responses_conform(EmulatorMode mode, string spec)
    {
        await using var s = await Scenario.StartAsync(mode);
        var m = s.Server.Management!;
        var (root, specRoot) = mode == EmulatorMode.Dedicated
            ? ($"/api/v0/accounts/{m.AccountId}/clusters/{m.ClusterId}/tokens", "/accounts/{accountId}/clusters/{clusterId}/tokens")
            : ("/api/v0/tokens", "/tokens");
        var created = await Conforms(s, spec, HttpMethod.Post, root, specRoot, 200,
            "{\"description\":\"c\",\"permissions\":[{\"action\":\"write\",\"resource\":\"my-db\"},{\"action\":\"read\",\"resource\":\"*\"}],\"expirationType\":\"datetime\",\"expiresAt\":\"2030-01-01T00:00:00Z\"}");
        var id = JsonDocument.Parse(created).RootElement.GetProperty("id").GetString();
        await Conforms(s, spec, HttpMethod.Get, root, specRoot, 200);
        await Conforms(s, spec, HttpMethod.Get, $"{root}/{id}", specRoot + "/{tokenId}", 200);
        await Conforms(s, spec, HttpMethod.Patch, $"{root}/{id}", specRoot + "/{tokenId}", 200, "{\"description\":\"c2\",\"permissions\":[]}");
        await Conforms(s, spec, HttpMethod.Delete, $"{root}/{id}", specRoot + "/{tokenId}", 204);
        await Conforms(s, spec, HttpMethod.Get, $"{root}/{id}", specRoot + "/{tokenId}", 200); // revoked, with revokedAt
        await Conforms(s, spec, HttpMethod.Delete, $"{root}/{id}", specRoot + "/{tokenId}", 404);
        await Conforms(s, spec, HttpMethod.Get, $"{root}/{Guid.NewGuid()}", specRoot + "/{tokenId}", 404);
        await Conforms(s, spec, HttpMethod.Post, root, specRoot, 400, "{\"permissions\":[]}");
        await Conforms(s, spec, HttpMethod.Get, root, specRoot, 401, token: "M.V1.wrong");
        await Conforms(s, spec, HttpMethod.Get, root[..^"tokens".Length] + "databases", specRoot[..^"tokens".Length] + "databases", 200);
    }

    [Theory]
    [InlineData(EmulatorMode.Core, "influxdb3-core.yml")]
    [InlineData(EmulatorMode.Enterprise, "influxdb3-enterprise.yml")]
    public async Task Core_and_enterprise_token_responses_conform(EmulatorMode mode, string spec)
    {
        await using var s = await Scenario.StartAsync(mode);
        await Conforms(s, spec, HttpMethod.Post, "/api/v3/configure/token/named_admin", "/api/v3/configure/token/named_admin", 201,
            "{\"token_name\":\"n1\",\"expiry_secs\":3600}");
        await Conforms(s, spec, HttpMethod.Post, "/api/v3/configure/token/named_admin", "/api/v3/configure/token/named_admin", 201, "{\"token_name\":\"n2\"}");
        await Conforms(s, spec, HttpMethod.Post, "/api/v3/configure/token/named_admin", "/api/v3/configure/token/named_admin", 401,
            "{\"token_name\":\"n3\"}", token: "apiv3_wrong");
        await Conforms(s, spec, HttpMethod.Post, "/api/v3/configure/token/admin/regenerate", "/api/v3/configure/token/admin/regenerate", 201);
        if (mode == EmulatorMode.Enterprise)
            await Conforms(s, spec, HttpMethod.Post, "/api/v3/enterprise/configure/token", "/api/v3/enterprise/configure/token", 201,
                "{\"token_name\":\"r1\",\"permissions\":[{\"resource_type\":\"db\",\"resource_names\":[\"my-db\"],\"actions\":[\"read\"]}],\"expiry_secs\":60}",
                token: s.Server.Core!.OperatorToken);
        await Conforms(s, spec, HttpMethod.Delete, "/api/v3/configure/token?token_name=n1", "/api/v3/configure/token", 200, token: s.Server.Core!.OperatorToken);
    }

    [Theory]
    [InlineData(EmulatorMode.Core, "influxdb3-core.yml")]
    [InlineData(EmulatorMode.Enterprise, "influxdb3-enterprise.yml")]
    public async Task Ping_needs_a_token_unless_authz_is_disabled_for_it(EmulatorMode mode, string spec)
    {
        await using var s = await Scenario.StartAsync(mode);
        var body = await Conforms(s, spec, HttpMethod.Get, "/ping", "/ping", 200);
        Assert.True(JsonDocument.Parse(body).RootElement.TryGetProperty("process_id", out _));
        using var anonymous = await Http.GetAsync(new Uri(s.Server.Url, "ping"));
        Assert.Equal(401, (int)anonymous.StatusCode);

        await using var open = await EmulatorServer.StartAsync(new EmulatorOptions { Mode = mode, DisableAuthz = { "ping" } });
        using var opened = await Http.GetAsync(new Uri(open.Url, "ping"));
        Assert.Equal(200, (int)opened.StatusCode);
    }

    [Fact]
    public void The_validator_reads_the_v3_contracts()
    {
        var errors = OpenApiContract.Load("influxdb3-core.yml").ValidateSchema("AdminTokenObject", "{\"id\":\"zero\",\"name\":5}");
        Assert.Contains(errors, e => e.Contains("$.id: expected integer"));
        Assert.Contains(errors, e => e.Contains("$.name: expected string"));
    }
}
