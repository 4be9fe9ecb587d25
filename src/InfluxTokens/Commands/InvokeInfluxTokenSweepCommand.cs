using System;
using InfluxTokens.Tokens.Events;
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

        private SweepSession? _sweep;

        /// <summary>Plans, confirms each due token, revokes and reports: the sweep itself is Core's (SweepSession).</summary>
        protected override void EndProcessing()
        {
            Run(() =>
            {
                _sweep = Await(SweepSession.StartAsync(ActiveConnection, Options(), ThrottleLimit, CancelToken));
                WriteEvents(_sweep.Opening());
                var action = Deactivate ? "Deactivate (lease expired)" : "Delete (lease expired; cannot be undone)";
                foreach (var token in _sweep.Due)
                    if (ShouldProcess(SweepSession.Describe(token), action, Force)) WriteEvents(_sweep.Add(token));
                WriteEvents(_sweep.Finish());
            }, beforeDeadlineError: () => WriteEvents(_sweep?.Summary() is { } summary ? new[] { summary } : Array.Empty<BulkEvent>()));
            _sweep?.Dispose();
        }

        private SweepOptions Options() => new SweepOptions
        {
            GracePeriod = DurationParameter.Parse(GracePeriod, nameof(GracePeriod))?.Value ?? TimeSpan.Zero,
            Action = Deactivate ? RevokeAction.Deactivate : RevokeAction.Delete,
            Description = Description ?? Array.Empty<string>(),
            MaxRevocations = MaxRevocations,
            NoExpiryOlderThan = DurationParameter.Parse(NoExpiryOlderThan, nameof(NoExpiryOlderThan))?.Value,
            ExcludeIds = ExcludeId ?? Array.Empty<string>(),
        };
    }
}
