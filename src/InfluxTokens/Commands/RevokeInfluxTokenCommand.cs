using System;
using System.Diagnostics;
using System.Management.Automation;
using InfluxTokens.Tokens;

namespace InfluxTokens.Commands
{
    /// <summary>
    /// Revoke-InfluxToken: deletes tokens (or, with -Deactivate, sets them inactive), one or thousands from
    /// the pipeline. A token already gone counts as revoked; other failures are reported per token and the
    /// rest go on.
    /// </summary>
    [Cmdlet(VerbsSecurity.Revoke, "InfluxToken", DefaultParameterSetName = IdSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(TokenRevocation))]
    public sealed class RevokeInfluxTokenCommand : TokenInputCmdlet
    {
        private const int ProgressId = 0x1F1;

        private readonly Stopwatch _sinceProgress = Stopwatch.StartNew();
        private int _done;
        private int _revoked;

        /// <summary>Set the tokens inactive instead of deleting them (reversible with Set-InfluxToken -Status Active).</summary>
        [Parameter]
        public SwitchParameter Deactivate { get; set; }

        /// <summary>Do not ask for confirmation (for scheduled runs); -WhatIf still only reports.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>Write one result per token (id, action, outcome).</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            foreach (var (id, description, target) in Targets()) Revoke(id, description, target);
        }

        protected override void EndProcessing()
        {
            if (_done > 1)
                WriteProgress(new ProgressRecord(ProgressId, "Revoking InfluxDB tokens", "Done") { RecordType = ProgressRecordType.Completed });
            WriteVerbose(_revoked + " of " + _done + " token(s) revoked or already gone.");
        }

        private void Revoke(string id, string? description, object target)
        {
            var action = Deactivate ? RevokeAction.Deactivate : RevokeAction.Delete;
            var label = Label(id, description);
            _done++;
            ReportProgress(label);
            ForItem(target, () =>
            {
                if (!ShouldProcess(label, action == RevokeAction.Delete ? "Delete (cannot be undone)" : "Deactivate", Force)) return;
                var result = Await(TokenRevocation.RevokeAsync(ActiveConnection.Backend, TokenOperations.NormalizeId(id), description, action, CancelToken));
                _revoked++;
                if (result.Outcome == RevokeOutcome.AlreadyGone) WriteVerbose(label + " was already gone.");
                if (PassThru) WriteObject(result);
            });
        }

        // From the second token on, at most four updates a second: progress must not slow a bulk revocation down.
        private void ReportProgress(string label)
        {
            if (_done < 2 || (_done > 2 && _sinceProgress.ElapsedMilliseconds < 250)) return;
            _sinceProgress.Restart();
            WriteProgress(new ProgressRecord(ProgressId, "Revoking InfluxDB tokens", _done + " processed, " + _revoked + " revoked") { CurrentOperation = label });
        }
    }
}
