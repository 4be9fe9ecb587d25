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
        (await http.GetAsync("/health")).Dispose(); // a warm connection, so the slow request arrives at once
        server.Faults.Latency = TimeSpan.FromMilliseconds(1500);
        var slow = http.GetAsync("/health");
        await Task.Delay(200);
        server.Faults.Latency = TimeSpan.FromMilliseconds(10);

        using var fast = await http.GetAsync("/health");

        Assert.False(slow.IsCompleted, "the request due later was released first or with it");
        (await slow).Dispose();
    }
}
