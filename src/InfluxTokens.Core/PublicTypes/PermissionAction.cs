namespace InfluxTokens
{
    /// <summary>What a permission allows. InfluxDB has exactly two; write does not imply read.</summary>
    public enum PermissionAction
    {
        Read,
        Write,
    }
}
