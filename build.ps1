#Requires -Version 5.1
<#
.SYNOPSIS
    Builds the InfluxTokens module folder: out/InfluxTokens/<version>/.
.DESCRIPTION
    Calls `dotnet publish` on the cmdlet project, whose StageModule target copies the module's dlls and
    manifest into out/InfluxTokens/<version>/ (never the build-time System.Management.Automation stub).
    Machines without PowerShell get the same folder from:
        dotnet publish src/InfluxTokens/InfluxTokens.csproj -c Release
.PARAMETER Configuration
    Release (default) or Debug.
.PARAMETER Test
    Also run the test suite (dotnet test InfluxTokens.sln).
.EXAMPLE
    ./build.ps1; Import-Module ./out/InfluxTokens
#>
[CmdletBinding()]
param(
    [ValidateSet('Release', 'Debug')]
    [string] $Configuration = 'Release',

    [switch] $Test
)

$ErrorActionPreference = 'Stop'

dotnet publish (Join-Path $PSScriptRoot 'src/InfluxTokens/InfluxTokens.csproj') --configuration $Configuration
if ($LASTEXITCODE -ne 0) { throw "dotnet publish failed with exit code $LASTEXITCODE." }

if ($Test) {
    dotnet test (Join-Path $PSScriptRoot 'InfluxTokens.sln')
    if ($LASTEXITCODE -ne 0) { throw "dotnet test failed with exit code $LASTEXITCODE." }
}
