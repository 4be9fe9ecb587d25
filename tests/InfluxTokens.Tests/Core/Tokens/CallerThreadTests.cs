using InfluxTokens.Tokens;

#pragma warning disable xUnit1031 // blocking waits are the subject here, each with a limit

namespace InfluxTokens.Tests.Core.Tokens;

/// <summary>
/// The pipeline thread's wait: what it returns and throws must be what awaiting the task gives. (That it sleeps instead
/// of spinning is a cost, measured by the benchmark: docs/performance.md.)
/// </summary>
public class CallerThreadTests
{
    // Generous: a lost wake-up then fails the test instead of hanging the suite.
    private static readonly TimeSpan Answered = TimeSpan.FromSeconds(10);

    [Fact]
    public void A_pending_task_is_waited_for_and_its_result_returned()
    {
        var later = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var waiter = Task.Factory.StartNew(() => CallerThread.Wait(later.Task), TaskCreationOptions.LongRunning);
        Assert.False(waiter.Wait(50), "the wait must not return before the task does");
        later.SetResult(42);
        Assert.True(waiter.Wait(Answered), "a lost wake-up leaves the caller waiting");
        Assert.Equal(42, waiter.Result);
    }

    [Fact]
    public async Task A_thread_pool_caller_is_answered_too()
    {
        var later = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var waiter = Task.Run(() => (Thread.CurrentThread.IsThreadPoolThread, CallerThread.Wait(later.Task)));
        Assert.False(waiter.Wait(50), "the wait must not return before the task does");
        later.SetResult("done");
        Assert.True(waiter.Wait(Answered), "a lost wake-up leaves the caller waiting");
        Assert.Equal((true, "done"), await waiter);
    }

    [Fact]
    public void The_task_s_own_exception_surfaces_not_an_aggregate()
    {
        var later = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var waiter = Task.Factory.StartNew(() => CallerThread.Wait(later.Task), TaskCreationOptions.LongRunning);
        Assert.False(waiter.Wait(50), "the wait must not return before the task does");
        later.SetException(new InfluxTokensException(InfluxErrorKind.ServerError, "boom"));
        var thrown = Assert.Throws<AggregateException>(() => waiter.Wait(Answered)).InnerException;
        Assert.IsType<InfluxTokensException>(thrown);
        Assert.Equal("boom", thrown!.Message);
    }

    [Fact]
    public void A_cancelled_task_surfaces_as_a_cancellation()
    {
        using var cts = new CancellationTokenSource();
        var pending = Task.Delay(Timeout.Infinite, cts.Token);
        var waiter = Task.Factory.StartNew(() => CallerThread.Wait(pending), TaskCreationOptions.LongRunning);
        Assert.False(waiter.Wait(50), "the wait must not return before the task does");
        cts.Cancel();
        Assert.IsAssignableFrom<OperationCanceledException>(Assert.Throws<AggregateException>(() => waiter.Wait(Answered)).InnerException);
    }

    [Fact]
    public async Task Value_tasks_from_an_async_stream_are_waited_for_in_turn()
    {
        static async IAsyncEnumerable<int> Slowly()
        {
            for (var i = 0; i < 5; i++)
            {
                await Task.Delay(1);
                yield return i;
            }
        }

        var read = await Task.Factory.StartNew(() =>
        {
            var e = Slowly().GetAsyncEnumerator();
            var items = new List<int>();
            while (CallerThread.Wait(e.MoveNextAsync())) items.Add(e.Current);
            CallerThread.Wait(e.DisposeAsync());
            return items;
        }, TaskCreationOptions.LongRunning);
        Assert.Equal(new[] { 0, 1, 2, 3, 4 }, read);
    }
}
