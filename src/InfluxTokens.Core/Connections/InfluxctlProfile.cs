namespace InfluxTokens.Connections
{
    /// <summary>One <c>[[profile]]</c> of influxctl's config.toml (Cloud Dedicated and Clustered).</summary>
    public sealed class InfluxctlProfile
    {
        public InfluxctlProfile(string name) => Name = name;

        public string Name { get; }
        public string? Product { get; internal set; }
        public string? AccountId { get; internal set; }
        public string? ClusterId { get; internal set; }
        public string? ManagementToken { get; internal set; }
        public string? Host { get; internal set; }
        public long? Port { get; internal set; }
    }
}
