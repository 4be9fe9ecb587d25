using System;
using System.Collections.Generic;
using System.Text;

namespace InfluxTokens.Http
{
    /// <summary>
    /// Removes a credential from text a server sent (reason phrases, error bodies, codes): every run of
    /// <see cref="MinimumEcho"/> or more characters of it, in any letter case, so that a proxy that echoes the
    /// token, or part of it, or upper-cases it, cannot put it into a message or a property.
    /// </summary>
    internal sealed class CredentialScrubber
    {
        /// <summary>The shortest part of a credential taken as an echo: shorter runs occur by chance in ordinary text.</summary>
        public const int MinimumEcho = 8;

        private readonly HashSet<string> _pieces = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        private readonly int _window;

        public CredentialScrubber(string credential)
        {
            _window = Math.Min(MinimumEcho, credential.Length);
            if (_window == 0) return;
            for (var i = 0; i + _window <= credential.Length; i++) _pieces.Add(credential.Substring(i, _window));
        }

        /// <summary>The text with every echo of the credential replaced by <see cref="TokenSecret.Redacted"/>; null stays null.</summary>
        public string? Scrub(string? text)
        {
            if (text is null || _window == 0 || text.Length < _window) return text;
            // Mark every character covered by a window that is a piece of the credential: a longer echo is a chain of them.
            bool[]? covered = null;
            for (var i = 0; i + _window <= text.Length; i++)
            {
                if (!_pieces.Contains(text.Substring(i, _window))) continue;
                covered ??= new bool[text.Length];
                for (var k = i; k < i + _window; k++) covered[k] = true;
            }

            if (covered is null) return text;
            var sb = new StringBuilder(text.Length);
            for (var i = 0; i < text.Length; i++)
            {
                if (!covered[i]) sb.Append(text[i]);
                else if (i == 0 || !covered[i - 1]) sb.Append(TokenSecret.Redacted);
            }

            return sb.ToString();
        }
    }
}
