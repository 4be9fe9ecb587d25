namespace InfluxTokens.Backends
{
    /// <summary>Server-side narrowing of a token list. Each value is a name or an id.</summary>
    public sealed class TokenQuery
    {
        /// <summary>Every token, values read: a new query each time, so that no caller can change what another lists.</summary>
        public static TokenQuery All => new TokenQuery();

        public string? Org { get; set; }
        public string? User { get; set; }

        /// <summary>Also list revoked tokens (Cloud Dedicated and Clustered keep them, marked).</summary>
        public bool IncludeRevoked { get; set; }

        /// <summary>
        /// The listing is only to be shown: a backend whose list carries token values (InfluxDB OSS 2.7) leaves
        /// them unread, so no value is held in memory and nothing needs to be copied without it. Checks that
        /// compare values (the connection's own token, a lost create) list with values.
        /// </summary>
        public bool WithoutValues { get; set; }
    }
}
