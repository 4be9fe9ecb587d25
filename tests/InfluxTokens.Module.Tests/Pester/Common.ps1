# What every Pester file shares: the module under test and the emulators the xunit host started.
Import-Module $env:INFLUXTOKENS_MANIFEST -Force
$script:Servers = $env:INFLUXTOKENS_SERVERS | ConvertFrom-Json

function Get-TestServer([string] $Mode) { $script:Servers | Where-Object Mode -eq $Mode }

# The Connect-InfluxServer splat an admin would write for a server.
function Get-ConnectArgs($Server) {
    $a = @{ Url = $Server.Url; Token = (ConvertTo-SecureString $Server.Token -AsPlainText -Force) }
    switch ($Server.Mode) {
        { $_ -in 'Oss', 'Cloud' } { $a.Org = 'my-org' }
        { $_ -in 'Dedicated', 'Clustered' } { $a.Product = $Server.Product; $a.AccountId = $Server.AccountId; $a.ClusterId = $Server.ClusterId; $a.DataUrl = $Server.Url }
    }
    $a
}

# New-InfluxToken's permissions for an ordinary client here (InfluxDB 3 Core has admin tokens only).
function Get-MintArgs($Server) { if ($Server.Mode -eq 'Core') { @{ AllAccess = $true } } else { @{ Write = $Server.Container } } }

# Writes one point with a token value: 204 when the token works.
function Test-Write($Server, [string] $Value) {
    $path = switch ($Server.Mode) {
        { $_ -in 'Oss', 'Cloud' } { 'api/v2/write?org=my-org&bucket=my-bucket' }
        { $_ -in 'Core', 'Enterprise' } { 'api/v3/write_lp?db=my-db' }
        default { 'api/v2/write?bucket=my-db' }
    }
    $scheme = if ($Server.Mode -in 'Oss', 'Cloud') { 'Token' } else { 'Bearer' }
    try {
        Invoke-WebRequest -Method Post -Uri ($Server.Url.TrimEnd('/') + '/' + $path) -Headers @{ Authorization = "$scheme $Value" } -Body 'm v=1' -SkipHttpErrorCheck |
            Select-Object -ExpandProperty StatusCode
    } catch { $_.Exception.Response.StatusCode.value__ }
}

# A new pwsh process, as a scheduler starts one (this same pinned PowerShell).
function Invoke-Pwsh {
    $exe = [Environment]::ProcessPath
    if ([IO.Path]::GetFileNameWithoutExtension($exe) -eq 'dotnet') { & $exe (Join-Path $PSHOME 'pwsh.dll') @args } else { & $exe @args }
}

# PSModulePath with the built module on it, so `Invoke-InfluxTokenSweep` autoloads as an installed module does.
function Get-ModulePathWithBuild { (Split-Path (Split-Path $env:INFLUXTOKENS_MODULE_FOLDER)) + [IO.Path]::PathSeparator + $env:PSModulePath }
