using System;
using System.Globalization;
using System.Linq;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;

namespace InfluxTokens.Connections
{
    /// <summary>
    /// Identifies settings that would open the same connection, so one can be reused: every setting takes part
    /// (read from the type, so a setting added later cannot be forgotten), except where they came from. The
    /// token enters only as a SHA-256 digest: the key may sit in memory beside the connection, never the value.
    /// </summary>
    public static class ConnectionKey
    {
        private static readonly PropertyInfo[] Settings = typeof(ConnectionSettings)
            .GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.Name != nameof(ConnectionSettings.Source))
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ToArray();

        public static string Of(ConnectionSettings s)
        {
            if (s is null) throw new ArgumentNullException(nameof(s));
            return string.Join("|", Settings.Select(p => p.Name + "=" + Text(p.GetValue(s))));
        }

        private static string Text(object? value)
        {
            switch (value)
            {
                case null: return string.Empty;
                case TokenSecret token:
                    using (var sha = SHA256.Create())
                        return Convert.ToBase64String(sha.ComputeHash(Encoding.UTF8.GetBytes(token.Reveal())));
                case Uri uri: return uri.AbsoluteUri;
                case IFormattable f: return f.ToString(null, CultureInfo.InvariantCulture);
                default: return value.ToString() ?? string.Empty;
            }
        }
    }
}
