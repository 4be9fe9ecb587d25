using System;
using System.Globalization;

namespace InfluxTokens.Backends
{
    /// <summary>Timestamps as the servers write them: RFC 3339, or (InfluxDB 3's system tables) without a zone, meaning UTC.</summary>
    internal static class WireTime
    {
        public static DateTimeOffset? Parse(string? text) =>
            DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t)
                ? t
                : (DateTimeOffset?)null;
    }
}
