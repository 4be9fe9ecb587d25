using System;
using System.Management.Automation;
using InfluxTokens.Backends;
using InfluxTokens.Tokens;

namespace InfluxTokens.Commands
{
    /// <summary>Set-InfluxToken: changes a token's description or status (2.x permissions are immutable).</summary>
    [Cmdlet(VerbsCommon.Set, "InfluxToken", DefaultParameterSetName = InputObjectSet, SupportsShouldProcess = true)]
    [OutputType(typeof(InfluxToken))]
    public sealed class SetInfluxTokenCommand : TokenInputCmdlet
    {
        /// <summary>The new description.</summary>
        [Parameter]
        [ArgumentCompleter(typeof(Completion.DescriptionCompleter))]
        public string? Description { get; set; }

        /// <summary>Active or Inactive.</summary>
        [Parameter]
        public TokenStatus? Status { get; set; }

        /// <summary>New permissions, replacing the old ones wholesale (Cloud Dedicated and Clustered; InfluxDB 2.x permissions are immutable).</summary>
        [Parameter]
        public string[]? Permission { get; set; }

        /// <summary>With -Permission: databases to read, in the replacement set.</summary>
        [Parameter]
        public string[]? Read { get; set; }

        /// <summary>With -Permission: databases to write, in the replacement set.</summary>
        [Parameter]
        public string[]? Write { get; set; }

        /// <summary>Renew or change the lease: it now ends this long from now.</summary>
        [Parameter]
        public string? ExpiresIn { get; set; }

        /// <summary>Renew or change the lease: it now ends at this time.</summary>
        [Parameter]
        public DateTime? ExpiresAt { get; set; }

        /// <summary>Remove the lease: the token no longer expires.</summary>
        [Parameter]
        public SwitchParameter NoExpiry { get; set; }

        /// <summary>Do not ask for confirmation, even when $ConfirmPreference asks for it; -WhatIf still only reports.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>Write the updated token to the pipeline.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        private TokenUpdate _update = null!;

        /// <summary>The change is checked and built once: a bad value stops the command before any token is touched.</summary>
        protected override void BeginProcessing() => Run(() =>
        {
            var connection = ActiveConnection;
            _update = new TokenUpdate
            {
                Description = Description,
                Status = Status,
                ExpiresAt = ExpiryParameters.Resolve(connection, ExpiresIn, ExpiresAt),
                RemoveExpiry = NoExpiry,
                Permissions = Permission is null && Read is null && Write is null
                    ? null
                    : TokenSpecBuilder.Permissions(connection.Backend.ResourceTypes, Permission, Read, Write),
            };
            UpdateParameters.Check(_update); // the parameter rules, each with its own error id; Core's SetAsync guards the rest
            TokenSpec.EnsureDescriptionLength(_update.Description); // refused once, before any token
        });

        protected override void ProcessRecord() => Run(() =>
        {
            var backend = ActiveConnection.Backend;
            foreach (var (id, description, target) in Targets())
            {
                ForItem(target, () =>
                {
                    if (!ShouldProcess(Label(id, description), "Set " + _update.Describe(), Force)) return;
                    var updated = Await(TokenOperations.SetAsync(backend, TokenOperations.NormalizeId(id), _update, CancelToken));
                    if (PassThru) WriteObject(updated);
                });
            }
        });
    }
}
