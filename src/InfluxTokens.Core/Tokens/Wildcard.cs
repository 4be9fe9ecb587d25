using System;
using System.Collections.Generic;
using System.Text;
using System.Text.RegularExpressions;

namespace InfluxTokens.Tokens
{
    /// <summary>
    /// The wildcard language admins type filters in, PowerShell's (<c>*</c>, <c>?</c>, <c>[abc]</c>, <c>[a-z]</c>, backtick escapes),
    /// case-insensitive, matching the whole text. Core cannot use System.Management.Automation's
    /// WildcardPattern, and filters must be testable.
    /// </summary>
    public sealed class Wildcard
    {
        private readonly Regex _regex;

        public Wildcard(string pattern)
        {
            Pattern = pattern ?? throw new ArgumentNullException(nameof(pattern));
            _regex = new Regex(ToRegex(pattern), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Singleline);
        }

        public string Pattern { get; }

        public bool IsMatch(string? text) => _regex.IsMatch(text ?? string.Empty);

        /// <summary>Whether any of <paramref name="patterns"/> matches: a filter runs once per listed token, where a lambda would cost a closure each time.</summary>
        public static bool AnyMatch(IReadOnlyList<Wildcard> patterns, string? text)
        {
            for (var i = 0; i < patterns.Count; i++)
                if (patterns[i].IsMatch(text)) return true;
            return false;
        }

        private static string ToRegex(string pattern)
        {
            var sb = new StringBuilder("^");
            for (var i = 0; i < pattern.Length; i++)
            {
                var c = pattern[i];
                switch (c)
                {
                    case '`' when i + 1 < pattern.Length:
                        sb.Append(Regex.Escape(pattern[++i].ToString()));
                        break;
                    case '*': sb.Append(".*"); break;
                    case '?': sb.Append('.'); break;
                    case '[':
                        var close = pattern.IndexOf(']', i + 1);
                        if (close < 0) throw new ArgumentException("The wildcard pattern '" + pattern + "' opens a '[' set that is never closed; escape a literal bracket as `[.");
                        var set = pattern.Substring(i + 1, close - i - 1);
                        if (set.Length == 0) throw new ArgumentException("The wildcard pattern '" + pattern + "' has an empty '[]' set.");
                        sb.Append('[').Append(set.Replace("\\", "\\\\").Replace("^", "\\^")).Append(']');
                        i = close;
                        break;
                    default:
                        sb.Append(Regex.Escape(c.ToString()));
                        break;
                }
            }

            return sb.Append('$').ToString();
        }
    }
}
