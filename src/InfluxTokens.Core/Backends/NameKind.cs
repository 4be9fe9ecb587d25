namespace InfluxTokens.Backends
{
    /// <summary>What <see cref="ITokenBackend.ListNamesAsync"/> lists.</summary>
    public enum NameKind
    {
        /// <summary>What tokens read and write: buckets on InfluxDB 2.x, databases on InfluxDB 3.</summary>
        Bucket,
        Org,
    }
}
