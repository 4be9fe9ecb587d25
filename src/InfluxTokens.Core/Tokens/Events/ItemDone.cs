namespace InfluxTokens.Tokens.Events
{
    /// <summary>An item finished: its result (a revocation, a replacement token, a sweep summary).</summary>
    public sealed class ItemDone : BulkEvent
    {
        public ItemDone(object result) => Result = result;

        public object Result { get; }
    }
}
