using System;
using InfluxTokens.Text;

namespace InfluxTokens
{
    /// <summary>A permission's text could not be read. The message names the bad part and what is accepted.</summary>
    public sealed class PermissionFormatException : FormatException
    {
        public PermissionFormatException(string text, string message)
            : base("Permission '" + Display.Truncate(text, Display.EchoLimit) + "': " + Display.Safe(message))
        {
            Text = text;
        }

        /// <summary>The text that was given.</summary>
        public string Text { get; }
    }
}
