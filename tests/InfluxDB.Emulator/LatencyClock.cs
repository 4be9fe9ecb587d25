using System.Diagnostics;
using System.Runtime.InteropServices;

namespace InfluxDB.Emulator;

/// <summary>
/// Holds requests and answers until they are due, to within about a tenth of a millisecond. <c>Task.Delay(10 ms)</c>
/// takes about 12 ms on Linux (the timer queue wakes late and then queues to the thread pool), which made every
/// latency-bound benchmark measure a server 20% farther away than the one it asked for. One thread for the
/// process keeps the due requests in order; it waits coarsely on a monitor until a couple of milliseconds
/// before the earliest is due, then sleeps the rest with nanosleep, which the kernel honours to tens of
/// microseconds. Where nanosleep cannot be called (not Linux) it falls back to <c>Task.Delay</c>.
/// </summary>
public static class LatencyClock
{
    private static readonly long CoarseMargin = Stopwatch.Frequency * 2 / 1000;
    private static readonly object Gate = new();
    private static readonly PriorityQueue<TaskCompletionSource, long> Due = new();
    private static readonly Lazy<bool> Precise = new(CanSleepPrecisely);
    private static Thread? _thread;
    private static long _held;
    private static long _lateTicks;

    /// <summary>
    /// Answers held since the last reset, and how late on average they went: past their due time, measured when the
    /// answer's own code resumed (the thread pool's dispatch included), which is the rig's whole error.
    /// </summary>
    public static (long Held, TimeSpan MeanLate) Lateness
    {
        get
        {
            var n = Interlocked.Read(ref _held);
            return (n, n == 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(Interlocked.Read(ref _lateTicks) / (double)n / Stopwatch.Frequency));
        }
    }

    public static void ResetLateness()
    {
        Interlocked.Exchange(ref _held, 0);
        Interlocked.Exchange(ref _lateTicks, 0);
    }

    /// <summary>
    /// For a request arriving now with a round trip of <paramref name="latency"/>: when it reaches its handler (half way)
    /// and when its answer may leave, in <see cref="Stopwatch"/> ticks.
    /// </summary>
    internal static (long Handle, long Answer) DueAfter(TimeSpan latency)
    {
        var now = Stopwatch.GetTimestamp();
        var ticks = (long)(latency.TotalSeconds * Stopwatch.Frequency);
        return (now + ticks / 2, now + ticks);
    }

    /// <summary>Completes at <paramref name="due"/>, counting how late the answer went (the rig's error the client sees).</summary>
    internal static async Task Answer(long due)
    {
        await Until(due).ConfigureAwait(false);
        Resumed(due);
    }

    /// <summary>Completes at <paramref name="due"/>.</summary>
    internal static Task Until(long due)
    {
        if (Precise.Value) return Enqueue(due);
        var left = due - Stopwatch.GetTimestamp();
        return left <= 0 ? Task.CompletedTask : Task.Delay(TimeSpan.FromSeconds(left / (double)Stopwatch.Frequency));
    }

    /// <summary>Counts a held answer's own code resuming, <paramref name="due"/> being when it should have.</summary>
    private static void Resumed(long due)
    {
        Interlocked.Add(ref _lateTicks, Math.Max(0, Stopwatch.GetTimestamp() - due));
        Interlocked.Increment(ref _held);
    }

    private static Task Enqueue(long due)
    {
        var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (Gate)
        {
            var earliest = !Due.TryPeek(out _, out var head) || due < head;
            Due.Enqueue(held, due);
            if (_thread is null)
            {
                _thread = new Thread(Run) { IsBackground = true, Name = "emulator latency" };
                _thread.Start();
            }

            // The clock waits for the earliest only; later ones wake nothing. A pulse while the clock is in its last
            // nanosleep (under 3 ms) is not seen until it wakes: only a shorter latency asked meanwhile is that late.
            if (earliest) Monitor.Pulse(Gate);
        }

        return held.Task;
    }

    private static void Run()
    {
        var released = new List<TaskCompletionSource>();
        while (true)
        {
            long wait;
            lock (Gate)
            {
                while (Due.Count == 0) Monitor.Wait(Gate);
                var now = Stopwatch.GetTimestamp();
                while (Due.TryPeek(out _, out var due) && due <= now) released.Add(Due.Dequeue());
                wait = Due.TryPeek(out _, out var next) ? next - now : 0;
                var coarseMilliseconds = (int)((wait - CoarseMargin) * 1000 / Stopwatch.Frequency);
                if (released.Count == 0 && coarseMilliseconds >= 1)
                {
                    Monitor.Wait(Gate, coarseMilliseconds); // a monitor cannot wait less than a millisecond: below that, it would spin
                    continue;
                }
            }

            if (released.Count > 0)
            {
                foreach (var held in released) held.TrySetResult();
                released.Clear();
                continue;
            }

            Sleep(wait); // under the coarse margin: the kernel, not the monitor, is precise here
        }
    }

    private static void Sleep(long stopwatchTicks)
    {
        var nanoseconds = stopwatchTicks * 1_000_000_000 / Stopwatch.Frequency;
        var request = new TimeSpec { Seconds = (nint)(nanoseconds / 1_000_000_000), Nanoseconds = (nint)(nanoseconds % 1_000_000_000) };
        _ = NanoSleep(ref request, IntPtr.Zero); // an early wake (a signal) only means the loop looks again
    }

    /// <summary>Whether nanosleep can be called here: tried once, so that a missing libc falls back instead of killing the clock's thread.</summary>
    private static bool CanSleepPrecisely()
    {
        if (!OperatingSystem.IsLinux()) return false;
        try
        {
            Sleep(0);
            return true;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    /// <summary>struct timespec: time_t and long, both the platform's word size on Linux.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public nint Seconds;
        public nint Nanoseconds;
    }

    [DllImport("libc", EntryPoint = "nanosleep", SetLastError = false)]
    private static extern int NanoSleep(ref TimeSpec request, IntPtr remaining);
}
