using System;
using System.Collections.Generic;

namespace InfluxTokens.Leases
{
    /// <summary>What a sweep may touch.</summary>
    public sealed class SweepOptions
    {
        public const int DefaultMaxRevocations = 1000;

        /// <summary>How long past its expiry a token is left alone (clock skew, late renewals).</summary>
        public TimeSpan GracePeriod { get; set; }

        public RevokeAction Action { get; set; } = RevokeAction.Delete;

        /// <summary>Only tokens whose description matches one of these wildcard patterns.</summary>
        public IReadOnlyList<string> Description { get; set; } = Array.Empty<string>();

        /// <summary>More candidates than this and the sweep revokes nothing: a wrong clock or lease must not wipe out a fleet.</summary>
        public int MaxRevocations { get; set; } = DefaultMaxRevocations;

        /// <summary>Also revoke tokens without an expiry once they are this old. Off unless asked for.</summary>
        public TimeSpan? NoExpiryOlderThan { get; set; }

        /// <summary>Ids never revoked, whatever their expiry. Where the server gives no way to know the connection's own
        /// token, <see cref="NoExpiryOlderThan"/> runs only once this names what to leave alone.</summary>
        public IReadOnlyList<string> ExcludeIds { get; set; } = Array.Empty<string>();
    }
}
