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
    [Cmdlet(VerbsLifecycle.Invoke, "InfluxTokenRotation", DefaultParameterSetName = InputObjectSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(IssuedInfluxToken))]
    public sealed class InvokeInfluxTokenRotationCommand : TokenInputCmdlet
    {
        /// <summary>How long the old token keeps working beside its replacement (default 1d).</summary>
        [Parameter]
        public string? Overlap { get; set; }

        /// <summary>Revoke the old token at once instead of after an overlap.</summary>
        [Parameter]
        public SwitchParameter NoOverlap { get; set; }

        /// <summary>With -NoOverlap: set the old token inactive rather than deleting it.</summary>
        [Parameter]
        public SwitchParameter Deactivate { get; set; }

        /// <summary>The replacement's lifetime; by default the old lease's lifetime.</summary>
        [Parameter]
        public string? ExpiresIn { get; set; }

        /// <summary>The replacement's expiry.</summary>
        [Parameter]
        public DateTime? ExpiresAt { get; set; }

        /// <summary>Return the new values as strings rather than SecureStrings.</summary>
        [Parameter]
        public SwitchParameter AsPlainText { get; set; }

        /// <summary>Do not ask for confirmation; -WhatIf still only reports.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>How many rotations run at once (default 32); replacements come out in input order.</summary>
        [Parameter]
        [ValidateRange(1, OrderedRunner<int, int>.MaxThrottleLimit)]
        public int ThrottleLimit { get; set; } = OrderedRunner<int, int>.DefaultThrottleLimit;

        private BulkRotation? _rotation;
        private string _old = string.Empty;

        protected override void BeginProcessing() => Run(() =>
        {
            var connection = ActiveConnection;
            // Lifetimes count from now: an -ExpiresIn is fixed once, so every replacement of the run gets the same expiry.
            var options = RotationParameters.ToOptions(DurationParameter.Parse(Overlap, nameof(Overlap))?.Value, NoOverlap, Deactivate,
                ExpiryParameters.Resolve(connection, ExpiresIn, ExpiresAt), AsPlainText);
            _old = options.Overlap is { } o ? "then end the old one after " + new LeaseDuration(o) : "then " + (Deactivate ? "deactivate" : "delete") + " the old one now";
            _rotation = new BulkRotation(connection, options, ThrottleLimit, CancelToken);
        });

        protected override void ProcessRecord() => Run(() =>
        {
            foreach (var (id, description, target) in Targets())
                if (ShouldProcess(Label(id, description), "Mint a replacement with the same permissions, " + _old, Force))
                    WriteEvents(_rotation!.Add(id, target));
        });

        protected override void EndProcessing()
        {
            Run(() => WriteEvents(_rotation!.Finish()));
            _rotation!.Dispose();
        }
    }
}
