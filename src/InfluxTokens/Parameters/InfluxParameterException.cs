using System;

namespace InfluxTokens.Commands
{
    /// <summary>
    /// A parameter value the module refuses: bad text, or values that contradict each other. Each kind has its
    /// own error id, as PowerShell's own cmdlets give theirs, and the message names the value and what is accepted.
    /// </summary>
    public sealed class InfluxParameterException : ArgumentException
    {
        public InfluxParameterException(string errorId, string cmdletParameter, string message)
            : base(message)
        {
            ErrorId = errorId;
            Parameter = cmdletParameter;
        }

        /// <summary>The stable error id, e.g. InvalidDuration.</summary>
        public string ErrorId { get; }

        /// <summary>The parameter whose value was refused.</summary>
        public string Parameter { get; }

    }
}
