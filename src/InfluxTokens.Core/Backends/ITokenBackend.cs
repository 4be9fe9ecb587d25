using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using InfluxTokens.Permissions;

namespace InfluxTokens.Backends
{
    /// <summary>
    /// One product's token API behind one shape. Every token operation goes through this; a backend
    /// translates names to ids, speaks its product's wire format, and raises <see cref="InfluxTokensException"/>.
    /// </summary>
    public interface ITokenBackend : IDisposable
    {
        InfluxProduct Product { get; }

        /// <summary>The resource types this product accepts in a permission.</summary>
        ResourceTypeSet ResourceTypes { get; }

        /// <summary>What this product's tokens can do: shared logic (sweep, rotation, New) asks here instead of naming products.</summary>
        TokenFeatures Features { get; }

        /// <summary>Whether the server never lets this token be revoked (InfluxDB 3's operator token, <c>_admin</c>).</summary>
        bool IsProtected(InfluxToken token);

        /// <summary>Streams the tokens the server lets the caller see, narrowed server-side by <paramref name="query"/>.</summary>
        IAsyncEnumerable<InfluxToken> ListAsync(TokenQuery query, CancellationToken cancellationToken);

        /// <summary>One token by id, or null when there is none.</summary>
        Task<InfluxToken?> GetAsync(string id, CancellationToken cancellationToken);

        /// <summary>The listed token whose value is <paramref name="value"/>, or null; only where <see cref="TokenFeatures.LookupByValue"/> says the server can look it up.</summary>
        Task<InfluxToken?> FindByValueAsync(TokenSecret value, CancellationToken cancellationToken);

        /// <summary>Mints a token; the result carries its value (<see cref="InfluxToken.Secret"/>), the only time it is seen.</summary>
        Task<InfluxToken> CreateAsync(TokenSpec spec, CancellationToken cancellationToken);

        /// <summary>Changes what the product lets change; returns the token as the server now has it.</summary>
        Task<InfluxToken> UpdateAsync(string id, TokenUpdate update, CancellationToken cancellationToken);

        /// <summary>Deletes a token: true when deleted now, false when it was already gone.</summary>
        Task<bool> DeleteAsync(string id, CancellationToken cancellationToken);

        /// <summary>Names of the containers permissions refer to (buckets of the default org or InfluxDB 3 databases, orgs), for completion.</summary>
        Task<IReadOnlyList<string>> ListNamesAsync(NameKind kind, CancellationToken cancellationToken);
    }
}
