using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace InfluxTokens.Tokens
{
    /// <summary>
    /// Blocks the caller's own thread (a host's pipeline thread, which must write each result itself) until async work
    /// finishes, without spinning first. A task's own blocking wait spins before it sleeps, which pays off only when a
    /// core is idle: on a small machine running several callers at once (a fleet of servers), each waiting caller spun
    /// on a core the requests it was waiting for needed.
    /// </summary>
    public static class CallerThread
    {
        public static T Wait<T>(Task<T> task)
        {
            Sleep(task);
            return task.ConfigureAwait(false).GetAwaiter().GetResult();
        }

        public static void Wait(Task task)
        {
            Sleep(task);
            task.ConfigureAwait(false).GetAwaiter().GetResult();
        }

        public static T Wait<T>(ValueTask<T> task) => task.IsCompleted ? task.Result : Wait(task.AsTask());

        public static void Wait(ValueTask task)
        {
            if (task.IsCompleted) task.GetAwaiter().GetResult();
            else Wait(task.AsTask());
        }

        /// <summary>An async stream consumed on the caller's thread, item by item as each arrives.</summary>
        public static IEnumerable<T> Enumerate<T>(IAsyncEnumerable<T> source, CancellationToken cancellationToken)
        {
            var e = source.GetAsyncEnumerator(cancellationToken);
            try
            {
                while (Wait(e.MoveNextAsync())) yield return e.Current;
            }
            finally
            {
                Wait(e.DisposeAsync());
            }
        }

        private static void Sleep(Task task)
        {
            // A thread-pool thread (a host that runs pipelines on the pool) waits as the task does: on .NET 6 and later the pool
            // is told and adds a worker for the one blocked, which it is not for a bare event.
            if (task.IsCompleted || Thread.CurrentThread.IsThreadPoolThread) return;
            // Not disposed: the continuation may still be leaving Set when the wait returns; without a wait handle
            // ever made, the event holds nothing that needs disposing.
            var done = new ManualResetEventSlim(false, spinCount: 0);
            task.ConfigureAwait(false).GetAwaiter().UnsafeOnCompleted(done.Set);
            done.Wait();
        }
    }
}
