namespace InfluxTokens
{
    /// <summary>Whether a token can be used. InfluxDB 2.x knows active and inactive; Cloud Dedicated and Clustered keep revoked tokens, marked.</summary>
    public enum TokenStatus
    {
        Active,
        Inactive,
        Revoked,
    }
}
