using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using InfluxTokens.Tokens;

namespace InfluxTokens.Commands
{
    /// <summary>
    /// What every InfluxTokens cmdlet shares: Ctrl+C cancelling in-flight HTTP, async work awaited on the
    /// pipeline thread (so every Write* and ShouldProcess happens there), and failures turned into
    /// ErrorRecords with the catalogue's stable ids.
    /// </summary>
    public abstract class StoppableCmdlet : PSCmdlet, IDisposable
    {
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();

        /// <summary>Cancelled by Ctrl+C (StopProcessing); passed to every request.</summary>
        protected CancellationToken CancelToken => _stop.Token;

        protected override void StopProcessing() => _stop.Cancel();

        /// <summary>Waits for <paramref name="task"/> on the pipeline thread; Ctrl+C surfaces as a pipeline stop.</summary>
        protected T Await<T>(Task<T> task)
        {
            try
            {
                return task.ConfigureAwait(false).GetAwaiter().GetResult();
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
        }

        /// <summary>Enumerates an async stream on the pipeline thread, so each item can be written as it arrives.</summary>
        protected IEnumerable<T> Stream<T>(IAsyncEnumerable<T> source)
        {
            var e = source.GetAsyncEnumerator(CancelToken);
            try
            {
                while (Await(e.MoveNextAsync().AsTask())) yield return e.Current;
            }
            finally
            {
                e.DisposeAsync().AsTask().ConfigureAwait(false).GetAwaiter().GetResult();
            }
        }

        protected void ThrowInfluxError(Exception ex, object? target) => ThrowTerminatingError(ToRecord(ex, target));

        /// <summary>The ErrorRecord of a failure: the catalogue's stable id and category.</summary>
        protected static ErrorRecord ToRecord(Exception ex, object? target)
        {
            if (ex is InfluxParameterException parameter) return parameter.ToRecord(target);
            var (id, category) = ErrorCatalog.For(ex);
            var parsed = (ErrorCategory)Enum.Parse(typeof(ErrorCategory), category);
            return new ErrorRecord(ex, id, parsed, target);
        }

        public void Dispose()
        {
            // A terminating error or a stop ends the command: work still queued or in flight ends with it.
            _stop.Cancel();
            _stop.Dispose();
            GC.SuppressFinalize(this);
        }
    }
}
