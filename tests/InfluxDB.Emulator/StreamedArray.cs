using System.IO.Pipelines;
using System.Text.Json;

namespace InfluxDB.Emulator;

/// <summary>
/// The items of a large JSON array written as they are produced, the response flushed every few hundred items rather
/// than buffered: a list of 100,000 tokens starts arriving at once, as from a real server, and the emulator never holds
/// the whole answer (the 2.x authorizations list, InfluxDB 3's system.tokens).
/// </summary>
internal static class StreamedArray
{
    private const int FlushEvery = 256;

    public static async Task WriteItemsAsync<T>(Utf8JsonWriter w, PipeWriter pipe, IEnumerable<T> items, Action<Utf8JsonWriter, T> write, CancellationToken cancellationToken)
    {
        var written = 0;
        foreach (var item in items)
        {
            write(w, item);
            if (++written % FlushEvery != 0) continue;
            w.Flush();
            await pipe.FlushAsync(cancellationToken);
        }
    }
}
