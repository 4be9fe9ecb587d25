using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using InfluxTokens.Http;
using InfluxTokens.Tokens;
using InfluxTokens.Tokens.Events;

namespace InfluxTokens.Commands
{
    /// <summary>
    /// What every InfluxTokens cmdlet shares: Ctrl+C cancelling in-flight HTTP, an optional bound on the whole
    /// command, async work awaited on the pipeline thread (so every Write* and ShouldProcess happens there), and
    /// failures turned into ErrorRecords with the catalogue's stable ids.
    /// </summary>
    public abstract class StoppableCmdlet : PSCmdlet, IDisposable
    {
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();
        private OperationDeadline? _deadline;

        /// <summary>The bound on the whole command, where a cmdlet offers one (-CommandTimeoutSec).</summary>
        protected virtual TimeSpan? CommandLimit => null;

        private OperationDeadline Deadline => _deadline ??= new OperationDeadline(CommandLimit, _stop.Token);

        /// <summary>Cancelled by Ctrl+C (StopProcessing) or when the whole-command limit passes; passed to every request.</summary>
        protected CancellationToken CancelToken => Deadline.Token;

        /// <summary>The whole-command limit has passed: whatever fails now failed for that reason.</summary>
        protected bool DeadlinePassed => _deadline is not null && _deadline.Expired;

        protected override void StopProcessing() => _stop.Cancel();

        /// <summary>Waits for <paramref name="task"/> on the pipeline thread; Ctrl+C surfaces as a pipeline stop.</summary>
        protected T Await<T>(Task<T> task)
        {
            try
            {
                return CallerThread.Wait(task);
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
        }

        /// <summary>Enumerates an async stream on the pipeline thread, so each item can be written as it arrives.</summary>
        protected IEnumerable<T> Stream<T>(IAsyncEnumerable<T> source)
        {
            using var items = CallerThread.Enumerate(source, CancelToken).GetEnumerator();
            while (true)
            {
                try
                {
                    if (!items.MoveNext()) yield break;
                }
                catch (OperationCanceledException) when (_stop.IsCancellationRequested)
                {
                    throw new PipelineStoppedException();
                }

                yield return items.Current;
            }
        }

        /// <summary>
        /// Runs a cmdlet's work: Ctrl+C ends it as a pipeline stop; the whole-command limit ends it with a terminating
        /// timeout error, after <paramref name="beforeDeadlineError"/> has written what was finished (a summary); any
        /// other foreseen failure that reaches here (bad parameters, a refused plan) ends it with its catalogue record.
        /// </summary>
        protected void Run(Action work, Action? beforeDeadlineError = null)
        {
            try
            {
                work();
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
            catch (Exception ex) when (DeadlinePassed && (ex is OperationCanceledException || ex is InfluxTokensException))
            {
                beforeDeadlineError?.Invoke();
                ThrowInfluxError(ex, null);
            }
            catch (Exception ex) when (ErrorCatalog.IsExpected(ex))
            {
                ThrowInfluxError(ex, null);
            }
        }

        /// <summary>
        /// Writes what a long-running Core operation reports: results (those <paramref name="writesResult"/> lets
        /// through), per-item errors, warnings and details, progress; a stop becomes a terminating error.
        /// </summary>
        protected void WriteEvents(IEnumerable<BulkEvent> events, Func<object, bool>? writesResult = null)
        {
            foreach (var e in events)
            {
                switch (e)
                {
                    case ItemDone done:
                        if (writesResult is null || writesResult(done.Result)) WriteObject(done.Result);
                        break;
                    case ItemFailed failed:
                        if (DeadlinePassed) ThrowInfluxError(failed.Error, failed.Target);
                        WriteError(ToRecord(failed.Error, failed.Target));
                        break;
                    case RunStopped stopped:
                        ThrowInfluxError(stopped.Error, stopped.Target);
                        break;
                    case Notice notice when notice.IsWarning:
                        WriteWarning(notice.Text);
                        break;
                    case Notice notice:
                        WriteVerbose(notice.Text);
                        break;
                    case ProgressReport p:
                        WriteProgress(new ProgressRecord(ProgressIdOf(p.Activity), p.Activity, p.Status)
                        {
                            PercentComplete = p.Percent ?? -1,
                            CurrentOperation = p.Current,
                            RecordType = p.Completed ? ProgressRecordType.Completed : ProgressRecordType.Processing,
                        });
                        break;
                }
            }
        }

        // One progress bar per kind of work, the same id each time it is updated.
        private static int ProgressIdOf(string activity) => StringComparer.Ordinal.GetHashCode(activity) & 0x7FFFFFFF;

        protected void ThrowInfluxError(Exception ex, object? target) =>
            // Once the whole-command limit has passed, that is what any failure is about (its own id, InfluxCommandTimeout).
            ThrowTerminatingError(DeadlinePassed ? ToRecord(_deadline!.ExpiredError(), null) : ToRecord(ex, target));

        /// <summary>The ErrorRecord of a failure: the catalogue's stable id and category.</summary>
        protected static ErrorRecord ToRecord(Exception ex, object? target) => ErrorCatalog.ToRecord(ex, target);

        public void Dispose()
        {
            // A terminating error or a stop ends the command: work still queued or in flight ends with it.
            _stop.Cancel();
            _deadline?.Dispose();
            _stop.Dispose();
            GC.SuppressFinalize(this);
        }
    }
}
