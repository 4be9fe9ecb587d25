using System;

namespace InfluxTokens.Tokens.Events
{
    /// <summary>One item failed; the operation goes on with the rest.</summary>
    public sealed class ItemFailed : FailureEvent
    {
        public ItemFailed(Exception error, object? target)
            : base(error, target)
        {
        }
    }
}
