using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Linq;
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

        protected override void EndProcessing()
        {
            var connection = ActiveConnection;
            SweepOptions options;
            try
            {
                options = new SweepOptions
                {
                    GracePeriod = DurationParameter.Parse(GracePeriod, nameof(GracePeriod))?.Value ?? TimeSpan.Zero,
                    Action = Deactivate ? RevokeAction.Deactivate : RevokeAction.Delete,
                    Description = Description ?? new string[0],
                    MaxRevocations = MaxRevocations,
                    NoExpiryOlderThan = DurationParameter.Parse(NoExpiryOlderThan, nameof(NoExpiryOlderThan))?.Value,
                };
            }
            catch (ArgumentException ex)
            {
                ThrowInfluxError(ex, null);
                return;
            }

            SweepPlan plan;
            try
            {
                plan = Await(TokenSweeper.PlanAsync(connection, options, CancelToken));
            }
            catch (Exception ex) when (ErrorCatalog.IsExpected(ex))
            {
                ThrowInfluxError(ex, connection);
                return;
            }

            WriteVerbose(plan.Examined + " token(s) examined at " + plan.Now.ToString("u", System.Globalization.CultureInfo.InvariantCulture) + "; " + plan.ToRevoke.Count + " due.");
            if (!plan.OwnTokenKnown)
                WriteWarning("This server does not show token values, so the connection's own token cannot be recognised; it is safe from the sweep only while it has no expired lease.");
            if (plan.SkippedOwnTokenId is not null)
                WriteWarning("Token " + plan.SkippedOwnTokenId + " is due, but it is the token this connection authenticates with: it was left alone.");
            if (plan.ExceedsLimit)
            {
                WriteObject(TokenSweeper.Summarize(plan, new TokenRevocation[0]));
                ThrowTerminatingError(new ErrorRecord(new InfluxTokensException(InfluxErrorKind.InvalidRequest, plan.LimitMessage),
                    "SweepLimitExceeded", ErrorCategory.LimitsExceeded, plan));
            }

            var results = new List<TokenRevocation>();
            var action = options.Action == RevokeAction.Delete ? "Delete (lease expired; cannot be undone)" : "Deactivate (lease expired)";
            var progress = new ProgressThrottle();
            using var runner = new OrderedRunner<InfluxToken, (TokenRevocation Result, Exception? Error)>(ThrottleLimit,
                (token, ct) => TokenSweeper.RevokeAsync(connection.Backend, token, options.Action, ct), CancelToken);
            void Report(Finished<InfluxToken, (TokenRevocation Result, Exception? Error)> outcome)
            {
                if (outcome.Error is not null) ThrowInfluxError(outcome.Error, outcome.Input); // RevokeAsync returns known failures; anything else is a bug
                results.Add(outcome.Result.Result);
                WriteObject(outcome.Result.Result);
                if (outcome.Result.Error is not null) WriteInfluxError(outcome.Result.Error, outcome.Input);
            }

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
                foreach (var outcome in runner.Add(token)) Report(outcome);
            }

            foreach (var outcome in runner.Drain()) Report(outcome);

            if (plan.ToRevoke.Count > 0)
                WriteProgress(new ProgressRecord(ProgressId, "Sweeping expired InfluxDB tokens", "Done") { RecordType = ProgressRecordType.Completed });
            var summary = TokenSweeper.Summarize(plan, results);
            WriteVerbose(summary.ToString());
            WriteObject(summary);
        }
    }
}
