using System.Diagnostics;
using System.Runtime;
using InfluxDB.Emulator;

namespace InfluxTokens.Bench;

/// <summary>
/// One timed run: wall time, bytes allocated by the whole process, peak growth of the managed heap, full collections, processor
/// time, how late the emulator let held requests go, time spent compiling, and time the collector paused every thread.
/// </summary>
public sealed record Sample(TimeSpan Elapsed, long Allocated, long PeakGrowth, int FullCollections, TimeSpan Cpu, TimeSpan HeldLate, TimeSpan Jit, TimeSpan GcPause);

/// <summary>Times a body with its memory figures; setup belongs outside it.</summary>
public static class Measure
{
    public static async Task<Sample> RunAsync(Func<Task> body)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var baseline = GC.GetTotalMemory(false);
        var allocated = GC.GetTotalAllocatedBytes(true);
        var full = GC.CollectionCount(2);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        LatencyClock.ResetLateness();
        var jit = System.Runtime.JitInfo.GetCompilationTime();
        var paused = GC.GetTotalPauseDuration();
        using var peak = new PeakSampler();
        var sw = Stopwatch.StartNew();
        AllocProbe.Timing = true;
        try
        {
            await body();
        }
        finally
        {
            AllocProbe.Timing = false;
        }

        sw.Stop();
        var top = peak.Stop();
        return new Sample(sw.Elapsed, GC.GetTotalAllocatedBytes(true) - allocated, Math.Max(0, top - baseline), GC.CollectionCount(2) - full,
            Process.GetCurrentProcess().TotalProcessorTime - cpu, LatencyClock.Lateness.MeanLate,
            System.Runtime.JitInfo.GetCompilationTime() - jit, GC.GetTotalPauseDuration() - paused);
    }

    /// <summary>
    /// A blocking body (a PowerShell pipeline) runs on a thread of its own, as pwsh's main thread is one of its own:
    /// blocking a thread-pool thread instead would take one of the two the pool starts with on 2 cores from the
    /// network work the cmdlet waits on, a handicap no real host imposes.
    /// </summary>
    public static Task<Sample> Run(Action body) => RunAsync(() => OnOwnThread(() =>
    {
        body();
        return true;
    }));

    /// <summary>Work that blocks, on a thread of its own (as a cmdlet's pipeline thread is).</summary>
    public static Task<T> OnOwnThread<T>(Func<T> work)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        new Thread(() =>
        {
            try { done.SetResult(work()); }
            catch (Exception ex) { done.SetException(ex); }
        }) { IsBackground = true, Name = "own thread" }.Start();
        return done.Task;
    }

    public static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    /// <summary>The managed heap's size every 2 ms, on a thread of its own: the highest is the scenario's peak.</summary>
    private sealed class PeakSampler : IDisposable
    {
        private readonly Thread _thread;
        private volatile bool _stop;
        private long _peak;

        public PeakSampler()
        {
            _peak = GC.GetTotalMemory(false);
            _thread = new Thread(() =>
            {
                while (!_stop)
                {
                    var now = GC.GetTotalMemory(false);
                    if (now > Interlocked.Read(ref _peak)) Interlocked.Exchange(ref _peak, now);
                    Thread.Sleep(2);
                }
            }) { IsBackground = true, Name = "peak-memory" };
            _thread.Start();
        }

        public long Stop()
        {
            _stop = true;
            _thread.Join();
            return Math.Max(Interlocked.Read(ref _peak), GC.GetTotalMemory(false));
        }

        public void Dispose() => Stop();
    }
}

/// <summary>A contender in a scenario: how it is measured (printed), and one run (its own setup, then <see cref="Measure"/>).</summary>
public sealed class Contender(string name, string method, Func<int, Task<Sample>> run, bool isReference = false)
{
    public string Name { get; } = name;
    public string Method { get; } = method;
    public Func<int, Task<Sample>> RunOnce { get; } = run;
    public bool IsReference { get; } = isReference;
    public List<Sample> Samples { get; } = new();

    public TimeSpan Median => Stats.Median(Samples.Select(s => s.Elapsed));
    public TimeSpan Min => Samples.Min(s => s.Elapsed);
}

public static class Stats
{
    public static TimeSpan Median(IEnumerable<TimeSpan> values) => TimeSpan.FromTicks((long)Median(values.Select(v => (double)v.Ticks)));

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.OrderBy(v => v).ToList();
        if (sorted.Count == 0) return double.NaN;
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    /// <summary>The ratio of two contenders taken in each repetition, then summarised: median, lowest, highest.</summary>
    public static (double Median, double Low, double High) Paired(Contender a, Contender b)
    {
        var ratios = a.Samples.Zip(b.Samples, (x, y) => x.Elapsed / y.Elapsed).ToList();
        return (Median(ratios), ratios.Min(), ratios.Max());
    }

    public static string Mib(long bytes) => (bytes / 1_048_576.0).ToString("N1") + " MiB";
}

/// <summary>
/// Runs contenders interleaved: a warm-up round (a run of each, not kept; more rounds where a scenario needs them),
/// then each repetition runs every contender once, starting from a different one each time so that none always goes first.
/// </summary>
public sealed class Scenario(string title, string setting, int repetitions, int warmUpRounds = 1)
{
    public string Title { get; } = title;
    public List<Contender> Contenders { get; } = new();
    public Contender Add(Contender c)
    {
        Contenders.Add(c);
        return c;
    }

    public Contender Reference => Contenders.First(c => c.IsReference);

    public async Task RunAsync()
    {
        Console.WriteLine($"== {Title}");
        Console.WriteLine($"   {setting}; load average before: {Measure.LoadAverage()}");
        // Each warm-up round's compiling is printed: a round that still compiles much means the process is not yet warm.
        var compiled = new List<string>();
        for (var round = 0; round < warmUpRounds; round++)
        {
            var jit = JitInfo.GetCompilationTime();
            foreach (var c in Contenders) await c.RunOnce(-1);
            compiled.Add(Seconds(JitInfo.GetCompilationTime() - jit));
        }

        Console.WriteLine($"   warm-up: {warmUpRounds} round(s) of every contender, compiling {string.Join(", ", compiled)}");
        for (var rep = 0; rep < repetitions; rep++)
            for (var i = 0; i < Contenders.Count; i++)
            {
                var c = Contenders[(i + rep) % Contenders.Count];
                c.Samples.Add(await c.RunOnce(rep));
            }

        Print();
    }

    public void Print()
    {
        Console.WriteLine($"   {"contender",-54} {"median",9} {"min",9} {"/ module (paired: median [range])",-34} {"allocated",11} {"peak heap +",11} {"gen2",4} {"CPU",8} {"late",6} {"JIT",8} {"GC pause",9}");
        foreach (var c in Contenders)
        {
            var ratio = c == Reference ? "1 (the module)" : Format(Stats.Paired(c, Reference));
            var alloc = (long)Stats.Median(c.Samples.Select(s => (double)s.Allocated));
            var peak = (long)Stats.Median(c.Samples.Select(s => (double)s.PeakGrowth));
            var gen2 = Stats.Median(c.Samples.Select(s => (double)s.FullCollections));
            var cpu = Stats.Median(c.Samples.Select(s => s.Cpu));
            var late = Stats.Median(c.Samples.Select(s => s.HeldLate));
            Console.WriteLine($"   {c.Name,-54} {Seconds(c.Median),9} {Seconds(c.Min),9} {ratio,-34} {Stats.Mib(alloc),11} {Stats.Mib(peak),11} {gen2,4:0.#} {Seconds(cpu),8} {(late > TimeSpan.Zero ? $"{late.TotalMilliseconds:F2}" : "-"),6} {Seconds(Stats.Median(c.Samples.Select(s => s.Jit))),8} {Seconds(Stats.Median(c.Samples.Select(s => s.GcPause))),9}");
        }

        Console.WriteLine("   method:");
        foreach (var c in Contenders) Console.WriteLine($"     {c.Name}: {c.Method}");
        Console.WriteLine($"   load average after: {Measure.LoadAverage()}");
    }

    public static string Format((double Median, double Low, double High) r) => $"{r.Median:F2} [{r.Low:F2}-{r.High:F2}]";

    public static string Seconds(TimeSpan t) => t.TotalSeconds < 1 ? $"{t.TotalMilliseconds:F0} ms" : $"{t.TotalSeconds:F2} s";
}

/// <summary>
/// Targets, each marked met or missed, printed together at the end; where one is latency-bound, with what the machine
/// itself achieved in the same run (a bare client's figure, the rig's lateness), so a miss can be told from a slow machine.
/// </summary>
public static class Targets
{
    private static readonly List<string> Lines = new();

    public static void Check(string what, double measured, double limit, bool atMost = true, string unit = "x", string? machine = null)
    {
        var met = atMost ? measured <= limit : measured >= limit;
        var line = $"{(met ? "MET   " : "MISSED")} {what}: {measured:F2}{unit} (target {(atMost ? "<=" : ">=")} {limit:0.##}{unit})"
                   + (machine is null ? "" : "; the machine: " + machine);
        Lines.Add(line);
        Console.WriteLine("   -> " + line);
    }

    public static void PrintAll()
    {
        Console.WriteLine("== Targets");
        foreach (var l in Lines) Console.WriteLine("   " + l);
    }
}
