using System.Globalization;

namespace InfluxDB.Emulator;

/// <summary>
/// An instant in UTC in .NET's round-trip format (<c>2006-01-02T15:04:05.9999999Z</c>), which is written without
/// parsing a format pattern: each server's own shape is cut from it (Go's RFC3339Nano, InfluxDB 3's naive times).
/// Lists write several a token, and the emulator shares the client's cores in the benchmark.
/// </summary>
internal static class RoundTripTime
{
    public const int Length = 28;

    public static Span<char> Format(DateTimeOffset t, Span<char> text)
    {
        if (!t.UtcDateTime.TryFormat(text, out var length, "O", CultureInfo.InvariantCulture) || length != Length)
            throw new FormatException("an instant outside 4-digit years: " + t.ToString("O"));
        return text[..Length];
    }
}
