using System;
using System.Collections.Generic;
using System.Linq;
using InfluxTokens.Text;

namespace InfluxTokens.Backends
{
    /// <summary>A change to a token; null members are left as they are.</summary>
    public sealed class TokenUpdate
    {
        /// <summary>The new human description; the lease, if any, is kept.</summary>
        public string? Description { get; set; }

        public TokenStatus? Status { get; set; }

        /// <summary>A new expiry (renew, extend or shorten a lease).</summary>
        public DateTimeOffset? ExpiresAt { get; set; }

        /// <summary>Drop the lease: the token no longer expires.</summary>
        public bool RemoveExpiry { get; set; }

        /// <summary>New permissions, replacing the old ones wholesale (where the product allows it).</summary>
        public IReadOnlyList<Permission>? Permissions { get; set; }

        public bool IsEmpty => Description is null && Status is null && ExpiresAt is null && !RemoveExpiry && Permissions is null;

        /// <summary>Whether the stored description must be rewritten.</summary>
        public bool TouchesDescription => Description is not null || ExpiresAt is not null || RemoveExpiry;

        /// <summary>"description 'x' status Inactive expiry …": what a confirmation prompt says is about to change.</summary>
        public string Describe()
        {
            var parts = new List<string>();
            if (Description is not null) parts.Add("description '" + Display.Truncate(Description, Display.EchoLimit) + "'");
            if (Status is not null) parts.Add("status " + Status);
            if (ExpiresAt is { } e) parts.Add("expiry " + e.ToString("u", System.Globalization.CultureInfo.InvariantCulture));
            if (RemoveExpiry) parts.Add("no expiry");
            if (Permissions is not null) parts.Add("permissions " + string.Join(", ", Permissions.Select(p => p.ToDisplayString())));
            return string.Join(" ", parts);
        }
    }
}
