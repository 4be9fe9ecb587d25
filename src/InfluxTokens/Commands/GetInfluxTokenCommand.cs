using System;
using System.Management.Automation;
using InfluxTokens.Tokens;

namespace InfluxTokens.Commands
{
    /// <summary>Get-InfluxToken: lists and filters tokens, streaming them as the server's list is read.</summary>
    [Cmdlet(VerbsCommon.Get, "InfluxToken", DefaultParameterSetName = ListSet)]
    [OutputType(typeof(InfluxToken))]
    public sealed class GetInfluxTokenCommand : InfluxCmdlet
    {
        private const string ListSet = "List";
        private const string IdSet = "Id";

        /// <summary>Tokens by id: typed, piped as strings, or from an Id property or CSV column.</summary>
        [Parameter(Mandatory = true, ParameterSetName = IdSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(Completion.TokenIdCompleter))]
        [ValidateNotNullOrEmpty]
        public string[] Id { get; set; } = null!;

        /// <summary>Description patterns (wildcards); a token matching any is listed.</summary>
        [Parameter(ParameterSetName = ListSet, Position = 0)]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(Completion.DescriptionCompleter))]
        public string[]? Description { get; set; }

        /// <summary>Only tokens owned by this user (name or id).</summary>
        [Parameter(ParameterSetName = ListSet)]
        public string? User { get; set; }

        /// <summary>Only tokens of this org (name or id).</summary>
        [Parameter(ParameterSetName = ListSet)]
        [ArgumentCompleter(typeof(Completion.OrgNameCompleter))]
        public string? Org { get; set; }

        /// <summary>Only active or only inactive tokens.</summary>
        [Parameter(ParameterSetName = ListSet)]
        public TokenStatus? Status { get; set; }

        /// <summary>Permission patterns (wildcards, exact or display form): tokens holding a matching permission.</summary>
        [Parameter(ParameterSetName = ListSet)]
        [SupportsWildcards]
        public string[]? Permission { get; set; }

        /// <summary>Only tokens whose lease or expiry has passed.</summary>
        [Parameter(ParameterSetName = ListSet)]
        public SwitchParameter Expired { get; set; }

        /// <summary>Only tokens expiring within this span (7d, 12h...), not yet expired.</summary>
        [Parameter(ParameterSetName = ListSet)]
        public string? ExpiringWithin { get; set; }

        /// <summary>Only tokens that never expire.</summary>
        [Parameter(ParameterSetName = ListSet)]
        public SwitchParameter NoExpiry { get; set; }

        /// <summary>Only tokens an auditor flags: operator, all-access, never expiring, or expired but not yet revoked.</summary>
        [Parameter(ParameterSetName = ListSet)]
        public SwitchParameter Risky { get; set; }

        /// <summary>Also list revoked tokens (Cloud Dedicated and Clustered keep them).</summary>
        [Parameter(ParameterSetName = ListSet)]
        public SwitchParameter IncludeRevoked { get; set; }

        protected override void ProcessRecord() => Run(List);

        private void List()
        {
            var backend = ActiveConnection.Backend;
            if (ParameterSetName == IdSet)
            {
                foreach (var id in Id)
                {
                    ForItem(id, () =>
                    {
                        var token = Await(TokenOperations.GetByIdAsync(backend, TokenOperations.NormalizeId(id), CancelToken));
                        if (token is null)
                            WriteInfluxError(InfluxTokensException.TokenNotFound(id), id);
                        else WriteObject(token);
                    });
                }

                return;
            }

            var filter = new TokenFilter
            {
                User = User,
                Org = Org,
                Status = Status,
                Description = Description ?? Array.Empty<string>(),
                Permission = Permission ?? Array.Empty<string>(),
                Expired = Expired,
                ExpiringWithin = DurationParameter.Parse(ExpiringWithin, nameof(ExpiringWithin))?.Value,
                NoExpiry = NoExpiry,
                Risky = Risky,
                IncludeRevoked = IncludeRevoked,
            };

            WriteVerbose("Listing tokens on " + ActiveConnection + ".");
            var listed = 0;
            try
            {
                foreach (var token in Stream(TokenOperations.GetAsync(backend, filter, CancelToken)))
                {
                    listed++;
                    WriteObject(token);
                }

                WriteVerbose(listed + " token(s) matched.");
            }
            catch (InfluxTokensException ex)
            {
                ThrowInfluxError(ex, ActiveConnection);
            }
        }
    }
}
