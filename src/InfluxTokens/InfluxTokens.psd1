@{
    # Source of the staged manifest: `dotnet publish` copies it into out/InfluxTokens/<version>/ beside
    # InfluxTokens.dll, InfluxTokens.Core.dll and their dependencies. Import the staged copy, not this one.
    RootModule             = 'InfluxTokens.dll'
    ModuleVersion          = '0.1.0'
    CompatiblePSEditions   = @('Desktop', 'Core')
    GUID                   = 'cfcbae8c-775b-4c70-b7bd-aaba128ab473'
    Author                 = 'InfluxTokens contributors'
    CompanyName            = 'InfluxTokens contributors'
    Copyright              = '(c) 2026 InfluxTokens contributors. MIT License.'
    Description            = 'Mint, list, update, revoke and expire InfluxDB API tokens on every flavour (InfluxDB 2.x OSS and Cloud, Cloud Dedicated, Clustered, InfluxDB 3 Core and Enterprise): narrowly scoped, short-lived credentials for every client, revoked on time.'
    PowerShellVersion      = '5.1'
    # netstandard2.0 on .NET Framework needs 4.7.2 to load without binding redirects.
    DotNetFrameworkVersion = '4.7.2'
    CLRVersion             = '4.0'
    FormatsToProcess       = @('InfluxTokens.Format.ps1xml')
    FunctionsToExport      = @()
    # Explicit, never a wildcard: discovery and the Gallery read this list.
    CmdletsToExport        = @(
        'Connect-InfluxServer'
        'Disconnect-InfluxServer'
        'Get-InfluxToken'
        'New-InfluxToken'
        'Set-InfluxToken'
        'Revoke-InfluxToken'
        'Invoke-InfluxTokenSweep'
        'Invoke-InfluxTokenRotation'
    )
    VariablesToExport      = @()
    AliasesToExport        = @()
    PrivateData            = @{
        PSData = @{
            Tags         = @('InfluxDB', 'Influx', 'InfluxDB3', 'Token', 'ApiToken', 'Security', 'Lease', 'Rotation', 'PSEdition_Desktop', 'PSEdition_Core', 'Windows', 'Linux', 'MacOS')
            LicenseUri   = 'https://github.com/influxtokens/InfluxTokens/blob/main/LICENSE'
            ProjectUri   = 'https://github.com/influxtokens/InfluxTokens'
            ReleaseNotes = @'
0.1.0
- Connect-InfluxServer / Disconnect-InfluxServer, with fallback to INFLUX_HOST/INFLUX_TOKEN/INFLUX_ORG and the
  influx CLI's active config profile.
- New-, Get-, Set- and Revoke-InfluxToken for InfluxDB 2.x (OSS, Cloud, Cloud Serverless): fine-grained
  permissions by bucket name, all-access and operator sets, wildcard filters, pipeline binding by property name,
  -WhatIf/-Confirm/-Force, tab completion of token ids, buckets and orgs.
- Leases: -ExpiresIn/-ExpiresAt on every token (a marker at the end of the description on InfluxDB 2.x; Ockam's
  lease markers are recognised), -Expired/-ExpiringWithin/-NoExpiry/-Risky filters, Invoke-InfluxTokenSweep
  (grace period, -MaxRevocations, never the connection's own token) and Invoke-InfluxTokenRotation (overlap).
- InfluxDB 3: Cloud Dedicated and Clustered (management API: native expiry, soft revocation, permission
  replacement, -WaitForActivation), InfluxDB 3 Core and Enterprise (named admin and resource tokens, system.tokens);
  influxctl's config as a connection fallback.
- Connections belong to their runspace (ForEach-Object -Parallel fleets connect each to its own server);
  New-InfluxToken mints concurrently from the pipeline (-ThrottleLimit); -CommandTimeoutSec bounds a whole command.
- Safety: an unknown id is an error; the connection's own token is refused unless -IncludeConnectionToken; the
  sweep re-reads each token before revoking it (Renewed), takes -ExcludeId, and always writes its summary;
  Get-InfluxToken never holds a token value, even where the server lists them.
- Large listings and fleets: a listed token is kept small (its human description and create tag, not the stored text
  with its markers), a listing steps over permission lists that repeat instead of parsing them again, and a waiting
  pipeline sleeps instead of spinning, and wakes once for a batch of outcomes, leaving the cores to the requests it
  waits for. A listing's timeout bounds each wait for the server, not the time a slow pipeline spends between
  tokens. Token times are UTC.
'@
        }
    }
}
