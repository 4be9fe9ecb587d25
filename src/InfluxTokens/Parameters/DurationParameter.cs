using System;
using InfluxTokens.Leases;

namespace InfluxTokens.Commands
{
    /// <summary>Duration parameters (-ExpiresIn, -Overlap, ...): typed as text so that every bad value, typed or from a CSV row, gets the module's own error.</summary>
    internal static class DurationParameter
    {
        public const string ErrorId = "InvalidDuration";

        /// <summary>The duration in <paramref name="text"/>, null when none was given; a bad value is an <see cref="InfluxParameterException"/> naming it.</summary>
        public static LeaseDuration? Parse(string? text, string parameterName)
        {
            if (text is null) return null;
            string? error;
            LeaseDuration? duration;
            try
            {
                if (LeaseDuration.TryParse(text, out duration, out error)) return duration;
            }
            catch (OverflowException)
            {
                error = "'" + text.Trim() + "' is longer than the " + LeaseDuration.Maximum.TotalDays + " days (10 years) a token may live.";
            }

            throw new InfluxParameterException(ErrorId, parameterName, "-" + parameterName + ": " + error);
        }
    }
}
