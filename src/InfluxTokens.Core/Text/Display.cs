using System.Globalization;
using System.Text;

namespace InfluxTokens.Text
{
    /// <summary>
    /// Text from a server or a user made safe to show on a terminal: control characters (ESC, NUL, BEL…) and the
    /// invisible direction overrides that reorder what a reader sees are written as <c>\u001B</c>-style escapes,
    /// so nobody who can write a description can drive the terminal or disguise a permission. Format views and
    /// messages show text through here.
    /// </summary>
    public static class Display
    {
        /// <summary>How much of a user's or server's text a message quotes at most.</summary>
        public const int EchoLimit = 200;

        /// <summary>The text with every control and direction-override character escaped; null becomes empty.</summary>
        public static string Safe(string? text)
        {
            if (string.IsNullOrEmpty(text)) return string.Empty;
            var i = 0;
            while (i < text!.Length && !NeedsEscape(text[i])) i++;
            if (i == text.Length) return text;
            var sb = new StringBuilder(text.Length + 16).Append(text, 0, i);
            for (; i < text.Length; i++)
            {
                var c = text[i];
                if (NeedsEscape(c)) sb.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                else sb.Append(c);
            }

            return sb.ToString();
        }

        /// <summary><see cref="Safe"/>, cut to <paramref name="max"/> characters with a note of the full length.</summary>
        public static string Truncate(string? text, int max)
        {
            var safe = Safe(text);
            return safe.Length <= max ? safe : safe.Substring(0, max) + "… (" + (text ?? string.Empty).Length.ToString(CultureInfo.InvariantCulture) + " characters)";
        }

        /// <summary>C0 and C1 controls, DEL, the bidirectional embeddings, overrides and isolates, and the line and paragraph separators.</summary>
        private static bool NeedsEscape(char c) =>
            c < ' ' || (c >= '\u007F' && c <= '\u009F')
            || (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069') || c == '\u200E' || c == '\u200F' || c == '\u061C'
            || c == '\u2028' || c == '\u2029';
    }
}
