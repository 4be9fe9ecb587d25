using System;
using System.Management.Automation;
using InfluxTokens.Backends;
using InfluxTokens.Text;
using InfluxTokens.Tokens;

namespace InfluxTokens.Commands
{
    /// <summary>
    /// New-InfluxToken: mints a token and shows its value once, as a SecureString (or a string with
    /// -AsPlainText). Binds from the pipeline by property name, so a CSV of clients mints a token each.
    /// </summary>
    [Cmdlet(VerbsCommon.New, "InfluxToken", DefaultParameterSetName = CustomSet, SupportsShouldProcess = true)]
    [OutputType(typeof(IssuedInfluxToken))]
    public sealed class NewInfluxTokenCommand : InfluxCmdlet
    {
        private const string CustomSet = "Custom";
        private const string AllAccessSet = "AllAccess";
        private const string OperatorSet = "Operator";

        /// <summary>What the token is for; it is shown in every list.</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        public string? Description { get; set; }

        /// <summary>Permissions in the grammar 'read:buckets/telemetry', 'write:orgs/acme/buckets/x', 'read:orgs/acme/dashboards'.</summary>
        [Parameter(ParameterSetName = CustomSet, ValueFromPipelineByPropertyName = true)]
        [Alias("Permissions")] // binds a token's Permissions: Get-InfluxToken x | New-InfluxToken clones it
        public string[]? Permission { get; set; }

        /// <summary>Buckets (names or ids) the token may read.</summary>
        [Parameter(ParameterSetName = CustomSet, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(Completion.BucketNameCompleter))]
        public string[]? Read { get; set; }

        /// <summary>Buckets (names or ids) the token may write.</summary>
        [Parameter(ParameterSetName = CustomSet, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(Completion.BucketNameCompleter))]
        public string[]? Write { get; set; }

        /// <summary>Everything in one org, as 'influx auth create --all-access'.</summary>
        [Parameter(Mandatory = true, ParameterSetName = AllAccessSet)]
        public SwitchParameter AllAccess { get; set; }

        /// <summary>Everything in every org, as 'influx auth create --operator' (InfluxDB OSS only).</summary>
        [Parameter(Mandatory = true, ParameterSetName = OperatorSet)]
        public SwitchParameter Operator { get; set; }

        /// <summary>The owner (name or id); the connection's user by default.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? User { get; set; }

        /// <summary>The org (name or id); the connection's default org otherwise.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(Completion.OrgNameCompleter))]
        public string? Org { get; set; }

        /// <summary>How long the token lives: 90m, 12h, 7d, 1d12h, a TimeSpan, or ISO 8601 (PT90M). The sweep revokes it after that.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? ExpiresIn { get; set; }

        /// <summary>When the token expires (local time unless the DateTime says UTC).</summary>
        [Parameter]
        public DateTime? ExpiresAt { get; set; }

        /// <summary>Create the token inactive, to switch on later with Set-InfluxToken -Status Active.</summary>
        [Parameter]
        public SwitchParameter Inactive { get; set; }

        /// <summary>Cloud Dedicated and Clustered: wait until the new token works (they take seconds to minutes to activate it).</summary>
        [Parameter]
        public SwitchParameter WaitForActivation { get; set; }

        /// <summary>How long -WaitForActivation waits at most, in seconds (default 300).</summary>
        [Parameter]
        [ValidateRange(1, 3600)]
        public int ActivationTimeoutSec { get; set; } = 300;

        /// <summary>Do not ask for confirmation, even when $ConfirmPreference asks for it; -WhatIf still only reports.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>Return the value as a string rather than a SecureString.</summary>
        [Parameter]
        public SwitchParameter AsPlainText { get; set; }

        /// <summary>How many tokens are minted at once from pipeline input (default 32); they come out in input order.</summary>
        [Parameter]
        [ValidateRange(1, OrderedRunner<int, int>.MaxThrottleLimit)]
        public int ThrottleLimit { get; set; } = OrderedRunner<int, int>.DefaultThrottleLimit;

        private BulkMinting? _minting;
        private InfluxConnection? _target;

        protected override void BeginProcessing() => Run(() =>
        {
            _target = ActiveConnection;
            _minting = new BulkMinting(_target, AsPlainText, WaitForActivation ? TimeSpan.FromSeconds(ActivationTimeoutSec) : (TimeSpan?)null, ThrottleLimit, CancelToken);
        });

        /// <summary>Each record is checked and confirmed here, on the pipeline thread; minting runs concurrently in Core.</summary>
        protected override void ProcessRecord() => Run(() =>
        {
            var connection = _target!;
            ForItem(Description, () =>
            {
                var spec = TokenSpecBuilder.Build(connection.Backend.ResourceTypes, new NewTokenRequest
                {
                    Description = Description,
                    Permissions = Permission ?? Array.Empty<string>(),
                    Read = Read ?? Array.Empty<string>(),
                    Write = Write ?? Array.Empty<string>(),
                    Preset = AllAccess ? PermissionPreset.AllAccess : Operator ? PermissionPreset.Operator : PermissionPreset.None,
                    User = User,
                    Org = Org,
                    Inactive = Inactive,
                    ExpiresAt = ExpiryParameters.Resolve(connection, ExpiresIn, ExpiresAt),
                });
                var target = "token '" + Display.Truncate(Description ?? string.Empty, Display.EchoLimit) + "' on " + connection;
                if (ShouldProcess(target, "Create a token with " + spec.Describe(), Force)) WriteEvents(_minting!.Add(spec));
            });
        });

        protected override void EndProcessing()
        {
            Run(() => WriteEvents(_minting!.Finish()));
            _minting!.Dispose();
        }
    }
}
