using System.Management.Automation;
using InfluxTokens.Tokens;

namespace InfluxTokens.Commands
{
    /// <summary>
    /// Revoke-InfluxToken: deletes tokens (or, with -Deactivate, sets them inactive), one or thousands from
    /// the pipeline. An id that names no token is an error; a piped token that someone else revoked since it
    /// was listed counts as gone. The connection's own token is refused unless -IncludeConnectionToken asks for
    /// it. Failures are reported per token and the rest go on.
    /// </summary>
    [Cmdlet(VerbsSecurity.Revoke, "InfluxToken", DefaultParameterSetName = InputObjectSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(TokenRevocation))]
    public sealed class RevokeInfluxTokenCommand : TokenInputCmdlet
    {
        private BulkRevocation? _revocation;

        /// <summary>Set the tokens inactive instead of deleting them (reversible with Set-InfluxToken -Status Active).</summary>
        [Parameter]
        public SwitchParameter Deactivate { get; set; }

        /// <summary>Do not ask for confirmation (for scheduled runs); -WhatIf still only reports.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>Also revoke the token this connection authenticates with (refused otherwise: it would lock the session out midway).</summary>
        [Parameter]
        public SwitchParameter IncludeConnectionToken { get; set; }

        /// <summary>Write one result per token (id, action, outcome).</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <summary>How many revocations run at once (default 32); results still come in input order.</summary>
        [Parameter]
        [ValidateRange(1, OrderedRunner<int, int>.MaxThrottleLimit)]
        public int ThrottleLimit { get; set; } = OrderedRunner<int, int>.DefaultThrottleLimit;

        // The connection is resolved (or fails) here, on the pipeline thread, never in the revocations' work.
        protected override void BeginProcessing() => Run(() =>
            _revocation = new BulkRevocation(ActiveConnection, Deactivate ? RevokeAction.Deactivate : RevokeAction.Delete,
                IncludeConnectionToken, ThrottleLimit, CancelToken));

        protected override void ProcessRecord() => Run(() =>
        {
            foreach (var (id, description, target) in Targets())
            {
                var request = new RevocationRequest(id, description, target, listedJustNow: target is InfluxToken);
                var (proceed, screened) = Await(_revocation!.ScreenAsync(request, CancelToken));
                if (screened is not null) WriteEvents(new[] { screened });
                if (proceed && ShouldProcess(request.Label, Deactivate ? "Deactivate" : "Delete (cannot be undone)", Force))
                    WriteEvents(_revocation.Add(request), WritesResult);
            }
        });

        protected override void EndProcessing()
        {
            Run(() => WriteEvents(_revocation!.Finish(), WritesResult));
            _revocation!.Dispose();
        }

        private bool WritesResult(object result) => PassThru;
    }
}
