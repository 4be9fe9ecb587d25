using InfluxDB.Client;
using InfluxDB.Client.Api.Domain;
using InfluxDB.Client.Core.Exceptions;
using InfluxDB.Emulator;
using InfluxTokens.Backends;
using InfluxTokens.Leases;
using InfluxTokens.Tests.Infrastructure;
using InfluxTokens.Tokens;
using ClientPermission = InfluxDB.Client.Api.Domain.Permission;
using ClientResource = InfluxDB.Client.Api.Domain.PermissionResource;

namespace InfluxTokens.Tests.Witnesses;

/// <summary>
/// InfluxData's C# client for 2.x (InfluxDB.Client 5.1.0) and the module on one emulator, OSS and Cloud: each
/// reads, writes with, changes and deletes what the other minted, for every 2.x scenario of the shared table.
/// </summary>
public class InfluxDbClientWitnessTests
{
    public static TheoryData<EmulatorMode> Modes() => new() { EmulatorMode.Oss, EmulatorMode.Cloud };

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task Tokens_the_module_mints_are_read_and_used_by_the_client(EmulatorMode mode)
    {
        await using var s = await Scenario.StartAsync(mode);
        using var client = Client(s);
        foreach (var scenario in WitnessScenarios.Table.V2)
        {
            var minted = await s.MintAsync(scenario.Description, scenario.Lease, permission: scenario.Grants.Select(g => g.ModuleText).ToArray());
            var module = (await s.Backend.GetAsync(minted.Id, default))!;

            Assert.Contains(await client.GetAuthorizationsApi().FindAuthorizationsAsync(), a => a.Id == minted.Id);
            var seen = await client.GetAuthorizationsApi().FindAuthorizationByIdAsync(minted.Id);
            Assert.Equal(AuthorizationUpdateRequest.StatusEnum.Active, seen.Status);
            Assert.Equal(module.RawDescription, seen.Description); // the lease travels in the description
            Assert.Equal(module.ExpiresAt, LeaseMarker.Read(seen.Description).ExpiresAt);
            Assert.Equal(scenario.Description, LeaseMarker.HumanText(seen.Description));
            Assert.Equal(module.Permissions.Select(p => p.ToString()).Order(), seen.Permissions.Select(Text).Order());

            using var writer = Client(s, (string)minted.Token);
            var write = () => writer.GetWriteApiAsync().WriteRecordAsync(WitnessScenarios.Table.Line, WritePrecision.Ns, "my-bucket", "my-org");
            if (scenario.Writes) await write();
            else Assert.Equal(403, (await Assert.ThrowsAnyAsync<HttpException>(write)).Status);
        }

        Assert.Equal(1, s.Server.Bucket.LinesWritten);
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task Tokens_the_client_mints_are_listed_by_the_module_with_their_permissions(EmulatorMode mode)
    {
        await using var s = await Scenario.StartAsync(mode);
        using var client = Client(s);
        foreach (var scenario in WitnessScenarios.Table.V2)
        {
            var grants = scenario.Grants.Select(g => new ClientPermission(Action(g.Action), Resource(g.Type, g.Bucket is null ? null : s.Server.Bucket.Id, s.Server.Org.Id)));
            var made = await client.GetAuthorizationsApi().CreateAuthorizationAsync(
                new AuthorizationPostRequest(s.Server.Org.Id, null, grants.ToList(), null, scenario.Description));

            var listed = Assert.Single(await s.TokensAsync(), t => t.Id == made.Id);
            Assert.Equal(scenario.Description, listed.Description);
            Assert.Equal(TokenStatus.Active, listed.Status);
            Assert.Equal(scenario.Grants.Select(g => Permission.Parse(g.ModuleText).ToDisplayString()).Order(),
                listed.Permissions.Select(p => p.ToDisplayString()).Order());
        }
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task Status_changes_and_deletes_by_either_side_are_seen_by_the_other(EmulatorMode mode)
    {
        await using var s = await Scenario.StartAsync(mode);
        using var client = Client(s);
        var api = client.GetAuthorizationsApi();
        var writer = WitnessScenarios.Table.V2.First(v => v.Writes);
        var ours = await s.MintAsync(writer.Description, writer.Lease, permission: writer.Grants.Select(g => g.ModuleText).ToArray());

        // The client deactivates the module's token: the module sees it, and the token stops working.
        var theirs = await api.FindAuthorizationByIdAsync(ours.Id);
        theirs.Status = AuthorizationUpdateRequest.StatusEnum.Inactive;
        await api.UpdateAuthorizationAsync(theirs);
        Assert.Equal(TokenStatus.Inactive, (await s.Backend.GetAsync(ours.Id, default))!.Status);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, await s.WriteAsync(ours));

        // The module activates it again: the client sees it.
        await TokenOperations.SetAsync(s.Backend, ours.Id, new TokenUpdate { Status = TokenStatus.Active }, default);
        Assert.Equal(AuthorizationUpdateRequest.StatusEnum.Active, (await api.FindAuthorizationByIdAsync(ours.Id)).Status);

        // The client deletes the module's token; the module deletes the client's.
        await api.DeleteAuthorizationAsync(ours.Id);
        Assert.Null(await s.Backend.GetAsync(ours.Id, default));
        var made = await api.CreateAuthorizationAsync(s.Server.Org.Id, new List<ClientPermission>
        {
            new(ClientPermission.ActionEnum.Read, Resource("buckets", null, s.Server.Org.Id)),
        });
        Assert.Equal(RevokeOutcome.Revoked, (await TokenRevocation.RevokeAsync(s.Backend, made.Id, null, RevokeAction.Delete, default)).Outcome);
        Assert.Equal(404, (await Assert.ThrowsAnyAsync<HttpException>(() => api.FindAuthorizationByIdAsync(made.Id))).Status);
    }

    /// <summary>The client as its users make one: the server's URL and a token (the setup token unless given).</summary>
    private static InfluxDBClient Client(Scenario s, string? token = null) => new(s.Server.Url.ToString(), token ?? s.Server.SetupToken);

    // PermissionResource(type, id, name, orgID, org)
    private static ClientResource Resource(string type, string? id, string orgId) => new(type, id, null, orgId, null);

    private static ClientPermission.ActionEnum Action(string action) =>
        action == "write" ? ClientPermission.ActionEnum.Write : ClientPermission.ActionEnum.Read;

    /// <summary>The client's permission in the module's exact form, <c>action:orgs/&lt;orgID&gt;/type[/id]</c>.</summary>
    private static string Text(ClientPermission p) =>
        (p.Action == ClientPermission.ActionEnum.Write ? "write" : "read") + ":" + (p.Resource.OrgID is null ? "" : "orgs/" + p.Resource.OrgID + "/")
        + p.Resource.Type + (p.Resource.Id is null ? "" : "/" + p.Resource.Id);
}
