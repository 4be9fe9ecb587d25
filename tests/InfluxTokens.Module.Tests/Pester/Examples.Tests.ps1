# Every example of docs/cmdlets run as written against an emulator of the product it is about, in a session
# set up as the example assumes: connected, with the buckets, users, files and secrets it names. The only
# changes to an example's text: server addresses and ids become the emulator's, and the prompts an admin
# would answer (Read-Host, Get-Credential, a typed -Confirm) are answered.
BeforeDiscovery {
    $script:examples = foreach ($page in Get-ChildItem (Join-Path $env:INFLUXTOKENS_REPO 'docs/cmdlets') -Filter *.md) {
        $text = Get-Content $page.FullName -Raw
        $section = $text.Substring($text.IndexOf('## EXAMPLES'), $text.IndexOf('## PARAMETERS') - $text.IndexOf('## EXAMPLES'))
        foreach ($m in [regex]::Matches($section, '(?ms)^### (.*?)\r?\n.*?```powershell\r?\n(.*?)^```')) {
            $code = ($m.Groups[2].Value -split '\r?\n' | ForEach-Object { $_ -replace '^PS> ', '' }) -join "`n"
            $title = $m.Groups[1].Value
            $mode = if ($code -match 'CloudDedicated|11111111-|-WaitForActivation|sensors') { 'Dedicated' }
                    elseif ($code -match 'ci-runner|localhost:8181') { 'Core' }
                    else { 'Oss' }
            @{ Name = "$($page.BaseName): $title"; Code = $code; Mode = $mode }
        }
    }
}

BeforeAll {
    . $PSScriptRoot/Common.ps1
}

Describe 'The examples of docs/cmdlets, run' {
    It '<Name>' -ForEach $examples {
        $server = Get-TestServer $Mode
        $connect = Get-ConnectArgs $server
        Connect-InfluxServer @connect
        Push-Location $TestDrive
        try {
            # What the example assumes is there.
            $script:secrets = @{}
            function global:Get-Secret([string] $Name) { ConvertTo-SecureString $server.Token -AsPlainText -Force }
            function global:Set-Secret([string] $Name, $Secret) { $script:secrets[$Name] = $Secret }
            function global:Get-Credential([string] $UserName, [string] $Message) { [pscredential]::new($UserName, (ConvertTo-SecureString $server.Token -AsPlainText -Force)) }
            $mint = Get-MintArgs $server
            $existing = New-InfluxToken -Description "sensor-0 (example fixture $([guid]::NewGuid().ToString('n').Substring(0, 8)))" @mint -ExpiresIn 1h -Force
            $id = $existing.Id
            if ($Mode -eq 'Core' -and -not (Get-InfluxToken -Description ci-runner)) { New-InfluxToken -Description ci-runner -AllAccess -ExpiresIn 1d -Force | Out-Null }
            "Id`n$id" | Set-Content tokens.csv
            "Id`n$id" | Set-Content compromised.csv
            "Description,Write,ExpiresIn`nclient-a,$($server.Container),1d`nclient-b,$($server.Container),2d" | Set-Content clients.csv
            $prodToken = $testToken = $token = $mgmt = $admin = ConvertTo-SecureString $server.Token -AsPlainText -Force
            # An example that reaches two products names each by its address: a Clustered management host, InfluxDB 3 Core.
            $clustered = Get-TestServer Clustered
            $core = Get-TestServer Core
            if ($Code -match 'influx\.internal') {
                $Code = $Code.Replace('https://influx.internal:8443', $clustered.Url.TrimEnd('/')).Replace('http://localhost:8181', $core.Url.TrimEnd('/'))
                $mgmt = ConvertTo-SecureString $clustered.Token -AsPlainText -Force
                $admin = ConvertTo-SecureString $core.Token -AsPlainText -Force
            }

            $code = $Code -replace "\(Read-Host -AsSecureString 'Token'\)", '$token'
            $code = $code -replace 'https?://(localhost|influx\.prod|influx\.test|influx\.internal|us-east-1-1\.aws\.cloud2\.influxdata\.com|console\.influxdata\.com)(:\d+)?', $server.Url.TrimEnd('/')
            $code = $code -replace '-AccountId 11111111-1111-4111-8111-111111111111', "-AccountId $($server.AccountId)"
            $code = $code -replace '-ClusterId 22222222-2222-4222-8222-222222222222', "-ClusterId $($server.ClusterId)"
            $code = $code -replace '0a1b2c3d4e5f6071|11111111-1111-4111-8111-111111111111', $id
            $code = $code -replace '\bacme\b', 'my-org'
            $code = $code -replace '-Confirm\b(?!:)', '-Confirm:$false'   # the admin answers Yes
            if ($code -match '^pwsh ') { Set-ItResult -Skipped -Because 'a scheduler command line, run by UnattendedSweep.Tests.ps1'; return }

            $ConfirmPreference = 'None'   # the admin answers the confirmation prompts with Yes
            $Error.Clear()
            $null = . ([scriptblock]::Create($code)) *>&1
            $failures = @($Error | Where-Object { $_.FullyQualifiedErrorId -notmatch 'InfluxNotSupported' })
            $failures | ForEach-Object { $_.ToString() } | Should -BeNullOrEmpty -Because $code
        }
        finally {
            Pop-Location
            Remove-Item Function:\Get-Secret, Function:\Set-Secret -ErrorAction SilentlyContinue
            Disconnect-InfluxServer
        }
    }
}
