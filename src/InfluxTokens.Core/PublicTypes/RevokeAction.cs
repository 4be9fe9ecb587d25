namespace InfluxTokens
{
    /// <summary>How a token is revoked: deleted for good, or set inactive (reversible).</summary>
    public enum RevokeAction
    {
        Delete,
        Deactivate,
    }
}
