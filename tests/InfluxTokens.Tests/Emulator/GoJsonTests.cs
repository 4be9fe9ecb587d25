using System.Globalization;
using System.Text;
using System.Text.Json;
using InfluxDB.Emulator;

namespace InfluxTokens.Tests.Emulator;

/// <summary>The emulator writes times as influxd does (Go's RFC3339Nano: UTC, the fraction's trailing zeros dropped).</summary>
public class GoJsonTests
{
    [Theory]
    [InlineData(0L, "2026-12-01T21:23:17Z")]
    [InlineData(5_000_000L, "2026-12-01T21:23:17.5Z")]
    [InlineData(1_200_000L, "2026-12-01T21:23:17.12Z")]
    [InlineData(1_234_567L, "2026-12-01T21:23:17.1234567Z")]
    [InlineData(10L, "2026-12-01T21:23:17.000001Z")]
    [InlineData(1L, "2026-12-01T21:23:17.0000001Z")]
    public void Times_drop_the_fractions_trailing_zeros(long extraTicks, string expected)
    {
        var t = new DateTimeOffset(2026, 12, 1, 22, 23, 17, TimeSpan.FromHours(1)).AddTicks(extraTicks);
        Assert.Equal(expected, GoJson.Time(t));
        Assert.Equal("{\"t\":\"" + expected + "\"}", Written(w => GoJson.WriteTime(w, "t", t)));
    }

    [Fact]
    public void Times_match_the_custom_format_they_replaced()
    {
        var random = new Random(20261201);
        for (var i = 0; i < 10_000; i++)
        {
            var t = new DateTimeOffset(random.NextInt64(DateTimeOffset.MinValue.Ticks, DateTimeOffset.MaxValue.Ticks), TimeSpan.Zero);
            if (i % 3 == 0) t = new DateTimeOffset(t.Ticks - t.Ticks % TimeSpan.TicksPerMillisecond, TimeSpan.Zero);
            Assert.Equal(t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture), GoJson.Time(t));
        }
    }

    private static string Written(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            write(w);
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
