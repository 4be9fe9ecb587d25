namespace InfluxTokens
{
    /// <summary>Where a token's expiry comes from.</summary>
    public enum ExpirySource
    {
        /// <summary>The token never expires.</summary>
        None,
        /// <summary>InfluxTokens' lease marker at the end of the description (InfluxDB 2.x has no expiry field).</summary>
        Lease,
        /// <summary>A lease written by Ockam's InfluxDB lease manager (<c>OCKAM:&lt;id&gt;:&lt;unix&gt;</c> or <c>ockam/&lt;id&gt;/&lt;ISO 8601&gt;</c>).</summary>
        Ockam,
        /// <summary>The server's own expiry field (InfluxDB 3).</summary>
        Server,
    }
}
