# The README's five minutes with an emulator, as a newcomer types them (a 2 s lease instead of 2 min).
BeforeAll {
    . $PSScriptRoot/Common.ps1
    $script:oss = Get-TestServer Oss
}

Describe 'README quick start' {
    It 'mints a leased token that writes; the sweep shows, then revokes it; the write then gets 401' {
        $connect = Get-ConnectArgs $oss
        Connect-InfluxServer @connect
        $t = New-InfluxToken -Description 'sensor-1' -Write my-bucket -ExpiresIn 2s -AsPlainText
        $t.Token | Should -BeOfType [string]
        Test-Write $oss $t.Token | Should -Be 204

        $leased = Get-InfluxToken -ExpiringWithin 5m | Where-Object Id -eq $t.Id
        $leased.TimeLeft | Should -BeLessOrEqual ([timespan]::FromSeconds(2))
        ($leased | Out-String) | Should -Match 'sensor-1'

        Start-Sleep -Milliseconds 2200
        $whatIf = Invoke-InfluxTokenSweep -WhatIf
        ($whatIf | Select-Object -Last 1).Due | Should -Be 1
        Get-InfluxToken -Id $t.Id | Should -Not -BeNullOrEmpty

        $swept = Invoke-InfluxTokenSweep -Force
        ($swept | Where-Object Id -eq $t.Id).Outcome | Should -Be 'Revoked'
        Test-Write $oss $t.Token | Should -Be 401
    }

    It 'works on every product' -ForEach @(
        @{ Mode = 'Oss' }, @{ Mode = 'Cloud' }, @{ Mode = 'Dedicated' }, @{ Mode = 'Clustered' }, @{ Mode = 'Core' }, @{ Mode = 'Enterprise' }
    ) {
        $server = Get-TestServer $Mode
        $connect = Get-ConnectArgs $server
        $mint = Get-MintArgs $server
        Connect-InfluxServer @connect
        $t = New-InfluxToken -Description "qs-$Mode" @mint -ExpiresIn 1h -AsPlainText
        Test-Write $server $t.Token | Should -Be 204
        Get-InfluxToken -Description "qs-$Mode" | Revoke-InfluxToken -Force
        Test-Write $server $t.Token | Should -Be 401
        Disconnect-InfluxServer
    }
}
