using System;
using System.Collections.Generic;
using System.Management.Automation;
using InfluxTokens.Leases;
using InfluxTokens.Tokens;

namespace InfluxTokens.Commands
{
    /// <summary>
    /// Invoke-InfluxTokenSweep: revokes the tokens whose lease has expired. Safe to schedule every few
    /// minutes: it plans first, refuses a plan larger than -MaxRevocations, never touches a token without an
    /// expiry unless told to, never revokes the connection's own token, reports each token it acts on and a
    /// summary, and leaves failures in the error stream so a scheduled run is seen to fail.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Invoke, "InfluxTokenSweep", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(TokenRevocation), typeof(SweepSummary))]
    public sealed class InvokeInfluxTokenSweepCommand : InfluxCmdlet
    {
        private const int ProgressId = 0x1F2;

        /// <summary>Leave tokens alone until they have been expired this long.</summary>
        [Parameter]
        public string? GracePeriod { get; set; }

        /// <summary>Set expired tokens inactive instead of deleting them.</summary>
        [Parameter]
        public SwitchParameter Deactivate { get; set; }

        /// <summary>Only tokens whose description matches one of these patterns.</summary>
        [Parameter(Position = 0)]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(Completion.DescriptionCompleter))]
        public string[]? Description { get; set; }

        /// <summary>If more tokens are due than this, revoke none and fail (default 1000).</summary>
        [Parameter]
        [ValidateRange(0, int.MaxValue)]
        public int MaxRevocations { get; set; } = SweepOptions.DefaultMaxRevocations;

        /// <summary>Also revoke tokens that have no expiry once they are this old (e.g. 90d). Off by default.</summary>
        [Parameter]
        public string? NoExpiryOlderThan { get; set; }

        /// <summary>How many revocations run at once (default 32).</summary>
        [Parameter]
        [ValidateRange(1, OrderedRunner<int, int>.MaxThrottleLimit)]
        public int ThrottleLimit { get; set; } = OrderedRunner<int, int>.DefaultThrottleLimit;

        /// <summary>Do not ask for confirmation (scheduled runs); -WhatIf still only reports.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>Tokens (ids) the sweep must leave alone, e.g. the sweeper's own where the server cannot tell which that is.</summary>
        [Parameter]
        [ValidateNotNull]
        public string[]? ExcludeId { get; set; }

        private readonly List<TokenRevocation> _results = new List<TokenRevocation>();
        private SweepPlan? _plan;

        protected override void EndProcessing() => Run(Sweep, WriteSummary);

        private void Sweep()
        {
            var connection = ActiveConnection;
            SweepOptions options;
            try
            {
                options = new SweepOptions
                {
                    GracePeriod = DurationParameter.Parse(GracePeriod, nameof(GracePeriod))?.Value ?? TimeSpan.Zero,
                    Action = Deactivate ? RevokeAction.Deactivate : RevokeAction.Delete,
                    Description = Description ?? Array.Empty<string>(),
                    MaxRevocations = MaxRevocations,
                    NoExpiryOlderThan = DurationParameter.Parse(NoExpiryOlderThan, nameof(NoExpiryOlderThan))?.Value,
                    ExcludeIds = ExcludeId ?? Array.Empty<string>(),
                };
                _plan = Await(TokenSweeper.PlanAsync(connection, options, CancelToken));
            }
            catch (Exception ex) when (ErrorCatalog.IsExpected(ex))
            {
                ThrowInfluxError(ex, connection);
                return;
            }

            var plan = _plan;
            WriteVerbose(plan.Examined + " token(s) examined at " + plan.Now.ToString("u", System.Globalization.CultureInfo.InvariantCulture) + "; " + plan.ToRevoke.Count + " due.");
            if (!plan.OwnTokenKnown)
                WriteWarning("This server does not show which token the connection uses, so it cannot be recognised; it is safe from the sweep only while it has no expired lease (a sweep by age needs -ExcludeId).");
            if (plan.SkippedOwnTokenId is not null)
                WriteWarning("Token " + plan.SkippedOwnTokenId + " is due, but it is the token this connection authenticates with: it was left alone.");
            if (plan.ExceedsLimit)
            {
                WriteSummary();
                ThrowTerminatingError(new ErrorRecord(new InfluxTokensException(InfluxErrorKind.InvalidRequest, plan.LimitMessage),
                    "SweepLimitExceeded", ErrorCategory.LimitsExceeded, plan));
            }

            var action = options.Action == RevokeAction.Delete ? "Delete (lease expired; cannot be undone)" : "Deactivate (lease expired)";
            var progress = new ProgressThrottle();
            using var sweep = new SweepRun(connection.Backend, plan, ThrottleLimit);
            using var runner = new OrderedRunner<InfluxToken, (TokenRevocation Result, Exception? Error)>(sweep.Concurrency, sweep.RevokeAsync, CancelToken);
            for (var i = 0; i < plan.ToRevoke.Count; i++)
            {
                var token = plan.ToRevoke[i];
                if (progress.Due())
                {
                    WriteProgress(new ProgressRecord(ProgressId, "Sweeping expired InfluxDB tokens", (i + 1) + " of " + plan.ToRevoke.Count)
                    {
                        PercentComplete = (int)(100L * i / plan.ToRevoke.Count),
                        CurrentOperation = token.ToString(),
                    });
                }

                var expired = token.ExpiresAt is { } e ? "expired " + e.ToString("u", System.Globalization.CultureInfo.InvariantCulture) : "no expiry, created " + token.CreatedAt?.ToString("u", System.Globalization.CultureInfo.InvariantCulture);
                if (!ShouldProcess("token " + token + ", " + expired, action, Force)) continue;
                foreach (var outcome in runner.Add(token)) Report(outcome, runner);
            }

            foreach (var outcome in runner.Drain()) Report(outcome, runner);

            if (plan.ToRevoke.Count > 0)
                WriteProgress(new ProgressRecord(ProgressId, "Sweeping expired InfluxDB tokens", "Done") { RecordType = ProgressRecordType.Completed });
            WriteSummary();
        }

        /// <summary>
        /// Each token's result as it comes; a failure is also an error for that token, and the sweep goes on. A
        /// failure nothing can get past (the server gone, the credential refused) ends it, but only after every
        /// revocation already under way is reported and the summary written.
        /// </summary>
        private void Report(Finished<InfluxToken, (TokenRevocation Result, Exception? Error)> outcome,
            OrderedRunner<InfluxToken, (TokenRevocation Result, Exception? Error)> runner)
        {
            if (outcome.Error is not null) ThrowInfluxError(outcome.Error, outcome.Input); // the sweep returns known failures; anything else is a bug
            Record(outcome);
            if (outcome.Result.Error is not { } error) return;
            if (ErrorCatalog.StopsThePipeline(error) || DeadlinePassed)
            {
                foreach (var rest in runner.Drain())
                {
                    if (rest.Error is not null) continue;
                    Record(rest);
                    if (rest.Result.Error is not null) WriteError(ToRecord(rest.Result.Error, rest.Input));
                }

                WriteSummary();
            }

            WriteInfluxError(error, outcome.Input);
        }

        private void Record(Finished<InfluxToken, (TokenRevocation Result, Exception? Error)> outcome)
        {
            var result = outcome.Result.Result;
            _results.Add(result);
            if (result.Outcome == RevokeOutcome.Renewed) WriteVerbose("Token " + result.Id + " was renewed since the sweep listed it: left alone.");
            WriteObject(result);
        }

        /// <summary>The summary, written once whatever ends the sweep: finished, refused by the limit, or out of time.</summary>
        private void WriteSummary()
        {
            if (_plan is null) return;
            var summary = TokenSweeper.Summarize(_plan, _results);
            _plan = null;
            WriteVerbose(summary.ToString());
            WriteObject(summary);
        }
    }
}
