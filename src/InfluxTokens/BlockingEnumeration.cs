using System.Collections.Generic;
using System.Threading;
using InfluxTokens.Tokens;

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
                while (CallerThread.Wait(e.MoveNextAsync())) yield return e.Current;
            }
            finally
            {
                CallerThread.Wait(e.DisposeAsync());
            }
        }
    }
}
