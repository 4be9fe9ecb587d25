using System;
using System.Collections.Generic;
using System.Linq;
using InfluxTokens.Backends;

namespace InfluxTokens.Tokens
{
    /// <summary>
    /// Which tokens a listing selects. The server narrows by org and user; the rest (wildcard
    /// description, status, permission patterns) is applied as tokens stream in.
    /// </summary>
    public sealed class TokenFilter
    {
        private Wildcard[] _descriptions = Array.Empty<Wildcard>();
        private Wildcard[] _permissions = Array.Empty<Wildcard>();

        /// <summary>Owner, by name or id (server-side).</summary>
        public string? User { get; set; }

        /// <summary>Org, by name or id (server-side).</summary>
        public string? Org { get; set; }

        public TokenStatus? Status { get; set; }

        /// <summary>Wildcard patterns; a token matches when its description matches any.</summary>
        public IReadOnlyList<string> Description
        {
            get => _descriptions.Select(w => w.Pattern).ToList();
            set => _descriptions = (value ?? Array.Empty<string>()).Select(p => new Wildcard(p)).ToArray();
        }

        /// <summary>Wildcard patterns over a token's permissions, in exact or display form (<c>write:*telemetry*</c>).</summary>
        public IReadOnlyList<string> Permission
        {
            get => _permissions.Select(w => w.Pattern).ToList();
            set => _permissions = (value ?? Array.Empty<string>()).Select(p => new Wildcard(p)).ToArray();
        }

        /// <summary>Tokens whose expiry has passed.</summary>
        public bool Expired { get; set; }

        /// <summary>Tokens that expire within this span (and have not yet).</summary>
        public TimeSpan? ExpiringWithin { get; set; }

        /// <summary>Tokens that never expire.</summary>
        public bool NoExpiry { get; set; }

        /// <summary>Tokens an auditor flags: operator, all-access, without expiry, or expired but still present.</summary>
        public bool Risky { get; set; }

        /// <summary>Also list revoked tokens (Cloud Dedicated and Clustered keep them).</summary>
        public bool IncludeRevoked { get; set; }

        public TokenQuery ToQuery() => new TokenQuery { Org = Org, User = User, IncludeRevoked = IncludeRevoked };

        public bool Matches(InfluxToken token)
        {
            if (Status is { } s && token.Status != s) return false;
            // The expiry filters are alternatives: expired and never-expiring together list both kinds.
            if (Expired || ExpiringWithin is not null || NoExpiry)
            {
                var expiring = ExpiringWithin is { } w && token.ExpiresAt is { } e && !token.IsExpired && e <= token.ObservedAt + w;
                if (!((Expired && token.IsExpired) || expiring || (NoExpiry && token.ExpiresAt is null))) return false;
            }

            if (Risky && token.Risk.Count == 0) return false;
            if (_descriptions.Length > 0 && !Wildcard.AnyMatch(_descriptions, token.Description)) return false;
            if (_permissions.Length > 0 && !AnyPermissionMatches(token.Permissions)) return false;
            return true;
        }

        private bool AnyPermissionMatches(PermissionList permissions)
        {
            foreach (var p in permissions)
                if (Wildcard.AnyMatch(_permissions, p.ToString()) || Wildcard.AnyMatch(_permissions, p.ToDisplayString())) return true;
            return false;
        }
    }
}
