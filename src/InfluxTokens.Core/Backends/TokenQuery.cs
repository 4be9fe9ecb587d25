namespace InfluxTokens.Backends
{
    /// <summary>Server-side narrowing of a token list. Each value is a name or an id.</summary>
    public sealed class TokenQuery
    {
        public static readonly TokenQuery All = new TokenQuery();

        public string? Org { get; set; }
        public string? User { get; set; }

        /// <summary>Also list revoked tokens (Cloud Dedicated and Clustered keep them, marked).</summary>
        public bool IncludeRevoked { get; set; }
    }
}
