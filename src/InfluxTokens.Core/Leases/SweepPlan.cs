using System;
using System.Collections.Generic;
using System.Globalization;

namespace InfluxTokens.Leases
{
    /// <summary>What a sweep will do, decided before anything is revoked.</summary>
    public sealed class SweepPlan
    {
        internal SweepPlan(DateTimeOffset now, int examined, IReadOnlyList<InfluxToken> toRevoke, bool ownTokenKnown, string? skippedOwnTokenId, SweepOptions options)
        {
            Options = options;
            Now = now;
            Examined = examined;
            ToRevoke = toRevoke;
            OwnTokenKnown = ownTokenKnown;
            SkippedOwnTokenId = skippedOwnTokenId;
        }

        public DateTimeOffset Now { get; }
        public int Examined { get; }

        /// <summary>What the plan was made for: each token is judged by these again right before it is revoked.</summary>
        public SweepOptions Options { get; }

        /// <summary>The tokens to revoke, longest expired first.</summary>
        public IReadOnlyList<InfluxToken> ToRevoke { get; }

        /// <summary>Whether the server showed token values, so the connection's own token could be recognised.</summary>
        public bool OwnTokenKnown { get; }

        /// <summary>The connection's own token, when it was due and left alone.</summary>
        public string? SkippedOwnTokenId { get; }

        public int MaxRevocations => Options.MaxRevocations;

        public bool ExceedsLimit => ToRevoke.Count > MaxRevocations;

        public string LimitMessage =>
            "The sweep found " + ToRevoke.Count + " tokens to revoke, more than its limit of " + MaxRevocations + "; nothing was revoked. "
            + "Check this host's clock (it reads " + Now.ToString("u", CultureInfo.InvariantCulture) + ") and the filters; if that many really expired, run again with a higher limit.";
    }
}
