using System.Diagnostics;
using InfluxDB.Emulator;

namespace InfluxTokens.Tests.Emulator;

/// <summary>
/// The emulator's latency is what every latency-bound benchmark divides by, so it must hold each request at least
/// as long as asked, whatever else is held. How close it comes is a figure the benchmark prints, not a test.
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
}
