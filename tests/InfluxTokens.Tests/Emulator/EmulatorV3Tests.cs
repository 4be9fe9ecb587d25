using System.Net;
using System.Net.Http.Headers;
using InfluxDB.Emulator;
using InfluxTokens.Tests.Infrastructure;

namespace InfluxTokens.Tests.Emulator;

/// <summary>InfluxDB 3 Enterprise authorization as the reference gives it (§D.2, §D.3): JSON refusals, and _internal readers list tokens.</summary>
public class EmulatorV3Tests
{
    private static readonly HttpClient Http = new();

    [Fact]
    public async Task A_non_admin_delete_is_refused_with_the_json_error()
    {
        await using var s = await Scenario.StartAsync(EmulatorMode.Enterprise);
        var writer = await s.MintAsync("writer", null);
        using var request = new HttpRequestMessage(HttpMethod.Delete, new Uri(s.Server.Url, "api/v3/configure/token?token_name=writer"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", (string)writer.Token);
        using var response = await Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("{\"error\":\"requestor is forbidden from requested resource\"}", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_token_that_may_read_internal_lists_the_tokens()
    {
        await using var s = await Scenario.StartAsync(EmulatorMode.Enterprise);
        var auditor = await s.MintAsync("auditor", null, read: new[] { "_internal" });
        var writer = await s.MintAsync("writer", null);
        using var asAuditor = await Scenario.OpenAsync(s.Server, s.Clock, (string)auditor.Token);
        var seen = new List<string>();
        await foreach (var t in asAuditor.Backend.ListAsync(InfluxTokens.Backends.TokenQuery.All, default)) seen.Add(t.Id);
        Assert.Equal(new[] { "_admin", "auditor", "writer" }, seen);

        var refused = await Assert.ThrowsAsync<InfluxApiException>(() => Scenario.OpenAsync(s.Server, s.Clock, (string)writer.Token));
        Assert.Equal((403, "requestor is forbidden from requested resource"), (refused.StatusCode, refused.ServerMessage));
    }
}
