namespace InfluxTokens.Tokens.Events
{
    /// <summary>
    /// What a long-running operation (bulk revocation, the sweep, rotation) reports, in order: results, failures,
    /// notices, progress, and whether it had to stop. The caller only writes them out.
    /// </summary>
    public abstract class BulkEvent
    {
    }
}
