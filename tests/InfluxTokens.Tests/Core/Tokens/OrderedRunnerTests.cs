using InfluxTokens.Tokens;

namespace InfluxTokens.Tests.Core.Tokens;

public class OrderedRunnerTests
{
    [Fact]
    public void Outcomes_come_back_in_input_order_with_bounded_concurrency()
    {
        var inFlight = 0;
        var maxInFlight = 0;
        var gate = new object();
        var random = new Random(7);
        var delays = Enumerable.Range(0, 200).Select(_ => random.Next(0, 5)).ToArray();
        using var runner = new OrderedRunner<int, int>(8, async (i, ct) =>
        {
            lock (gate) maxInFlight = Math.Max(maxInFlight, ++inFlight);
            await Task.Delay(delays[i], ct);
            lock (gate) inFlight--;
            return i * 2;
        }, default);

        var outcomes = new List<Finished<int, int>>();
        for (var i = 0; i < 200; i++)
        {
            outcomes.AddRange(runner.Add(i));
            Assert.True(runner.Pending <= 8 * 4 + 1, "the window bounds what waits to be drained");
        }

        outcomes.AddRange(runner.Drain());
        Assert.Equal(Enumerable.Range(0, 200), outcomes.Select(o => o.Input));
        Assert.Equal(Enumerable.Range(0, 200).Select(i => i * 2), outcomes.Select(o => o.Result));
        Assert.InRange(maxInFlight, 2, 8);
    }

    [Fact]
    public void A_full_window_wakes_its_caller_for_a_throttle_limits_worth_of_outcomes_not_for_each()
    {
        var done = Enumerable.Range(0, 9).Select(_ => new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously)).ToArray();
        using var runner = new OrderedRunner<int, int>(2, (i, _) => done[i].Task, default); // a window of 8
        for (var i = 0; i < 8; i++) Assert.Empty(runner.Add(i));
        var ninth = Task.Factory.StartNew(() => runner.Add(8), TaskCreationOptions.LongRunning);
        Assert.False(ninth.Wait(100), "a full window waits");
        done[0].SetResult(0);
        Assert.False(ninth.Wait(200), "the oldest alone does not wake the caller");
        done[1].SetResult(1);
        Assert.True(ninth.Wait(TimeSpan.FromSeconds(10)));
        Assert.Equal(new[] { 0, 1 }, ninth.Result.Select(o => o.Input));
        for (var i = 2; i < 9; i++) done[i].SetResult(i);
        Assert.Equal(Enumerable.Range(2, 7), runner.Drain().Select(o => o.Input));
    }

    [Fact]
    public void A_failure_is_an_outcome_of_its_item_and_the_rest_go_on()
    {
        using var runner = new OrderedRunner<int, string>(4, (i, _) =>
            i == 3 ? Task.FromException<string>(new InfluxTokensException(InfluxErrorKind.ServerError, "boom " + i)) : Task.FromResult("ok " + i), default);
        var outcomes = Enumerable.Range(0, 6).SelectMany(runner.Add).Concat(runner.Drain()).ToList();
        Assert.Equal(6, outcomes.Count);
        Assert.Equal("boom 3", outcomes[3].Error!.Message);
        Assert.All(outcomes.Where(o => o.Input != 3), o => Assert.Equal("ok " + o.Input, o.Result));
    }

    [Fact]
    public void Cancelling_stops_the_run()
    {
        using var cts = new CancellationTokenSource();
        using var runner = new OrderedRunner<int, int>(2, async (i, ct) => { await Task.Delay(Timeout.Infinite, ct); return i; }, cts.Token);
        runner.Add(1);
        runner.Add(2);
        cts.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => runner.Drain().ToList());
    }

    [Fact]
    public void The_connection_pool_never_caps_the_throttle()
    {
        using var handler = InfluxTokens.Http.InfluxHttpClient.CreateHandler(new InfluxTokens.Http.InfluxServerOptions(new Uri("http://x"), new TokenSecret("t")));
        Assert.True(handler.MaxConnectionsPerServer >= OrderedRunner<int, int>.MaxThrottleLimit);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(257)]
    public void The_limit_is_checked(int limit) =>
        Assert.Contains("A throttle limit must be between 1 and 256", Assert.Throws<ArgumentOutOfRangeException>(() => new OrderedRunner<int, int>(limit, (i, _) => Task.FromResult(i), default)).Message);
}
