using System;

namespace InfluxTokens.Backends
{
    /// <summary>What a product's tokens can do beyond create, list and delete.</summary>
    [Flags]
    public enum TokenFeatures
    {
        None = 0,

        /// <summary>A token can be set inactive and active again (InfluxDB 2.x).</summary>
        Inactive = 1,

        /// <summary>A token's description, lease or permissions can be changed after creation.</summary>
        Updatable = 2,

        /// <summary>A new token starts working only some time after creation (Cloud Dedicated, Clustered).</summary>
        DelayedActivation = 4,

        /// <summary>The connection authenticates with a credential that is never among the listed tokens (a management token).</summary>
        SeparateAdminCredential = 8,

        /// <summary>The server finds a token by its value (InfluxDB Cloud's <c>token=</c> list filter), so the connection's own token can be known though values are hidden.</summary>
        LookupByValue = 16,
    }
}
