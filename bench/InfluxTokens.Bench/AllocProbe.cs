using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace InfluxTokens.Bench;

/// <summary>Diagnosis only (--alloc-types): the runtime's allocation ticks (one per ~100 KB allocated), summed by type.</summary>
public sealed class AllocProbe : EventListener
{
    public static readonly ConcurrentDictionary<string, long> ByType = new();

    /// <summary>Set by <see cref="Measure"/> while a body runs: only timed allocations are summed.</summary>
    public static bool Timing
    {
        get => Volatile.Read(ref _timing);
        set => Volatile.Write(ref _timing, value);
    }

    private static bool _timing;
    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime") EnableEvents(source, EventLevel.Verbose, (EventKeywords)0x1);
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (!Timing || e.EventName is null || !e.EventName.StartsWith("GCAllocationTick")) return;
        var type = e.Payload?[e.PayloadNames!.IndexOf("TypeName")] as string ?? "?";
        var sizeAt = e.PayloadNames!.IndexOf("ObjectSize");
        if (sizeAt >= 0 && type is "System.Byte[]" or "System.String" or "System.Char[]")
        {
            var size = Convert.ToInt64(e.Payload![sizeAt]);
            type += size < 1024 ? " (< 1 KiB)" : size < 16 * 1024 ? " (1-16 KiB)" : size < 85_000 ? " (16-85 KiB)" : " (large)";
        }
        var amount = Convert.ToInt64(e.Payload![e.PayloadNames!.IndexOf("AllocationAmount64")]);
        ByType.AddOrUpdate(type, amount, (_, v) => v + amount);
    }

    public static void Print()
    {
        var total = ByType.Values.Sum();
        foreach (var (k, v) in ByType.OrderByDescending(kv => kv.Value).Take(40)) Console.WriteLine($"{v / 1048576.0,8:F1} MiB {100.0 * v / total,5:F1}% {k}");
    }
}
