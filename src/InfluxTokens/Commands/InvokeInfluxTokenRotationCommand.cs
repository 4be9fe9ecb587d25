using System;
using System.Management.Automation;
using InfluxTokens.Leases;
using InfluxTokens.Tokens;

namespace InfluxTokens.Commands
{
    /// <summary>
    /// Invoke-InfluxTokenRotation: replaces tokens with new ones of the same permissions and description and a
    /// fresh lease, and ends the old ones after an overlap (their lease is cut to now + overlap, and the sweep
    /// revokes them then). Works on many tokens from the pipeline:
    /// <c>Get-InfluxToken -ExpiringWithin 7d | Invoke-InfluxTokenRotation -Overlap 1d</c>.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Invoke, "InfluxTokenRotation", DefaultParameterSetName = IdSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(IssuedInfluxToken))]
    public sealed class InvokeInfluxTokenRotationCommand : TokenInputCmdlet
    {
        /// <summary>How long the old token keeps working beside its replacement (default 1d).</summary>
        [Parameter]
        public LeaseDuration? Overlap { get; set; }

        /// <summary>Revoke the old token at once instead of after an overlap.</summary>
        [Parameter]
        public SwitchParameter NoOverlap { get; set; }

        /// <summary>With -NoOverlap: set the old token inactive rather than deleting it.</summary>
        [Parameter]
        public SwitchParameter Deactivate { get; set; }

        /// <summary>The replacement's lifetime; by default the old lease's lifetime.</summary>
        [Parameter]
        public LeaseDuration? ExpiresIn { get; set; }

        /// <summary>The replacement's expiry.</summary>
        [Parameter]
        public DateTime? ExpiresAt { get; set; }

        /// <summary>Return the new values as strings rather than SecureStrings.</summary>
        [Parameter]
        public SwitchParameter AsPlainText { get; set; }

        /// <summary>Do not ask for confirmation; -WhatIf still only reports.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void ProcessRecord()
        {
            foreach (var (id, description, target) in Targets()) Rotate(id, Label(id, description), target);
        }

        private void Rotate(string id, string label, object target)
        {
            var connection = ActiveConnection;
            ForItem(target, () =>
            {
                if (NoOverlap && Overlap is not null) throw new InfluxTokensException(InfluxErrorKind.InvalidRequest, "Give -Overlap or -NoOverlap, not both.");
                var options = new RotationOptions
                {
                    Overlap = NoOverlap ? (TimeSpan?)null : Overlap?.Value ?? TimeSpan.FromDays(1),
                    ExpiresAt = TokenOperations.ExpiryFrom(connection, ExpiresIn, ExpiresAt),
                    RevokeAction = Deactivate ? RevokeAction.Deactivate : RevokeAction.Delete,
                    AsPlainText = AsPlainText,
                };
                var old = options.Overlap is { } o ? "then end the old one after " + new LeaseDuration(o) : "then " + (Deactivate ? "deactivate" : "delete") + " the old one now";
                if (!ShouldProcess(label, "Mint a replacement with the same permissions, " + old, Force)) return;
                WriteObject(Await(TokenRotator.RotateAsync(connection, TokenOperations.NormalizeId(id), options, CancelToken)));
            });
        }
    }
}
