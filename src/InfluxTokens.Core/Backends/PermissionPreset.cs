namespace InfluxTokens.Backends
{
    /// <summary>The canned permission sets of the influx CLI.</summary>
    public enum PermissionPreset
    {
        None,
        AllAccess,
        Operator,
    }
}
