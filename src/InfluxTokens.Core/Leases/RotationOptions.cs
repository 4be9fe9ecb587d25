using System;

namespace InfluxTokens.Leases
{
    /// <summary>How to rotate.</summary>
    public sealed class RotationOptions
    {
        /// <summary>How long the old token keeps working beside the new one; null revokes it at once.</summary>
        public TimeSpan? Overlap { get; set; } = TimeSpan.FromDays(1);

        /// <summary>The new token's expiry; by default now plus the old lease's lifetime.</summary>
        public DateTimeOffset? ExpiresAt { get; set; }

        /// <summary>With no overlap: delete the old token (default) or set it inactive.</summary>
        public RevokeAction RevokeAction { get; set; } = RevokeAction.Delete;

        public bool AsPlainText { get; set; }
    }
}
