using System.Diagnostics;
using System.Net.Http.Headers;
using InfluxDB.Emulator;

namespace InfluxTokens.Tests.Emulator;

/// <summary>
/// The emulator's latency is what every latency-bound benchmark divides by, so it must hold each request at least
/// as long as asked, whatever else is held. How close it comes is a figure the benchmark prints, not a test.
/// The latency is a round trip: the request is handled half way and its answer leaves at the end, so the
/// emulator's own work overlaps the wait, as a remote server's does, instead of adding to it on the client's cores.
/// </summary>
public class LatencyTests
{
    [Fact]
    public async Task Every_request_is_held_at_least_the_latency_even_32_at_once()
    {
        await using var server = await EmulatorServer.StartAsync(new EmulatorOptions());
        using var http = new HttpClient { BaseAddress = server.Url };
        server.Faults.Latency = TimeSpan.FromMilliseconds(30);

        var elapsed = await Task.WhenAll(Enumerable.Range(0, 32).Select(async _ =>
        {
            var sw = Stopwatch.StartNew();
            using var response = await http.GetAsync("/health");
            return sw.Elapsed;
        }));

        Assert.All(elapsed, e => Assert.True(e >= TimeSpan.FromMilliseconds(30), $"held {e.TotalMilliseconds} ms"));
    }

    [Fact]
    public async Task A_shorter_latency_asked_later_is_released_first()
    {
        await using var server = await EmulatorServer.StartAsync(new EmulatorOptions());
        using var http = new HttpClient { BaseAddress = server.Url };
        server.Faults.Latency = TimeSpan.FromSeconds(3);
        var slow = http.GetAsync("/health");
        var waited = Stopwatch.StartNew();
        while (server.Faults.Holding == 0 && waited.Elapsed < TimeSpan.FromSeconds(2)) await Task.Delay(5); // the server holds it now
        Assert.Equal(1, server.Faults.Holding);
        server.Faults.Latency = TimeSpan.FromMilliseconds(10);

        var fast = Stopwatch.StartNew();
        (await http.GetAsync("/health")).Dispose();
        fast.Stop();

        Assert.False(slow.IsCompleted, "the request due later was released first or with it");
        Assert.True(fast.Elapsed < TimeSpan.FromSeconds(1), $"the shorter hold waited for the longer one: {fast.Elapsed.TotalMilliseconds} ms");
        (await slow).Dispose();
    }

    [Fact]
    public async Task A_request_is_handled_half_way_and_answered_after_the_whole_latency_body_or_not()
    {
        await using var server = await EmulatorServer.StartAsync(new EmulatorOptions());
        using var http = new HttpClient { BaseAddress = server.Url };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Token", server.SetupToken);
        var before = server.V2.Authorizations().Count;
        server.Faults.Latency = TimeSpan.FromSeconds(1);

        var sent = Stopwatch.StartNew();
        var create = http.PostAsync("/api/v2/authorizations", new StringContent(
            $$$"""{"orgID":"{{{server.Org.Id}}}","permissions":[{"action":"read","resource":{"type":"buckets","orgID":"{{{server.Org.Id}}}"}}]}""",
            System.Text.Encoding.UTF8, "application/json"));
        await Task.Delay(750);
        Assert.Equal(before + 1, server.V2.Authorizations().Count); // done at 500 ms, on the server's side of the trip
        Assert.False(create.IsCompleted, $"answered after {sent.Elapsed.TotalMilliseconds} ms of 1,000");
        using var created = await create;
        Assert.True(sent.Elapsed >= TimeSpan.FromSeconds(1), $"answered after {sent.Elapsed.TotalMilliseconds} ms");
        Assert.Equal(System.Net.HttpStatusCode.Created, created.StatusCode);

        // An answer without a body is held as long (its headers are its first bytes).
        var id = server.V2.Authorizations().Select(a => a.Id).Except([server.SetupAuthorization.Id]).Single();
        sent.Restart();
        using var deleted = await http.DeleteAsync($"/api/v2/authorizations/{id}");
        Assert.True(sent.Elapsed >= TimeSpan.FromSeconds(1), $"answered after {sent.Elapsed.TotalMilliseconds} ms");
        Assert.Equal(System.Net.HttpStatusCode.NoContent, deleted.StatusCode);
    }
}
