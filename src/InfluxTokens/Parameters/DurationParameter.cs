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
            if (LeaseDuration.TryParse(text, out var duration, out var error)) return duration;
            throw new InfluxParameterException(ErrorId, "-" + parameterName + ": " + error);
        }
    }
}
