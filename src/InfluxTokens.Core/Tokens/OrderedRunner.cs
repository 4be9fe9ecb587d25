using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace InfluxTokens.Tokens
{
    /// <summary>
    /// Runs requests concurrently — at most <c>throttleLimit</c> at once — and hands their outcomes back in the
    /// order they were added, to the one thread that adds and drains (the caller's own thread). Nothing here
    /// reports anything: the caller writes, confirms and reports progress between calls, so all of that stays on
    /// its one thread while the network works for many items at once. Memory stays
    /// bounded: adding blocks once a window of outcomes waits to be drained.
    /// </summary>
    public sealed class OrderedRunner<TInput, TResult> : IDisposable
    {
        public const int DefaultThrottleLimit = 32;
        public const int MaxThrottleLimit = 256;

        private readonly Queue<(TInput Input, Task<TResult> Task)> _pending = new Queue<(TInput, Task<TResult>)>();
        private readonly SemaphoreSlim _slots;
        private readonly Func<TInput, CancellationToken, Task<TResult>> _work;
        private readonly CancellationToken _cancellationToken;
        private readonly int _window;

        public OrderedRunner(int throttleLimit, Func<TInput, CancellationToken, Task<TResult>> work, CancellationToken cancellationToken)
        {
            if (throttleLimit < 1 || throttleLimit > MaxThrottleLimit)
                throw new ArgumentOutOfRangeException(nameof(throttleLimit), "A throttle limit must be between 1 and " + MaxThrottleLimit + "; " + throttleLimit + " is not.");
            ThrottleLimit = throttleLimit;
            _slots = new SemaphoreSlim(throttleLimit, throttleLimit);
            _work = work ?? throw new ArgumentNullException(nameof(work));
            _cancellationToken = cancellationToken;
            _window = throttleLimit * 4;
        }

        public int ThrottleLimit { get; }

        /// <summary>Items added and not yet drained.</summary>
        public int Pending => _pending.Count;

        /// <summary>
        /// Starts <paramref name="input"/> and returns the outcomes that are ready in order — blocking only while the
        /// window is full, until the throttle limit's worth of the oldest have finished.
        /// </summary>
        public IReadOnlyList<Finished<TInput, TResult>> Add(TInput input)
        {
            _pending.Enqueue((input, RunAsync(input)));
            var ready = new List<Finished<TInput, TResult>>();
            if (_pending.Count > _window) WaitForOldest(ThrottleLimit);
            while (_pending.Count > 0 && (_pending.Peek().Task.IsCompleted || _pending.Count > _window))
                ready.Add(Dequeue());
            return ready;
        }

        /// <summary>Waits for everything added and returns the outcomes in order.</summary>
        public IEnumerable<Finished<TInput, TResult>> Drain()
        {
            while (_pending.Count > 0) yield return Dequeue();
        }

        /// <summary>
        /// Blocks until the <paramref name="count"/> oldest have finished. The caller's thread sleeps once for a batch,
        /// not once for each outcome: a wake for each cost Revoke-InfluxToken about 26 µs of processor time a token on
        /// 2 cores (docs/performance.md), and the window still holds enough started work to keep every slot busy meanwhile.
        /// </summary>
        private void WaitForOldest(int count) =>
            // Outcomes, failures included, are read one by one afterwards (Dequeue): this wait never throws.
            CallerThread.Wait(Task.WhenAll(_pending.Take(count).Select(item => (Task)item.Task)).ContinueWith(static _ => { }, CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default));

        private Finished<TInput, TResult> Dequeue()
        {
            var (input, task) = _pending.Dequeue();
            try
            {
                return new Finished<TInput, TResult>(input, CallerThread.Wait(task), null);
            }
            catch (OperationCanceledException) when (_cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception ex)
            {
                return new Finished<TInput, TResult>(input, default, ex);
            }
        }

        private async Task<TResult> RunAsync(TInput input)
        {
            await _slots.WaitAsync(_cancellationToken).ConfigureAwait(false);
            try
            {
                return await _work(input, _cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                _slots.Release();
            }
        }

        /// <summary>Work still finishing after a cancel releases its slot later, so the slots stay until it has.</summary>
        public void Dispose()
        {
            if (_pending.Count == 0) _slots.Dispose();
        }
    }
}
