using System;
using System.Globalization;

namespace InfluxTokens
{
    /// <summary>The totals of one sweep run.</summary>
    public sealed class SweepSummary
    {
        public SweepSummary(DateTimeOffset startedAt, int examined, int due, int revoked, int alreadyGone, int failed, int notConfirmed, string? skippedOwnTokenId,
            int renewed = 0)
        {
            Renewed = renewed;
            StartedAt = startedAt;
            Examined = examined;
            Due = due;
            Revoked = revoked;
            AlreadyGone = alreadyGone;
            Failed = failed;
            NotConfirmed = notConfirmed;
            SkippedOwnTokenId = skippedOwnTokenId;
        }

        public DateTimeOffset StartedAt { get; }
        public int Examined { get; }

        /// <summary>Tokens the sweep found due for revocation.</summary>
        public int Due { get; }

        public int Revoked { get; }
        public int AlreadyGone { get; }
        public int Failed { get; }

        /// <summary>Due when planned, no longer due when re-read right before revoking (renewed meanwhile): left alone.</summary>
        public int Renewed { get; }

        /// <summary>Due but not acted on: only reported, or declined when confirming.</summary>
        public int NotConfirmed { get; }

        public string? SkippedOwnTokenId { get; }

        public override string ToString() =>
            "Sweep at " + StartedAt.ToString("u", CultureInfo.InvariantCulture) + ": " + Examined + " examined, " + Due + " due, " + Revoked + " revoked, "
            + AlreadyGone + " already gone, " + (Renewed > 0 ? Renewed + " renewed meanwhile, " : string.Empty) + Failed + " failed" + (NotConfirmed > 0 ? ", " + NotConfirmed + " not confirmed" : string.Empty)
            + (SkippedOwnTokenId is null ? string.Empty : "; the connection's own token " + SkippedOwnTokenId + " was left alone") + ".";
    }
}
