using System;
using InfluxTokens.Backends;
using InfluxTokens.Leases;

namespace InfluxTokens.Commands
{
    /// <summary>-ExpiresIn and -ExpiresAt (New, Set, rotation): one expiry, against the connection's clock.</summary>
    internal static class ExpiryParameters
    {
        /// <summary>
        /// The expiry asked for, or null. A DateTime without a kind is local time, as Get-Date gives it; a time in
        /// the past or more than ten years ahead is refused naming the parameter.
        /// </summary>
        public static DateTimeOffset? Resolve(InfluxConnection connection, string? expiresIn, DateTime? expiresAt)
        {
            var duration = DurationParameter.Parse(expiresIn, "ExpiresIn");
            if (duration is not null && expiresAt is not null)
                throw new InfluxParameterException("ExpiryConflict", "Give -ExpiresIn or -ExpiresAt, not both.");
            var now = connection.Now;
            if (duration is not null) return now + duration.Value;
            if (expiresAt is not { } at) return null;

            // Through UTC, which clamps at the calendar's ends: DateTime.MaxValue in a zone east of UTC would otherwise overflow.
            var utc = at.Kind == DateTimeKind.Utc ? at : DateTime.SpecifyKind(at, DateTimeKind.Local).ToUniversalTime();
            var when = new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc));
            try
            {
                TokenSpec.EnsureInFuture(when, now, "The expiry");
                LeaseDuration.EnsureWithinMaximum(when, now, "The expiry");
            }
            catch (InfluxTokensException ex)
            {
                throw new InfluxParameterException("InvalidExpiry", "-ExpiresAt: " + ex.Message);
            }

            return when;
        }
    }
}
