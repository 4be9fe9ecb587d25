using System.Collections;
using System.Text;
using InfluxDB.Emulator;
using InfluxTokens.Module.Tests.Infrastructure;

namespace InfluxTokens.Module.Tests.Cmdlets;

/// <summary>
/// A token value is shown once, at creation, as a SecureString: every cmdlet is run on every product with
/// -Verbose and -Debug under a transcript, every object is rendered and exported (Out-String, Export-Csv,
/// ConvertTo-Json, Export-Clixml), failures included, and no value appears anywhere.
/// </summary>
public class SecretScanTests
{
    [Theory]
    [MemberData(nameof(TestServer.EveryMode), MemberType = typeof(TestServer))]
    public async Task No_token_value_appears_in_any_stream_view_export_or_transcript(EmulatorMode mode)
    {
        await using var s = await Connected.StartAsync(mode);
        var dir = Directory.CreateTempSubdirectory("influxtokens-scan-");
        try
        {
            var r = s.Run("""
                $VerbosePreference = 'Continue'; $DebugPreference = 'Continue'; $InformationPreference = 'Continue'
                Start-Transcript -Path (Join-Path $Dir transcript.txt) | Out-Null
                $all = [System.Collections.Generic.List[object]]::new()
                $issued = @(
                    New-InfluxToken -Description scan-a @MintArgs -ExpiresIn 2s -Force
                    New-InfluxToken -Description scan-b @MintArgs -ExpiresIn 1d -Force
                    New-InfluxToken -Description scan-c @MintArgs -Force
                )
                $all.AddRange($issued)
                $all.AddRange(@(Get-InfluxToken))
                $all.AddRange(@(Get-InfluxToken -Id $issued[1].Id))
                $all.AddRange(@(Get-InfluxToken -Id $issued[1].Id | Set-InfluxToken -ExpiresIn 2d -Force -PassThru -ErrorAction SilentlyContinue))
                Start-Sleep -Milliseconds 2200
                $all.AddRange(@(Invoke-InfluxTokenSweep -Description scan-* -Force))
                $all.AddRange(@(Get-InfluxToken -Id $issued[1].Id | Invoke-InfluxTokenRotation -NoOverlap -Force -ErrorAction SilentlyContinue))
                $all.AddRange(@(Get-InfluxToken -Description scan-* | Revoke-InfluxToken -Force -PassThru))
                # Failures: a refused credential, an unknown id, a bad permission.
                Revoke-InfluxToken -Id $issued[2].Id -Force -ErrorAction SilentlyContinue
                New-InfluxToken -Description bad -Permission 'write:nonsense/x' -Force -ErrorAction SilentlyContinue
                Get-InfluxToken -Connection (Connect-InfluxServer @ConnectArgs -PassThru) | Out-Null
                Stop-Transcript | Out-Null
                $all | Out-String -Width 200
                $all | Format-List * | Out-String -Width 200
                $all | ConvertTo-Json -Depth 6 -WarningAction SilentlyContinue
                $all | Export-Csv (Join-Path $Dir all.csv)
                # A new token's SecureString is written recoverably by Export-Clixml off Windows (PowerShell's own
                # behaviour, said in SECURITY.md); every other object must hold no value.
                $all | Where-Object { $_ -isnot [InfluxTokens.IssuedInfluxToken] } | Export-Clixml (Join-Path $Dir all.xml)
                $Error | Out-String -Width 200
                $Error | ForEach-Object { $_.Exception.ToString() }
                $issued | ForEach-Object { [System.Net.NetworkCredential]::new('', $_.Token).Password } | Set-Content (Join-Path $Dir values.txt)
                """, new Hashtable { ["Dir"] = dir.FullName });

            var values = File.ReadAllLines(Path.Combine(dir.FullName, "values.txt")).Where(v => v.Length > 0).Append(s.Server.Emulator.SetupToken).ToList();
            Assert.Equal(4, values.Count);
            var haystack = new StringBuilder(r.AllText()).Append(s.Host.Console);
            foreach (var file in new[] { "transcript.txt", "all.csv", "all.xml" })
                haystack.Append(File.ReadAllText(Path.Combine(dir.FullName, file)));
            // The values file itself is not output; everything else the user could see or save is.
            foreach (var value in values)
            {
                Assert.DoesNotContain(value, haystack.ToString(), StringComparison.Ordinal);
                Assert.DoesNotContain(Convert.ToHexString(Encoding.Unicode.GetBytes(value)), haystack.ToString(), StringComparison.OrdinalIgnoreCase); // CLIXML's SecureString form
            }
            Assert.Contains("scan-b", haystack.ToString(), StringComparison.Ordinal); // the scan did see the output
            Assert.Contains("No token with id", haystack.ToString(), StringComparison.Ordinal); // and the failures
            Assert.Contains("nonsense", haystack.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
