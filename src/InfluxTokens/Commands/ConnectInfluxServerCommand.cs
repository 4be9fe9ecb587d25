using System;
using System.Management.Automation;
using System.Security;
using InfluxTokens.Connections;

namespace InfluxTokens.Commands
{
    /// <summary>Connect-InfluxServer: opens, verifies and remembers the session's connection.</summary>
    [Cmdlet(VerbsCommunications.Connect, "InfluxServer", DefaultParameterSetName = TokenSet)]
    [OutputType(typeof(InfluxConnection))]
    public sealed class ConnectInfluxServerCommand : StoppableCmdlet
    {
        private const string TokenSet = "Token";
        private const string CredentialSet = "Credential";

        /// <summary>How connections made here name their source.</summary>
        internal const string SourceName = "Connect-InfluxServer";

        /// <summary>The server, e.g. http://localhost:8086, https://us-east-1-1.aws.cloud2.influxdata.com, https://console.influxdata.com (Cloud Dedicated management).</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNull]
        public Uri Url { get; set; } = null!;

        /// <summary>The API token.</summary>
        [Parameter(Mandatory = true, ParameterSetName = TokenSet)]
        [ValidateNotNull]
        public SecureString Token { get; set; } = null!;

        /// <summary>The API token as the password of a credential (the user name is ignored), e.g. from Get-Secret or Get-Credential.</summary>
        [Parameter(Mandatory = true, ParameterSetName = CredentialSet)]
        [Credential]
        [ValidateNotNull]
        public PSCredential Credential { get; set; } = null!;

        /// <summary>The default org, by name, for commands that need one.</summary>
        [Parameter]
        [ArgumentCompleter(typeof(Completion.OrgNameCompleter))]
        public string? Org { get; set; }

        /// <summary>The default org, by id.</summary>
        [Parameter]
        public string? OrgId { get; set; }

        /// <summary>Speak this product's API instead of detecting it; required for CloudDedicated and Clustered (their management hosts cannot be detected).</summary>
        [Parameter]
        public InfluxProduct? Product { get; set; }

        /// <summary>Cloud Dedicated: the account id (UUID), as 'influxctl cluster list' shows it.</summary>
        [Parameter]
        public string? AccountId { get; set; }

        /// <summary>Cloud Dedicated: the cluster id (UUID).</summary>
        [Parameter]
        public string? ClusterId { get; set; }

        /// <summary>Cloud Dedicated and Clustered: the data API's URL, if not the default (https://&lt;cluster-id&gt;.a.influxdb.io, or -Url).</summary>
        [Parameter]
        public Uri? DataUrl { get; set; }

        /// <summary>Seconds each try of one request may take (default 30); failed tries are retried for up to 30 s in all. Each token cmdlet's -CommandTimeoutSec bounds a whole command.</summary>
        [Parameter]
        [ValidateRange(1, 3600)]
        public int TimeoutSec { get; set; } = 30;

        /// <summary>Accept any TLS certificate. Only for test servers with self-signed certificates.</summary>
        [Parameter]
        public SwitchParameter SkipCertificateCheck { get; set; }

        /// <summary>Also write the connection to the pipeline.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void EndProcessing()
        {
            if (Org is not null && OrgId is not null)
                ThrowInfluxError(new InfluxParameterException("AmbiguousOrg", "Give -Org or -OrgId, not both."), null);

            var secure = ParameterSetName == CredentialSet ? Credential.Password : Token;
            InfluxConnection connection;
            try
            {
                var settings = new ConnectionSettings(InfluxTokens.Http.InfluxServerOptions.ParseUrl(Url.OriginalString), TokenSecret.FromSecureString(secure), SourceName)
                {
                    Org = Org,
                    OrgId = OrgId,
                    Product = Product,
                    AccountId = AccountId,
                    ClusterId = ClusterId,
                    DataUrl = DataUrl,
                    SkipCertificateCheck = SkipCertificateCheck,
                    Timeout = TimeSpan.FromSeconds(TimeoutSec),
                };
                connection = Await(InfluxConnection.OpenAsync(settings, CancelToken));
            }
            catch (Exception ex) when (ErrorCatalog.IsExpected(ex))
            {
                ThrowInfluxError(ex, InfluxTokens.Http.InfluxServerOptions.Describe(Url)); // never the URL itself: it may hold a password
                return;
            }

            // TLS checks off, or a token sent in clear to another host: said here and by every command that uses it.
            foreach (var warning in connection.Warnings) WriteWarning(warning);
            ModuleSession.Current.SetDefault(connection, handedOut: PassThru);
            WriteVerbose("Connected to " + connection + "; product " + (connection.ProductDetected ? "detected" : "given") + ".");
            if (PassThru) WriteObject(connection);
        }
    }
}
