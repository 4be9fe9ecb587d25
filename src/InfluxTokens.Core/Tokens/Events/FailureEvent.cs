using System;

namespace InfluxTokens.Tokens.Events
{
    /// <summary>A failure, and what it concerns (the token, id or replacement).</summary>
    public abstract class FailureEvent : BulkEvent
    {
        protected FailureEvent(Exception error, object? target)
        {
            Error = error;
            Target = target;
        }

        public Exception Error { get; }
        public object? Target { get; }
    }
}
