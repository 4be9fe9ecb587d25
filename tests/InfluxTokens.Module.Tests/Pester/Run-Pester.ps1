# Runs one Pester file with the pinned Pester and exits with the number of failed tests, naming each.
param(
    [Parameter(Mandatory)] [string] $Path,
    [Parameter(Mandatory)] [string] $PesterModule
)
$ErrorActionPreference = 'Stop'
Import-Module $PesterModule -MinimumVersion 5.7.1
$config = New-PesterConfiguration
$config.Run.Path = $Path
$config.Run.PassThru = $true
$config.Output.Verbosity = 'Detailed'
$result = Invoke-Pester -Configuration $config
foreach ($test in $result.Failed) {
    "FAILED: $($test.ExpandedPath)"
    "  $($test.ErrorRecord | Out-String)"
}
if ($result.TotalCount -eq 0) { 'FAILED: no test ran'; exit 1 }
"PESTER: $($result.PassedCount) passed, $($result.FailedCount) failed"
exit $result.FailedCount
