using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using InfluxTokens.Tokens;
using InfluxTokens.Tokens.Events;

namespace InfluxTokens.Leases
{
    /// <summary>
    /// One sweep, as events: the plan and what it means (<see cref="Opening"/>), each due token's revocation, re-checked
    /// right before it (<see cref="Add"/>, after the caller confirmed it), and the summary, always written once
    /// whatever ends the sweep (<see cref="Finish"/>, <see cref="Summary"/>).
    /// </summary>
    public sealed class SweepSession : IDisposable
    {
        private const string Activity = "Sweeping expired InfluxDB tokens";

        private readonly SweepRun _sweep;
        private readonly BulkRun<InfluxToken, (TokenRevocation Result, Exception? Error)> _run;
        private readonly List<TokenRevocation> _results = new List<TokenRevocation>();
        private bool _summarized;

        private SweepSession(InfluxConnection connection, SweepPlan plan, int throttleLimit, CancellationToken cancellationToken)
        {
            Plan = plan;
            _sweep = new SweepRun(connection.Backend, plan, throttleLimit);
            _run = new BulkRun<InfluxToken, (TokenRevocation Result, Exception? Error)>(_sweep.Concurrency, _sweep.RevokeAsync, Report,
                outcome => outcome.Error, token => token, token => token.ToString(), Activity, cancellationToken, Summary, plan.ToRevoke.Count);
        }

        /// <summary>Plans the sweep: lists every token and decides which are due, before anything is revoked.</summary>
        public static async Task<SweepSession> StartAsync(InfluxConnection connection, SweepOptions options, int throttleLimit, CancellationToken cancellationToken)
        {
            var plan = await TokenSweeper.PlanAsync(connection, options, cancellationToken).ConfigureAwait(false);
            return new SweepSession(connection, plan, throttleLimit, cancellationToken);
        }

        /// <summary>A sweep of a plan made already (tests that plan under faults, then sweep).</summary>
        internal static SweepSession Of(InfluxConnection connection, SweepPlan plan, int throttleLimit, CancellationToken cancellationToken) =>
            new SweepSession(connection, plan, throttleLimit, cancellationToken);

        public SweepPlan Plan { get; }

        /// <summary>The tokens to revoke, in order; none when the plan exceeds the limit.</summary>
        public IReadOnlyList<InfluxToken> Due => Plan.ExceedsLimit ? Array.Empty<InfluxToken>() : Plan.ToRevoke;

        /// <summary>What was planned, what to warn about, and — over the limit — the summary and the stop.</summary>
        public IEnumerable<BulkEvent> Opening()
        {
            yield return new Notice(Plan.Examined + " token(s) examined at " + Plan.Now.ToString("u", CultureInfo.InvariantCulture) + "; " + Plan.ToRevoke.Count + " due.", isWarning: false);
            if (!Plan.OwnTokenKnown)
                yield return new Notice("This server does not show which token the connection uses, so it cannot be recognised; it is safe from the sweep "
                                        + "only while it has no expired lease (a sweep by age must be told which tokens to leave alone).", isWarning: true);
            if (Plan.SkippedOwnTokenId is not null)
                yield return new Notice("Token " + Plan.SkippedOwnTokenId + " is due, but it is the token this connection authenticates with: it was left alone.", isWarning: true);
            if (!Plan.ExceedsLimit) yield break;
            yield return Summary()!;
            yield return new RunStopped(new SweepLimitExceededException(Plan), Plan);
        }

        /// <summary>The words a confirmation prompt shows for <paramref name="token"/>: which token, and why it is due.</summary>
        public static string Describe(InfluxToken token) =>
            "token " + token + ", " + (token.ExpiresAt is { } e
                ? "expired " + e.ToString("u", CultureInfo.InvariantCulture)
                : "no expiry, created " + token.CreatedAt?.ToString("u", CultureInfo.InvariantCulture));

        /// <summary>Revokes <paramref name="token"/> (re-checked first); returns whatever has finished.</summary>
        public IEnumerable<BulkEvent> Add(InfluxToken token) => _run.Add(token);

        /// <summary>Waits for the revocations under way, then the summary.</summary>
        public IEnumerable<BulkEvent> Finish()
        {
            foreach (var e in _run.Finish()) yield return e;
            if (Summary() is { } summary) yield return summary;
        }

        /// <summary>The summary of what was done so far, once: null when it was given already.</summary>
        public BulkEvent? Summary()
        {
            if (_summarized) return null;
            _summarized = true;
            var summary = TokenSweeper.Summarize(Plan, _results);
            return new ItemDone(summary);
        }

        private IEnumerable<BulkEvent> Report(InfluxToken token, (TokenRevocation Result, Exception? Error) outcome)
        {
            _results.Add(outcome.Result);
            if (outcome.Result.Outcome == RevokeOutcome.Renewed)
                yield return new Notice("Token " + outcome.Result.Id + " was renewed since the sweep listed it: left alone.", isWarning: false);
            yield return new ItemDone(outcome.Result);
        }

        public void Dispose()
        {
            _run.Dispose();
            _sweep.Dispose();
        }
    }
}
