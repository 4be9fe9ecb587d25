using System.Collections.Generic;
using System.Threading;

namespace InfluxTokens
{
    /// <summary>An async stream consumed on the calling thread (a pipeline or completion thread), item by item as each arrives.</summary>
    internal static class BlockingEnumeration
    {
        public static IEnumerable<T> Of<T>(IAsyncEnumerable<T> source, CancellationToken cancellationToken)
        {
            var e = source.GetAsyncEnumerator(cancellationToken);
            try
            {
                while (e.MoveNextAsync().AsTask().ConfigureAwait(false).GetAwaiter().GetResult()) yield return e.Current;
            }
            finally
            {
                e.DisposeAsync().AsTask().ConfigureAwait(false).GetAwaiter().GetResult();
            }
        }
    }
}
