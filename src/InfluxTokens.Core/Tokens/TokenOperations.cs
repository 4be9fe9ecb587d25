using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using InfluxTokens.Backends;

namespace InfluxTokens.Tokens
{
    /// <summary>
    /// The token operations, over one backend. Everything they return comes without token
    /// values: the only value that leaves is in the <see cref="IssuedInfluxToken"/> of <see cref="NewAsync"/>.
    /// </summary>
    public static class TokenOperations
    {
        /// <summary>Lists: streams the matching tokens as the server's list is read.</summary>
        public static async IAsyncEnumerable<InfluxToken> GetAsync(ITokenBackend backend, TokenFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            var query = filter.ToQuery();
            query.WithoutValues = true;
            await foreach (var token in backend.ListAsync(query, cancellationToken).ConfigureAwait(false))
                if (filter.Matches(token)) yield return token.WithoutSecret();
        }

        /// <summary>One token by id, or null.</summary>
        public static async Task<InfluxToken?> GetByIdAsync(ITokenBackend backend, string id, CancellationToken cancellationToken) =>
            (await backend.GetAsync(id, cancellationToken).ConfigureAwait(false))?.WithoutSecret();

        /// <summary>Mints, and hands the value out once.</summary>
        public static async Task<IssuedInfluxToken> NewAsync(ITokenBackend backend, TokenSpec spec, bool asPlainText, CancellationToken cancellationToken)
        {
            var created = await backend.CreateAsync(spec, cancellationToken).ConfigureAwait(false);
            return new IssuedInfluxToken(created, asPlainText);
        }

        /// <summary>Refuses an update that changes nothing, contradicts itself, or asks for a status an update cannot give.</summary>
        public static void CheckUpdate(TokenUpdate update)
        {
            TokenSpec.EnsureDescriptionLength(update.Description);
            if (update.RemoveExpiry && update.ExpiresAt is not null)
                throw new InfluxTokensException(InfluxErrorKind.InvalidRequest, "An update cannot both remove the expiry and set a new one.");
            if (update.Status == TokenStatus.Revoked)
                throw new InfluxTokensException(InfluxErrorKind.InvalidRequest, "A token's status is set to Active or Inactive; Revoked is reached by revoking it.");
            if (update.IsEmpty)
                throw new InfluxTokensException(InfluxErrorKind.InvalidRequest,
                    "The update changes nothing: no description, status, permissions or expiry.");
        }

        /// <summary>Changes a token.</summary>
        public static async Task<InfluxToken> SetAsync(ITokenBackend backend, string id, TokenUpdate update, CancellationToken cancellationToken)
        {
            CheckUpdate(update);
            return (await backend.UpdateAsync(id, update, cancellationToken).ConfigureAwait(false)).WithoutSecret();
        }

        /// <summary>A token id as typed or piped, checked before any request.</summary>
        public static string NormalizeId(string? id)
        {
            var s = (id ?? string.Empty).Trim();
            if (s.Length == 0) throw new InfluxTokensException(InfluxErrorKind.InvalidRequest, "A token id is empty.");
            return s;
        }
    }
}
