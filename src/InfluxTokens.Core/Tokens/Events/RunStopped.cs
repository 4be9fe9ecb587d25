using System;

namespace InfluxTokens.Tokens.Events
{
    /// <summary>
    /// Nothing further can succeed (the credential refused, the server gone, a limit exceeded): the operation ends
    /// here. Everything finished before was reported in the events before this one.
    /// </summary>
    public sealed class RunStopped : FailureEvent
    {
        public RunStopped(Exception error, object? target)
            : base(error, target)
        {
        }
    }
}
