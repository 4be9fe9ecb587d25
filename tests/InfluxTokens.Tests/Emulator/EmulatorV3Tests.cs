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

    [Fact]
    public async Task System_tokens_rows_give_times_in_utc_to_the_millisecond_without_an_offset()
    {
        await using var s = await Scenario.StartAsync(EmulatorMode.Enterprise);
        s.Clock.Advance(TimeSpan.FromTicks(1_234_567)); // 123.4567 ms: the row keeps 123
        var leased = await s.MintAsync("leased", "1h");
        using var request = new HttpRequestMessage(HttpMethod.Get,
            new Uri(s.Server.Url, "api/v3/query_sql?db=_internal&format=json&q=" + Uri.EscapeDataString("SELECT * FROM system.tokens")));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", s.Server.SetupToken);
        using var response = await Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var rows = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var row = rows.RootElement.EnumerateArray().Single(r => r.GetProperty("name").GetString() == "leased");
        Assert.Equal("2026-11-24T08:00:00.123", row.GetProperty("created_at").GetString());
        Assert.Equal("2026-11-24T09:00:00.123", row.GetProperty("expiry").GetString());
        Assert.Equal(leased.ExpiresAt!.Value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff"), row.GetProperty("expiry").GetString());
    }
}
