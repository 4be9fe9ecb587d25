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
        /// Known is false where it cannot (then <see cref="Recognizer"/> decides per listed token).
        /// </summary>
        internal static async Task<(bool Known, string? Id)> LookUpAsync(ITokenBackend backend, TokenSecret connection, CancellationToken cancellationToken)
        {
            if (!backend.Features.HasFlag(TokenFeatures.LookupByValue)) return (false, null);
            var own = await backend.FindByValueAsync(connection, cancellationToken).ConfigureAwait(false);
            return (true, own?.Id);
        }

        /// <summary>
        /// Tells, token by token, whether a listed token is the connection's own: by value (OSS 2.7 lists values), by the
        /// SHA-512 prefix InfluxDB 3 Core lists, or by kind (Dedicated/Clustered connect with a management token, never a
        /// listed database token). One per listing: the connection value's hash is computed once, not for every token.
        /// </summary>
        internal sealed class Recognizer
        {
            private readonly TokenSecret _connection;
            private readonly TokenFeatures _features;
            private string? _sha512Hex;

            public Recognizer(TokenSecret connection, TokenFeatures features)
            {
                _connection = connection;
                _features = features;
            }

            /// <summary>True or false where it can be told; null where the server hides both value and hash (OSS 2.8+ hashed tokens; Cloud, unless looked up by value).</summary>
            public bool? Is(InfluxToken token)
            {
                if (token.Secret is not null) return token.Secret.Matches(_connection.Reveal());
                if (!string.IsNullOrEmpty(token.HashPrefix))
                    return (_sha512Hex ??= Sha512Hex(_connection)).StartsWith(token.HashPrefix, StringComparison.OrdinalIgnoreCase);
                if (_features.HasFlag(TokenFeatures.SeparateAdminCredential)) return false;
                return null;
            }

            private static string Sha512Hex(TokenSecret value)
            {
                using var sha = SHA512.Create();
                return BitConverter.ToString(sha.ComputeHash(Encoding.UTF8.GetBytes(value.Reveal()))).Replace("-", string.Empty);
            }
        }
    }
}
