using InfluxDB.Emulator;
using InfluxTokens.Backends;
using InfluxTokens.Tests.Infrastructure;

namespace InfluxTokens.Tests.Contract;

/// <summary>
/// Every request the module's Core sends, checked against the official contract of its product: the operation
/// exists for the method and path, query parameters are declared and valid, bodies match the request schema.
/// Each product runs every kind of call the module makes (detect, list, filter, mint each kind, read, change,
/// delete, complete names), and the set of operations seen is pinned, so the check cannot pass on an empty workload.
/// </summary>
public class RequestContractTests
{
    public static TheoryData<EmulatorMode, string, string[]> Products() => new()
    {
        {
            EmulatorMode.Oss, "influxdb2-oss.yml", new[]
            {
                "GET /ping", "GET /resources", "GET /me", "GET /orgs", "GET /buckets", "GET /users", "GET /authorizations",
                "POST /authorizations", "GET /authorizations/{authID}", "PATCH /authorizations/{authID}", "DELETE /authorizations/{authID}",
            }
        },
        {
            EmulatorMode.Cloud, "influxdb2-cloud.yml", new[]
            {
                "GET /ping", "GET /resources", "GET /me", "GET /orgs", "GET /buckets", "GET /users", "GET /authorizations",
                "POST /authorizations", "GET /authorizations/{authID}", "PATCH /authorizations/{authID}", "DELETE /authorizations/{authID}",
            }
        },
        {
            EmulatorMode.Dedicated, "influxdb3-cloud-dedicated-management.yml", new[]
            {
                "GET /accounts/{accountId}/clusters/{clusterId}/tokens", "POST /accounts/{accountId}/clusters/{clusterId}/tokens",
                "GET /accounts/{accountId}/clusters/{clusterId}/tokens/{tokenId}", "PATCH /accounts/{accountId}/clusters/{clusterId}/tokens/{tokenId}",
                "DELETE /accounts/{accountId}/clusters/{clusterId}/tokens/{tokenId}", "GET /accounts/{accountId}/clusters/{clusterId}/databases",
            }
        },
        {
            EmulatorMode.Clustered, "influxdb3-clustered-management.yml", new[]
            {
                "GET /tokens", "POST /tokens", "GET /tokens/{tokenId}", "PATCH /tokens/{tokenId}", "DELETE /tokens/{tokenId}", "GET /databases",
            }
        },
        {
            EmulatorMode.Core, "influxdb3-core.yml", new[]
            {
                "GET /ping", "GET /api/v3/query_sql", "POST /api/v3/configure/token/named_admin", "DELETE /api/v3/configure/token",
                "GET /api/v3/configure/database",
            }
        },
        {
            EmulatorMode.Enterprise, "influxdb3-enterprise.yml", new[]
            {
                "GET /ping", "GET /api/v3/query_sql", "POST /api/v3/configure/token/named_admin", "POST /api/v3/enterprise/configure/token",
                "DELETE /api/v3/configure/token", "GET /api/v3/configure/database",
            }
        },
    };

    [Theory]
    [MemberData(nameof(Products))]
    public async Task Every_request_the_module_sends_conforms(EmulatorMode mode, string spec, string[] operations)
    {
        var clock = new ManualClock();
        await using var server = await EmulatorServer.StartAsync(new EmulatorOptions { Mode = mode, Time = clock });
        var recorder = new RequestRecorder();
        using (var connection = await Scenario.OpenAsync(server, clock, server.SetupToken, handler: recorder))
            await Workload(connection.Backend, server, clock.GetUtcNow());

        var contract = OpenApiContract.Load(spec);
        var results = recorder.Sent.Select(contract.ValidateRequest).ToList();
        var errors = results.SelectMany(r => r.Errors).Distinct().Where(e => !SpecDefects.Any(d => e.Contains(d.Error))).ToList();
        Assert.True(errors.Count == 0, $"requests that break {spec}:\n" + string.Join("\n", errors));
        Assert.Equal(operations.Order(), results.Select(r => r.Operation!).Distinct().Order());
    }

    /// <summary>
    /// Where a contract contradicts its server, the server's source decides. The InfluxDB 3 specs require a JSON body
    /// on <c>GET /api/v3/query_sql</c>, beside required <c>db</c> and <c>q</c> query parameters; a GET carries no body,
    /// and the server reads <c>db</c>, <c>q</c> and <c>format</c> from the query string (reference §D.3, QueryRequest).
    /// </summary>
    private static readonly (string Error, string Why)[] SpecDefects =
    {
        ("GET /api/v3/query_sql: the required body is missing", "a GET has no body; the server takes the query string"),
    };

    /// <summary>Each kind of call the module makes on this product.</summary>
    private static async Task Workload(ITokenBackend backend, EmulatorServer server, DateTimeOffset now)
    {
        var is2 = server.Options.Mode is EmulatorMode.Oss or EmulatorMode.Cloud;
        var queries = is2 ? new[] { TokenQuery.All, new TokenQuery { Org = "my-org" }, new TokenQuery { User = "my-user" } } : new[] { TokenQuery.All };
        foreach (var query in queries)
            await foreach (var _ in backend.ListAsync(query, default)) { }

        var specs = new List<TokenSpec> { new() { Description = "all", Preset = PermissionPreset.AllAccess, ExpiresAt = now.AddDays(1) } };
        if (is2)
        {
            specs.Add(new TokenSpec
            {
                Description = "scoped", User = "my-user", ExpiresAt = now.AddHours(1),
                Permissions = new[] { "write:buckets/my-bucket", "read:buckets/" + server.Bucket.Id, "read:orgs/my-org/dashboards", "read:orgs/my-org" }.Select(Permission.Parse).ToList(),
            });
            if (server.Options.Mode == EmulatorMode.Oss) specs.Add(new TokenSpec { Description = "operator", Preset = PermissionPreset.Operator });
        }
        else if (server.Options.Mode != EmulatorMode.Core)
        {
            var types = backend.ResourceTypes;
            specs.Add(new TokenSpec
            {
                Description = "scoped", ExpiresAt = now.AddHours(1),
                Permissions = new[] { "write:databases/my-db", "read:databases/*" }.Select(p => Permission.Parse(p, types)).ToList(),
            });
        }

        var created = new List<InfluxToken>();
        foreach (var spec in specs) created.Add(await backend.CreateAsync(spec, default));
        var last = created[^1];
        await backend.GetAsync(last.Id, default);
        if (backend.Features.HasFlag(TokenFeatures.Updatable))
        {
            await backend.UpdateAsync(last.Id, new TokenUpdate { Description = "renamed", ExpiresAt = now.AddMinutes(30) }, default);
            if (backend.Features.HasFlag(TokenFeatures.Inactive)) await backend.UpdateAsync(last.Id, new TokenUpdate { Status = TokenStatus.Inactive }, default);
            else await backend.UpdateAsync(last.Id, new TokenUpdate { Permissions = new[] { Permission.Parse("read:databases/my-db", backend.ResourceTypes) } }, default);
        }

        foreach (var t in created) await backend.DeleteAsync(t.Id, default);
        await backend.ListNamesAsync(NameKind.Bucket, default);
        await backend.ListNamesAsync(NameKind.Org, default);
    }

    [Fact]
    public void The_request_validator_catches_what_the_contract_forbids()
    {
        // A test of the test: each of these must be caught, or the check above proves nothing.
        var oss = OpenApiContract.Load("influxdb2-oss.yml");
        Assert.Contains("query parameter 'color' is not in the contract",
            Assert.Single(oss.ValidateRequest(new WireRequest("GET", new Uri("http://h/api/v2/authorizations?color=red"), null)).Errors));
        Assert.Contains(oss.ValidateRequest(new WireRequest("POST", new Uri("http://h/api/v2/authorizations"), "{\"permissions\":[{\"action\":\"peek\"}]}")).Errors,
            e => e.Contains("required property 'orgID'"));
        Assert.Null(oss.ValidateRequest(new WireRequest("PUT", new Uri("http://h/api/v2/authorizations"), null)).Operation);
        var core = OpenApiContract.Load("influxdb3-core.yml");
        Assert.Contains(core.ValidateRequest(new WireRequest("DELETE", new Uri("http://h/api/v3/configure/token"), null)).Errors,
            e => e.Contains("required query parameter 'token_name' is missing"));
        var dedicated = OpenApiContract.Load("influxdb3-cloud-dedicated-management.yml");
        Assert.NotEmpty(dedicated.ValidateRequest(new WireRequest("GET", new Uri("http://h/api/v0/accounts/not-a-uuid/clusters/x/tokens"), null)).Errors);
    }
}
