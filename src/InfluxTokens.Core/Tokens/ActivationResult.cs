using System;
using System.Threading;

namespace InfluxTokens.Tokens
{
    /// <summary>The outcome of <see cref="TokenActivation.WaitForAsync(InfluxConnection, IssuedInfluxToken, TimeSpan, CancellationToken)"/>; the token is the caller's either way.</summary>
    public sealed class ActivationResult
    {
        public ActivationResult(ActivationOutcome outcome, string? message, Exception? error = null)
        {
            Outcome = outcome;
            Message = message;
            Error = error;
        }

        public ActivationOutcome Outcome { get; }

        /// <summary>What to tell the user when the token is not known to work; null when it is active.</summary>
        public string? Message { get; }

        /// <summary>The failure of the check, for <see cref="ActivationOutcome.CheckFailed"/>.</summary>
        public Exception? Error { get; }
    }
}
