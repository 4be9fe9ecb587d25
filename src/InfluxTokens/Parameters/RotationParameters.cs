using System;
using InfluxTokens.Leases;

namespace InfluxTokens.Commands
{
    /// <summary>Invoke-InfluxTokenRotation's parameters as rotation options, refusing combinations that contradict each other.</summary>
    internal static class RotationParameters
    {
        /// <summary>The overlap defaults to one day; -Deactivate only means something without one.</summary>
        public static RotationOptions ToOptions(TimeSpan? overlap, bool noOverlap, bool deactivate, DateTimeOffset? expiresAt, bool asPlainText)
        {
            if (noOverlap && overlap is not null)
                throw new InfluxParameterException("OverlapConflict", "Give -Overlap or -NoOverlap, not both.");
            if (deactivate && !noOverlap)
                throw new InfluxParameterException("DeactivateNeedsNoOverlap",
                    "-Deactivate goes with -NoOverlap: with an overlap the old token's lease is cut and the sweep ends it.");
            return new RotationOptions
            {
                Overlap = noOverlap ? (TimeSpan?)null : overlap ?? TimeSpan.FromDays(1),
                ExpiresAt = expiresAt,
                RevokeAction = deactivate ? RevokeAction.Deactivate : RevokeAction.Delete,
                AsPlainText = asPlainText,
            };
        }
    }
}
