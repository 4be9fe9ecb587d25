using System;

namespace InfluxTokens.Tokens.Events
{
    /// <summary>One item failed; the operation goes on with the rest.</summary>
    public sealed class ItemFailed : BulkEvent
    {
        public ItemFailed(Exception error, object? target)
        {
            Error = error;
            Target = target;
        }

        public Exception Error { get; }

        /// <summary>What the failure concerns: the token, id or replacement.</summary>
        public object? Target { get; }
    }
}
