namespace InfluxTokens
{
    /// <summary>Whether a token can be used. InfluxDB 2.x knows active and inactive.</summary>
    public enum TokenStatus
    {
        Active,
        Inactive,
    }
}
