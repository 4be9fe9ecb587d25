# The documentation as code: every PowerShell block of the cmdlet pages, README and docs parses, and every
# InfluxTokens command in it binds its parameters; the README's opening block runs unattended.
BeforeDiscovery {
    $repo = $env:INFLUXTOKENS_REPO
    $files = @(Get-ChildItem (Join-Path $repo 'docs') -Recurse -Filter *.md) + (Get-Item (Join-Path $repo 'README.md'))
    $script:blocks = foreach ($file in $files) {
        $text = Get-Content $file.FullName -Raw
        $n = 0
        foreach ($m in [regex]::Matches($text, '(?ms)^```powershell\r?\n(.*?)^```')) {
            $n++
            @{ Name = "$($file.Name) block $n"; Code = $m.Groups[1].Value }
        }
    }
}

BeforeAll {
    . $PSScriptRoot/Common.ps1
    $script:ours = (Get-Command -Module InfluxTokens).Name
}

Describe 'Every PowerShell block of the docs' {
    It '<Name> parses and binds' -ForEach $blocks {
        $tokens = $errors = $null
        $ast = [System.Management.Automation.Language.Parser]::ParseInput($Code, [ref] $tokens, [ref] $errors)
        $errors | Should -BeNullOrEmpty
        $commands = $ast.FindAll({ $args[0] -is [System.Management.Automation.Language.CommandAst] }, $true) |
            Where-Object { $_.GetCommandName() -in $ours }
        foreach ($command in $commands) {
            $binding = [System.Management.Automation.Language.StaticParameterBinder]::BindCommand($command, $true)
            $problems = $binding.BindingExceptions.Values | ForEach-Object { $_.BindingException.Message }
            $problems | Should -BeNullOrEmpty -Because $command.Extent.Text
        }
    }
}

Describe "The README's opening block" {
    It 'runs non-interactively against a server, with the token from a variable instead of Read-Host' {
        $oss = Get-TestServer Oss
        $readme = Get-Content (Join-Path $env:INFLUXTOKENS_REPO 'README.md') -Raw
        $first = [regex]::Match($readme, '(?ms)^```powershell\r?\n(.*?)^```').Groups[1].Value
        $first | Should -Match 'Read-Host -AsSecureString'
        $code = $first.Replace('http://localhost:8086', $oss.Url).Replace('(Read-Host -AsSecureString)', '(ConvertTo-SecureString $env:SERVER_TOKEN -AsPlainText -Force)')
        $script = Join-Path $TestDrive 'readme.ps1'
        "`$ErrorActionPreference = 'Stop'`nImport-Module `$env:INFLUXTOKENS_MANIFEST`n$code`n'README done'" | Set-Content $script
        $env:SERVER_TOKEN = $oss.Token
        try { $out = Invoke-Pwsh -NoProfile -NonInteractive -File $script 2>&1 | Out-String }
        finally { Remove-Item Env:SERVER_TOKEN }
        $LASTEXITCODE | Should -Be 0 -Because $out
        $out | Should -Match 'README done'
    }
}
