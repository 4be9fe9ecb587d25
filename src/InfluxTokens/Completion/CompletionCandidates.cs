using System;
using System.Collections.Generic;
using System.Linq;
using InfluxTokens.Tokens;

namespace InfluxTokens.Commands.Completion
{
    /// <summary>What the argument completers offer: matching, ordering and PowerShell quoting of candidates.</summary>
    public static class CompletionCandidates
    {
        /// <summary>Token ids whose id starts with, or whose description matches, what was typed; the description is shown beside each.</summary>
        public static IReadOnlyList<CompletionCandidate> TokenIds(IEnumerable<InfluxToken> tokens, string? wordToComplete)
        {
            var word = Unquote(wordToComplete);
            var pattern = new Wildcard(EscapeWildcards(word) + "*");
            return tokens
                .Where(t => t.Id.StartsWith(word, StringComparison.OrdinalIgnoreCase) || pattern.IsMatch(t.Description))
                .OrderBy(t => t.Id, StringComparer.Ordinal)
                .Select(t => new CompletionCandidate(t.Id, t.Description.Length == 0 ? t.Id : t.Id + "  " + t.Description,
                    t.Description.Length == 0 ? t.Id : t.Description))
                .ToList();
        }

        /// <summary>Descriptions (the names admins know tokens by) matching what was typed as a prefix or a wildcard pattern, each once.</summary>
        public static IReadOnlyList<CompletionCandidate> Descriptions(IEnumerable<InfluxToken> tokens, string? wordToComplete)
        {
            var word = Unquote(wordToComplete);
            var pattern = new Wildcard(word.IndexOfAny(new[] { '*', '?' }) >= 0 ? word : EscapeWildcards(word) + "*");
            return tokens
                .Select(t => t.Description)
                .Where(d => d.Length > 0 && pattern.IsMatch(d))
                .Distinct(StringComparer.Ordinal)
                .OrderBy(d => d, StringComparer.OrdinalIgnoreCase)
                .Select(d => new CompletionCandidate(Quote(d), d, d))
                .ToList();
        }

        /// <summary>Names (buckets, orgs) starting with what was typed, quoted when PowerShell needs quotes.</summary>
        public static IReadOnlyList<CompletionCandidate> Names(IEnumerable<string> names, string? wordToComplete)
        {
            var word = Unquote(wordToComplete);
            return names
                .Where(n => n.StartsWith(word, StringComparison.OrdinalIgnoreCase))
                .Distinct(StringComparer.Ordinal)
                .OrderBy(n => n, StringComparer.OrdinalIgnoreCase)
                .Select(n => new CompletionCandidate(Quote(n), n, n))
                .ToList();
        }

        /// <summary>Single-quotes a name with characters PowerShell would otherwise parse (spaces, $, ;, quotes...).</summary>
        public static string Quote(string name)
        {
            if (name.Length > 0 && name.All(c => char.IsLetterOrDigit(c) || c == '-' || c == '_' || c == '.' || c == '/' || c == ':')) return name;
            return "'" + name.Replace("'", "''") + "'";
        }

        private static string Unquote(string? word)
        {
            var w = (word ?? string.Empty).Trim();
            if (w.Length > 0 && (w[0] == '\'' || w[0] == '"')) w = w.Substring(1);
            if (w.Length > 0 && (w[w.Length - 1] == '\'' || w[w.Length - 1] == '"')) w = w.Substring(0, w.Length - 1);
            return w;
        }

        private static string EscapeWildcards(string s) =>
            s.Replace("`", "``").Replace("*", "`*").Replace("?", "`?").Replace("[", "`[").Replace("]", "`]");
    }
}
