using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using InfluxTokens.Tokens.Events;

namespace InfluxTokens.Tokens
{
    /// <summary>
    /// Many items of one operation at once (revocations, rotations, the sweep's revocations), reported as events
    /// in input order on the caller's thread: each result, each failure, progress, and — when a failure means no
    /// further item can succeed — every item already finished or under way, then a stop. The caller confirms
    /// each item before adding it and writes out what comes back.
    /// </summary>
    public sealed class BulkRun<TInput, TResult> : IDisposable
    {
        private readonly OrderedRunner<TInput, TResult> _runner;
        private readonly Func<TInput, TResult, IEnumerable<BulkEvent>> _report;
        private readonly Func<TResult, Exception?> _failureOf;
        private readonly Func<TInput, object?> _target;
        private readonly Func<TInput, string> _label;
        private readonly Func<BulkEvent?> _beforeStop;
        private readonly string _activity;
        private readonly ProgressThrottle _progress = new ProgressThrottle();
        private readonly int _expected;

        /// <param name="work">The operation on one item.</param>
        /// <param name="report">The events of one item's result (what to write for it).</param>
        /// <param name="failureOf">The failure a result carries, for operations that return one rather than throw (the sweep).</param>
        /// <param name="target">What a failure of the item concerns.</param>
        /// <param name="label">The item as progress shows it.</param>
        /// <param name="beforeStop">What to report last before a stop (the sweep's summary).</param>
        /// <param name="expected">How many items will come, where known, for a percentage.</param>
        public BulkRun(int throttleLimit, Func<TInput, CancellationToken, Task<TResult>> work, Func<TInput, TResult, IEnumerable<BulkEvent>> report,
            Func<TResult, Exception?>? failureOf, Func<TInput, object?> target, Func<TInput, string> label, string activity,
            CancellationToken cancellationToken, Func<BulkEvent?>? beforeStop = null, int expected = 0)
        {
            _runner = new OrderedRunner<TInput, TResult>(throttleLimit, work, cancellationToken);
            _report = report;
            _failureOf = failureOf ?? (_ => null);
            _target = target;
            _label = label;
            _activity = activity;
            _beforeStop = beforeStop ?? (() => null);
            _expected = expected;
        }

        /// <summary>Items handed in.</summary>
        public int Added { get; private set; }

        /// <summary>Items that finished without a failure.</summary>
        public int Done { get; private set; }

        /// <summary>Progress (from the second item on: one needs no bar), then the events of whatever has finished.</summary>
        public IEnumerable<BulkEvent> Add(TInput input)
        {
            Added++;
            if ((_expected > 1 || Added > 1) && _progress.Due())
            {
                var status = _expected > 0 ? Added + " of " + _expected : Added + " processed, " + Done + " done";
                yield return new ProgressReport(_activity, status, _expected > 0 ? (int)(100L * (Added - 1) / _expected) : (int?)null, _label(input));
            }

            foreach (var e in Report(_runner.Add(input))) yield return e;
        }

        /// <summary>Waits for everything still under way and reports it; then the progress display ends.</summary>
        public IEnumerable<BulkEvent> Finish()
        {
            foreach (var e in Report(_runner.Drain())) yield return e;
            if (Added > 1 || _expected > 1) yield return new ProgressReport(_activity, "Done", completed: true);
        }

        private IEnumerable<BulkEvent> Report(IEnumerable<Finished<TInput, TResult>> finished)
        {
            RunStopped? stop = null;
            foreach (var f in finished)
                foreach (var e in Report(f, ref stop)) yield return e;
            if (stop is null) yield break;

            // Nothing further can succeed: everything under way finishes and is reported, then the run stops.
            foreach (var f in _runner.Drain())
                foreach (var e in Report(f, ref stop)) yield return e;
            if (_beforeStop() is { } last) yield return last;
            yield return stop!;
        }

        private List<BulkEvent> Report(Finished<TInput, TResult> f, ref RunStopped? stop)
        {
            var events = new List<BulkEvent>();
            var failure = f.Error;
            if (f.Error is null)
            {
                events.AddRange(_report(f.Input, f.Result!));
                failure = _failureOf(f.Result!);
            }

            if (failure is null)
            {
                Done++;
                return events;
            }

            // A request whose outcome is unknown concerns the tokens that may be its result, not only its input.
            var target = failure is InfluxTokensException { OutcomeUnknown: true, CandidateIds.Count: > 0 } unknown ? unknown.CandidateIds : _target(f.Input);
            if (stop is null && failure is InfluxTokensException { EndsEveryRequest: true })
                stop = new RunStopped(failure, target);
            else
                events.Add(new ItemFailed(failure, target));
            return events;
        }

        public void Dispose() => _runner.Dispose();
    }
}
