using System;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using InfluxTokens.Backends;

namespace InfluxTokens.Leases
{
    /// <summary>Recognises the token a connection authenticates with, where the product allows it.</summary>
    internal static class OwnToken
    {
        /// <summary>
        /// The own token's id where the server looks tokens up by value (Cloud), before a list that hides values:
        /// Known is false where it cannot (then <see cref="Is"/> decides per listed token).
        /// </summary>
        internal static async Task<(bool Known, string? Id)> LookUpAsync(ITokenBackend backend, TokenSecret connection, CancellationToken cancellationToken)
        {
            if (!backend.Features.HasFlag(TokenFeatures.LookupByValue)) return (false, null);
            var own = await backend.FindByValueAsync(connection, cancellationToken).ConfigureAwait(false);
            return (true, own?.Id);
        }

        /// <summary>
        /// True or false where it can be told: by value (OSS 2.7 lists values), by the SHA-512 prefix InfluxDB 3
        /// Core lists, or by kind (Dedicated/Clustered connect with a management token, never a listed database
        /// token). Null where the server hides both (OSS 2.8+ hashed tokens; Cloud, unless looked up by value).
        /// </summary>
        internal static bool? Is(InfluxToken token, TokenSecret connection, TokenFeatures features)
        {
            if (token.Secret is not null) return token.Secret.Matches(connection.Reveal());
            if (!string.IsNullOrEmpty(token.HashPrefix))
            {
                using var sha = SHA512.Create();
                var hex = BitConverter.ToString(sha.ComputeHash(Encoding.UTF8.GetBytes(connection.Reveal()))).Replace("-", string.Empty);
                return hex.StartsWith(token.HashPrefix, StringComparison.OrdinalIgnoreCase);
            }

            if (features.HasFlag(TokenFeatures.SeparateAdminCredential)) return false;
            return null;
        }
    }
}
