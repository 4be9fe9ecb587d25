using System;
using System.Security.Cryptography;
using System.Text;

namespace InfluxTokens.Connections
{
    /// <summary>
    /// Identifies settings that would open the same connection, so one can be reused. The token enters only
    /// as a SHA-256 digest: the key may sit in memory beside the connection, never the value.
    /// </summary>
    public static class ConnectionKey
    {
        public static string Of(ConnectionSettings s)
        {
            using var sha = SHA256.Create();
            var digest = Convert.ToBase64String(sha.ComputeHash(Encoding.UTF8.GetBytes(s.Token.Reveal())));
            return string.Join("|", s.Url.AbsoluteUri, digest, s.Org ?? string.Empty, s.OrgId ?? string.Empty,
                s.SkipCertificateCheck ? "skip" : "verify", s.Timeout.Ticks.ToString(System.Globalization.CultureInfo.InvariantCulture),
                s.Product?.ToString() ?? "detect", s.AccountId ?? string.Empty, s.ClusterId ?? string.Empty);
        }
    }
}
