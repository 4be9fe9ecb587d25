using System;
using System.Collections.Generic;
using InfluxTokens.Backends;

namespace InfluxTokens.Tokens
{
    /// <summary>What a new token should be, as an admin asks for it; <see cref="TokenSpecBuilder"/> makes it a <see cref="TokenSpec"/>.</summary>
    public sealed class NewTokenRequest
    {
        public string? Description { get; set; }

        /// <summary>Permissions in the grammar: <c>read:buckets/telemetry</c>, <c>write:orgs/acme/buckets/x</c>.</summary>
        public IReadOnlyList<string> Permissions { get; set; } = Array.Empty<string>();

        /// <summary>Buckets (2.x, names or ids) or databases (3) the token may read.</summary>
        public IReadOnlyList<string> Read { get; set; } = Array.Empty<string>();

        /// <summary>Buckets or databases the token may write.</summary>
        public IReadOnlyList<string> Write { get; set; } = Array.Empty<string>();

        public PermissionPreset Preset { get; set; }

        /// <summary>The owner (name or id); the connection's user when null.</summary>
        public string? User { get; set; }

        /// <summary>The org (name or id); the connection's default org when null.</summary>
        public string? Org { get; set; }

        public bool Inactive { get; set; }

        public DateTimeOffset? ExpiresAt { get; set; }
    }
}
