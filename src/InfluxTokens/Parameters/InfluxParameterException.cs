using System;

namespace InfluxTokens.Commands
{
    /// <summary>
    /// A parameter value the module refuses: bad text, or values that contradict each other. Each kind has its
    /// own error id, as PowerShell's own cmdlets give theirs, and the message names the value and what is accepted.
    /// </summary>
    public sealed class InfluxParameterException : ArgumentException
    {
        /// <param name="message">Names the refused parameter and its value, and what is accepted.</param>
        public InfluxParameterException(string errorId, string message)
            : base(message)
        {
            ErrorId = errorId;
        }

        /// <summary>The stable error id, e.g. InvalidDuration.</summary>
        public string ErrorId { get; }
    }
}
