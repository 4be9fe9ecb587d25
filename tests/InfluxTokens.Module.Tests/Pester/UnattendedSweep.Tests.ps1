# The scheduled sweep of docs/recipes/scheduled-sweep.md, run the way systemd and cron run it:
# a new pwsh, -NonInteractive, the connection from INFLUX_* variables, the exit code telling success.
BeforeAll {
    . $PSScriptRoot/Common.ps1
    $script:oss = Get-TestServer Oss
    $connect = Get-ConnectArgs $oss
    Connect-InfluxServer @connect
    # The sweeper's own token, without a lease, as the recipe says.
    $script:sweeper = New-InfluxToken -Description 'sweeper' -Operator -AsPlainText
    1..3 | ForEach-Object { New-InfluxToken -Description "cron-old-$_" -Write my-bucket -ExpiresIn 1s } | Out-Null
    New-InfluxToken -Description 'cron-new' -Write my-bucket -ExpiresIn 1h | Out-Null
    Start-Sleep -Milliseconds 1200
    $script:command = 'Invoke-InfluxTokenSweep -Force; exit [int](-not $?)'   # the systemd unit's ExecStart
}

Describe 'Unattended sweep' {
    It 'revokes the expired leases and exits 0' {
        $env:INFLUX_HOST = $oss.Url; $env:INFLUX_TOKEN = $sweeper.Token; $env:INFLUX_ORG = 'my-org'
        $env:PSModulePath = Get-ModulePathWithBuild
        try { $out = Invoke-Pwsh -NoProfile -NonInteractive -Command $command 2>&1 | Out-String }
        finally { Remove-Item Env:INFLUX_HOST, Env:INFLUX_TOKEN, Env:INFLUX_ORG }
        $LASTEXITCODE | Should -Be 0 -Because $out
        $out | Should -Match 'cron-old-1'
        $out | Should -Not -Match ([regex]::Escape($sweeper.Token))
        (Get-InfluxToken -Description 'cron-*').Description | Should -Be 'cron-new'
    }

    It 'exits 1 when it cannot do its work' {
        $env:INFLUX_HOST = $oss.Url; $env:INFLUX_TOKEN = 'not-a-token'; $env:INFLUX_ORG = 'my-org'
        $env:PSModulePath = Get-ModulePathWithBuild
        try { $out = Invoke-Pwsh -NoProfile -NonInteractive -Command $command 2>&1 | Out-String }
        finally { Remove-Item Env:INFLUX_HOST, Env:INFLUX_TOKEN, Env:INFLUX_ORG }
        $LASTEXITCODE | Should -Be 1 -Because $out
    }

    It 'runs the Task Scheduler script of the recipe with -File, without prompting' {
        $script = Join-Path $TestDrive 'Sweep-InfluxTokens.ps1'
        # The recipe's script, with the secret store replaced by the variable a test can set.
        @'
$ErrorActionPreference = 'Continue'
Import-Module InfluxTokens
Connect-InfluxServer -Url $env:SWEEP_URL -Token (ConvertTo-SecureString $env:SWEEP_TOKEN -AsPlainText -Force) -Org my-org
$results = Invoke-InfluxTokenSweep -Force -MaxRevocations 500
$ok = $?
$results | ForEach-Object { "$(Get-Date -Format o) $_" } | Add-Content (Join-Path $env:SWEEP_LOGS 'influx-sweep.log')
Disconnect-InfluxServer
exit [int](-not $ok)
'@ | Set-Content $script
        New-InfluxToken -Description 'task-old' -Write my-bucket -ExpiresIn 1s | Out-Null
        Start-Sleep -Milliseconds 1200
        $env:SWEEP_URL = $oss.Url; $env:SWEEP_TOKEN = $sweeper.Token; $env:SWEEP_LOGS = $TestDrive
        $env:PSModulePath = Get-ModulePathWithBuild
        try { $out = Invoke-Pwsh -NoProfile -NonInteractive -File $script 2>&1 | Out-String }
        finally { Remove-Item Env:SWEEP_URL, Env:SWEEP_TOKEN, Env:SWEEP_LOGS }
        $LASTEXITCODE | Should -Be 0 -Because $out
        Get-Content (Join-Path $TestDrive 'influx-sweep.log') -Raw | Should -Match 'task-old'
        Get-InfluxToken -Description 'task-old' | Should -BeNullOrEmpty
    }
}
