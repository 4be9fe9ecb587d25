namespace InfluxTokens.Connections
{
    /// <summary>One profile of the influx CLI's config file (<c>influx config create</c>).</summary>
    public sealed class InfluxCliProfile
    {
        public InfluxCliProfile(string name) => Name = name;

        public string Name { get; }
        public string? Url { get; internal set; }
        public string? Token { get; internal set; }
        public string? Org { get; internal set; }
        public bool Active { get; internal set; }
    }
}
