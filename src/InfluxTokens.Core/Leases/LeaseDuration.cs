using System;
using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml;
using InfluxTokens.Text;

namespace InfluxTokens.Leases
{
    /// <summary>
    /// A time-to-live as admins type it: <c>90m</c>, <c>12h</c>, <c>7d</c>, <c>1d12h</c>, <c>2w</c>, a TimeSpan
    /// (<c>01:30:00</c>, <c>7.00:00:00</c>) or ISO 8601 (<c>PT90M</c>, <c>P7D</c>); a failed parse says which
    /// text it was and what is accepted.
    /// </summary>
    public sealed class LeaseDuration : IEquatable<LeaseDuration>
    {
        private static readonly Regex Units = new Regex(@"^(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

        /// <summary>Longer than any token should live; a typo such as 7000d is refused rather than honoured.</summary>
        public static readonly TimeSpan Maximum = TimeSpan.FromDays(3660);

        public LeaseDuration(TimeSpan value)
        {
            if (value <= TimeSpan.Zero) throw new ArgumentException("A duration must be positive; " + value + " is not.");
            if (value > Maximum) throw new ArgumentException(TooLong(value.TotalDays));
            Value = value;
        }

        private static string TooLong(double days) =>
            "A duration of " + days.ToString("0", CultureInfo.InvariantCulture) + " days is longer than the 3660 days (10 years) allowed.";

        /// <summary>Refuses an expiry further ahead of <paramref name="now"/> than <see cref="Maximum"/>, as a duration that long is refused.</summary>
        public static void EnsureWithinMaximum(DateTimeOffset expiresAt, DateTimeOffset now, string what)
        {
            if (expiresAt - now <= Maximum) return;
            throw new InfluxTokensException(InfluxErrorKind.InvalidRequest,
                what + " " + expiresAt.ToString("u", CultureInfo.InvariantCulture) + " is more than 3660 days (10 years) ahead (now: "
                + now.ToString("u", CultureInfo.InvariantCulture) + "); no token should live that long.");
        }

        public TimeSpan Value { get; }

        /// <summary>Reads a duration; the message of a failure names the text and the accepted forms.</summary>
        public static LeaseDuration Parse(string text)
        {
            if (TryParse(text, out var d, out var error)) return d!;
            throw new FormatException(error);
        }

        public static bool TryParse(string? text, out LeaseDuration? duration, out string? error)
        {
            duration = null;
            var s = (text ?? string.Empty).Trim();
            TimeSpan value;
            var m = Units.Match(s);
            if (s.Length > 0 && m.Success && m.Value.Length > 0)
            {
                double Part(int i) => m.Groups[i].Success ? double.Parse(m.Groups[i].Value, CultureInfo.InvariantCulture) : 0;
                var days = Part(1) * 7 + Part(2) + Part(3) / 24 + Part(4) / 1440 + Part(5) / 86400;
                // Checked before building a TimeSpan, whose own overflow message would be .NET's, not ours.
                if (days > Maximum.TotalDays)
                {
                    error = "'" + Display.Truncate(s, Display.EchoLimit) + "': " + TooLong(days);
                    return false;
                }

                value = TimeSpan.FromDays(Part(1) * 7 + Part(2)) + TimeSpan.FromHours(Part(3)) + TimeSpan.FromMinutes(Part(4)) + TimeSpan.FromSeconds(Part(5));
            }
            else if (s.StartsWith("P", StringComparison.OrdinalIgnoreCase) && TryIso(s, out value))
            {
            }
            // A bare number ("7") is refused rather than guessed: days? hours? TimeSpan text must have its colons.
            else if (s.IndexOf(':') < 0 || !TimeSpan.TryParseExact(s, "c", CultureInfo.InvariantCulture, out value))
            {
                error = "'" + Display.Truncate(s, Display.EchoLimit) + "' is not a duration; use a number and unit such as 90m, 12h, 7d or 1d12h (units: w, d, h, m, s), "
                        + "a TimeSpan such as 01:30:00, or ISO 8601 such as PT90M.";
                return false;
            }

            try
            {
                duration = new LeaseDuration(value);
                error = null;
                return true;
            }
            catch (ArgumentException ex)
            {
                error = "'" + Display.Truncate(s, Display.EchoLimit) + "': " + ex.Message;
                return false;
            }
        }

        private static bool TryIso(string s, out TimeSpan value)
        {
            try
            {
                value = XmlConvert.ToTimeSpan(s.ToUpperInvariant());
                return true;
            }
            catch (FormatException)
            {
                value = default;
                return false;
            }
            catch (OverflowException)
            {
                value = TimeSpan.MaxValue; // far beyond the maximum: refused with the module's own message
                return true;
            }
        }

        /// <summary>The short form: <c>1d12h</c>.</summary>
        public override string ToString()
        {
            var t = Value;
            var s = (t.Days > 0 ? t.Days + "d" : string.Empty) + (t.Hours > 0 ? t.Hours + "h" : string.Empty)
                    + (t.Minutes > 0 ? t.Minutes + "m" : string.Empty) + (t.Seconds > 0 ? t.Seconds + "s" : string.Empty);
            return s.Length == 0 ? "0s" : s;
        }

        public bool Equals(LeaseDuration? other) => other is not null && other.Value == Value;

        public override bool Equals(object? obj) => Equals(obj as LeaseDuration);

        public override int GetHashCode() => Value.GetHashCode();
    }
}
