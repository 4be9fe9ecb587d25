# The Gallery path end to end: the staged manifest passes Test-ModuleManifest, the module folder publishes
# to a PSResourceGet repository, installs from it by name, imports by name and works.
BeforeAll {
    . $PSScriptRoot/Common.ps1
    $script:oss = Get-TestServer Oss
}

Describe 'The module as the Gallery ships it' {
    It 'passes Test-ModuleManifest with the version and cmdlets it claims' {
        $m = Test-ModuleManifest $env:INFLUXTOKENS_MANIFEST -ErrorAction Stop
        $m.Version | Should -Be (Split-Path $env:INFLUXTOKENS_MODULE_FOLDER -Leaf)
        $m.ExportedCmdlets.Keys | Sort-Object | Should -Be ((Get-Command -Module InfluxTokens).Name | Sort-Object)
        $m.CompatiblePSEditions | Should -Be @('Desktop', 'Core')
    }

    It 'publishes to a repository, installs by name, imports by name and mints a token' {
        # A new pwsh with a HOME of its own: the repository list and CurrentUser modules land there.
        $env:HOME = $env:INFLUXTOKENS_HOME
        $env:SERVER_URL = $oss.Url; $env:SERVER_TOKEN = $oss.Token
        $script = Join-Path $TestDrive 'gallery.ps1'
        @'
$ErrorActionPreference = 'Stop'
$repo = Join-Path $env:HOME 'repo'
$source = Join-Path $env:HOME 'source/InfluxTokens'
New-Item -ItemType Directory $repo, $source -Force | Out-Null
Copy-Item (Join-Path $env:INFLUXTOKENS_MODULE_FOLDER '*') $source -Recurse
Register-PSResourceRepository -Name InfluxTokensTest -Uri $repo -Trusted
Publish-PSResource -Path $source -Repository InfluxTokensTest
Install-PSResource InfluxTokens -Repository InfluxTokensTest -Scope CurrentUser -TrustRepository
Import-Module InfluxTokens
"loaded from $((Get-Module InfluxTokens).ModuleBase)"
Connect-InfluxServer -Url $env:SERVER_URL -Token (ConvertTo-SecureString $env:SERVER_TOKEN -AsPlainText -Force) -Org my-org
"minted $((New-InfluxToken -Description gallery -Write my-bucket -ExpiresIn 1h).Description)"
'@ | Set-Content $script
        $out = Invoke-Pwsh -NoProfile -NonInteractive -File $script 2>&1 | Out-String
        $LASTEXITCODE | Should -Be 0 -Because $out
        $out | Should -Match ([regex]::Escape("loaded from $($env:INFLUXTOKENS_HOME)"))
        $out | Should -Match 'minted gallery'
    }
}
