# docs/recipes/fleet.md: one runbook over every product at once, each runspace on its own server.
BeforeAll {
    . $PSScriptRoot/Common.ps1
    # Leases to sweep on each server, and one that must survive.
    $script:fleet = foreach ($server in $Servers) {
        $connect = Get-ConnectArgs $server
        $mint = Get-MintArgs $server
        Connect-InfluxServer @connect
        1..3 | ForEach-Object { New-InfluxToken -Description "fleet-$($server.Mode)-old-$_" @mint -ExpiresIn 2s } | Out-Null   # 2 s: Dedicated refuses an expiry already past on arrival
        New-InfluxToken -Description "fleet-$($server.Mode)-live" @mint -ExpiresIn 1h | Out-Null
        Disconnect-InfluxServer
        [pscustomobject]@{ Name = $server.Mode; Connect = $connect }
    }
    Start-Sleep -Milliseconds 2500   # past every 2 s lease, with room for a loaded machine
}

Describe 'A fleet swept from one runbook' {
    It 'sweeps every server in parallel, each its own expired leases only' {
        $manifest = $env:INFLUXTOKENS_MANIFEST
        $results = $fleet | ForEach-Object -ThrottleLimit 6 -Parallel {
            Import-Module $using:manifest
            $server = $_
            $connect = $server.Connect
            Connect-InfluxServer @connect
            $summary = Invoke-InfluxTokenSweep -Description 'fleet-*' -Force -MaxRevocations 500 | Select-Object -Last 1
            [pscustomobject]@{ Server = $server.Name; Revoked = $summary.Revoked; Failed = $summary.Failed; Left = @(Get-InfluxToken -Description 'fleet-*').Description }
        }
        $results.Count | Should -Be $Servers.Count
        foreach ($r in $results) {
            $r.Revoked | Should -Be 3 -Because $r.Server
            $r.Failed | Should -Be 0
            $r.Left | Should -Be "fleet-$($r.Server)-live"
        }
    }
}
