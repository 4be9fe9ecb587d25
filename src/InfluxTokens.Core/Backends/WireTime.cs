using System;
using System.Globalization;

namespace InfluxTokens.Backends
{
    /// <summary>Timestamps as the servers write them: RFC 3339, or (InfluxDB 3's system tables) without a zone, meaning UTC.</summary>
    internal static class WireTime
    {
        // RFC 3339 with 0-9 fractional digits, 'Z' or an offset, or no zone at all: exact formats parse far faster
        // than the general parser, which stays as the fallback.
        private static readonly string[] Formats =
        {
            "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", "yyyy-MM-dd'T'HH:mm:ss",
        };

        private const DateTimeStyles Utc = DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal;

        public static DateTimeOffset? Parse(string? text)
        {
            if (string.IsNullOrEmpty(text)) return null;
            if (TryRfc3339(text!, out var fast)) return fast;
            if (DateTimeOffset.TryParseExact(text, Formats, CultureInfo.InvariantCulture, Utc, out var t)) return t;
            return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, Utc, out t) ? t : (DateTimeOffset?)null;
        }

        /// <summary>
        /// <c>yyyy-MM-ddTHH:mm:ss[.fraction](Z|±hh:mm|)</c> read directly: listing parses two of these per token.
        /// Anything else (or an impossible date) falls through to the general parsers.
        /// </summary>
        internal static bool TryRfc3339(string s, out DateTimeOffset value) => TryRfc3339(s.AsSpan(), out value);

        /// <summary>As above, over characters a list reader widened from the response's bytes (no string made).</summary>
        internal static bool TryRfc3339(ReadOnlySpan<char> s, out DateTimeOffset value)
        {
            value = default;
            if (s.Length < 19 || s[4] != '-' || s[7] != '-' || (s[10] != 'T' && s[10] != 't' && s[10] != ' ') || s[13] != ':' || s[16] != ':') return false;
            if (!Digits(s, 0, 4, out var year) || !Digits(s, 5, 2, out var month) || !Digits(s, 8, 2, out var day)
                || !Digits(s, 11, 2, out var hour) || !Digits(s, 14, 2, out var minute) || !Digits(s, 17, 2, out var second)) return false;
            var i = 19;
            long ticks = 0;
            if (i < s.Length && s[i] == '.')
            {
                var scale = TimeSpan.TicksPerSecond;
                for (i++; i < s.Length && s[i] >= '0' && s[i] <= '9'; i++)
                {
                    scale /= 10;
                    ticks += (s[i] - '0') * scale; // digits past the 7th (nanoseconds) add nothing at tick precision
                }
            }

            var offset = TimeSpan.Zero;
            if (i < s.Length)
            {
                if (s[i] == 'Z' || s[i] == 'z') i++;
                else if ((s[i] == '+' || s[i] == '-') && i + 6 == s.Length && s[i + 3] == ':' && Digits(s, i + 1, 2, out var oh) && Digits(s, i + 4, 2, out var om))
                {
                    offset = new TimeSpan(oh, om, 0);
                    if (s[i] == '-') offset = -offset;
                    i += 6;
                }
                else return false;
            }

            if (i != s.Length || year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
                return false;
            var utc = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified).Ticks + ticks - offset.Ticks;
            if (utc < DateTime.MinValue.Ticks || utc > DateTime.MaxValue.Ticks) return false; // beyond the calendar once the offset is applied
            value = new DateTimeOffset(utc, TimeSpan.Zero);
            return true;
        }

        private static bool Digits(ReadOnlySpan<char> s, int start, int count, out int value)
        {
            value = 0;
            for (var k = start; k < start + count; k++)
            {
                var c = s[k];
                if (c < '0' || c > '9') return false;
                value = value * 10 + (c - '0');
            }

            return true;
        }
    }
}
