using System;
using System.Management.Automation;
using InfluxTokens.Leases;
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
        private const int ProgressId = 0x1F1;
        private const string OwnTokenErrorId = "ConnectionTokenRefused";

        private readonly ProgressThrottle _progress = new ProgressThrottle();
        private OrderedRunner<(string Id, string? Description, object Target), TokenRevocation>? _runner;
        private OwnTokenCheck? _own;
        private bool _ownUnknownSaid;
        private int _done;
        private int _revoked;

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

        protected override void BeginProcessing() => Run(() =>
        {
            var action = Deactivate ? RevokeAction.Deactivate : RevokeAction.Delete;
            var connection = ActiveConnection; // resolved (or failed) here, on the pipeline thread, never in the runner's work
            var backend = connection.Backend;
            _own = IncludeConnectionToken ? null : new OwnTokenCheck(connection);
            _runner = new OrderedRunner<(string Id, string? Description, object Target), TokenRevocation>(ThrottleLimit,
                (item, ct) => TokenRevocation.RevokeAsync(backend, TokenOperations.NormalizeId(item.Id), item.Description, action, ct,
                    listedJustNow: item.Target is InfluxToken), CancelToken);
        });

        protected override void ProcessRecord() => Run(() =>
        {
            foreach (var (id, description, target) in Targets()) Revoke(id, description, target);
        });

        protected override void EndProcessing()
        {
            Run(() =>
            {
                foreach (var outcome in _runner!.Drain()) Report(outcome);
            });
            _runner!.Dispose();
            if (_done > 1)
                WriteProgress(new ProgressRecord(ProgressId, "Revoking InfluxDB tokens", "Done") { RecordType = ProgressRecordType.Completed });
            WriteVerbose(_revoked + " of " + _done + " token(s) revoked or already gone.");
        }

        /// <summary>Confirms on the pipeline thread, then hands the request to the runner and writes whatever is done.</summary>
        private void Revoke(string id, string? description, object target)
        {
            var label = Label(id, description);
            _done++;
            ReportProgress(label);
            if (IsConnectionToken(id, target)) return;
            if (!ShouldProcess(label, Deactivate ? "Deactivate" : "Delete (cannot be undone)", Force)) return;
            foreach (var outcome in _runner!.Add((id, description, target))) Report(outcome);
        }

        /// <summary>The connection's own token is refused (an error for it; the rest go on), where the server lets the module tell.</summary>
        private bool IsConnectionToken(string id, object target)
        {
            if (_own is null) return false;
            bool? own;
            try
            {
                own = Await(_own.IsOwnAsync(TokenOperations.NormalizeId(id), CancelToken));
            }
            catch (InfluxTokensException ex)
            {
                WriteInfluxError(ex, target);
                return true;
            }

            if (own == true)
            {
                WriteError(new ErrorRecord(new InvalidOperationException(
                        "Token " + id + " is the one this connection authenticates with; revoking it would lock this session out. "
                        + "It was left alone: add -IncludeConnectionToken to revoke it too."),
                    OwnTokenErrorId, ErrorCategory.PermissionDenied, target));
                return true;
            }

            if (own is null && !_ownUnknownSaid)
            {
                _ownUnknownSaid = true;
                WriteWarning("This server does not show which token the connection uses: if it is among these, the rest fail once it is revoked.");
            }

            return false;
        }

        private void Report(Finished<(string Id, string? Description, object Target), TokenRevocation> outcome)
        {
            if (outcome.Error is not null)
            {
                if (ErrorCatalog.StopsThePipeline(outcome.Error))
                {
                    // Revocations already under way finish and are reported before the command stops.
                    foreach (var rest in _runner!.Drain())
                    {
                        if (rest.Error is null) Written(rest.Result!);
                        else WriteError(ToRecord(rest.Error, rest.Input.Target));
                    }
                }

                WriteInfluxError(outcome.Error, outcome.Input.Target);
                return;
            }

            Written(outcome.Result!);
        }

        private void Written(TokenRevocation result)
        {
            _revoked++;
            if (result.Outcome == RevokeOutcome.AlreadyGone) WriteVerbose(Label(result.Id, result.Description) + " was already gone.");
            if (PassThru) WriteObject(result);
        }

        // From the second token on: a single revocation needs no progress bar.
        private void ReportProgress(string label)
        {
            if (_done < 2 || !_progress.Due()) return;
            WriteProgress(new ProgressRecord(ProgressId, "Revoking InfluxDB tokens", _done + " processed, " + _revoked + " revoked") { CurrentOperation = label });
        }
    }
}
