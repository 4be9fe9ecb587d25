using System.Collections;
using InfluxDB.Emulator;
using InfluxTokens.Module.Tests.Infrastructure;

namespace InfluxTokens.Module.Tests.Cmdlets;

/// <summary>The pipelines the product promises, each run for real: producer's output into consumer, ids as strings and CSV rows.</summary>
public class PipelineContractTests
{
    [Theory]
    [InlineData("Get-InfluxToken -Description pc-1 | Revoke-InfluxToken -Force -PassThru", "Revoked")]
    [InlineData("Get-InfluxToken -Description pc-1 | Set-InfluxToken -Description pc-1b -Force -PassThru", "pc-1b")]
    [InlineData("Get-InfluxToken -Description pc-1 | Get-InfluxToken", "pc-1")]
    [InlineData("New-InfluxToken -Description pc-new -Write my-bucket -Force | Revoke-InfluxToken -Force -PassThru", "Revoked")]
    [InlineData("New-InfluxToken -Description pc-new -Write my-bucket -Force | Set-InfluxToken -Status Inactive -Force -PassThru", "Inactive")]
    [InlineData("Get-InfluxToken -Description pc-1 | Invoke-InfluxTokenRotation -NoOverlap -Force", "pc-1")]
    [InlineData("Get-InfluxToken -Description pc-1 | Invoke-InfluxTokenRotation -Overlap 1h -Force | Revoke-InfluxToken -Force -PassThru", "Revoked")]
    [InlineData("(Get-InfluxToken -Description pc-1).Id | Revoke-InfluxToken -Force -PassThru", "Revoked")]
    [InlineData("(Get-InfluxToken -Description pc-1).Id | Get-InfluxToken", "pc-1")]
    [InlineData("(Get-InfluxToken -Description pc-1).Id | Set-InfluxToken -Description pc-1c -Force -PassThru", "pc-1c")]
    [InlineData("(Get-InfluxToken -Description pc-1).Id | Invoke-InfluxTokenRotation -NoOverlap -Force", "pc-1")]
    [InlineData("Get-InfluxToken -Description pc-1 | Select-Object Id | Export-Csv $csv; Import-Csv $csv | Revoke-InfluxToken -Force -PassThru", "Revoked")]
    [InlineData("Get-InfluxToken -Description pc-1 | Select-Object Id | Export-Csv $csv; Import-Csv $csv | Get-InfluxToken", "pc-1")]
    public async Task A_promised_pipeline_runs(string pipeline, string expected)
    {
        await using var s = await Connected.StartAsync(EmulatorMode.Oss);
        var csv = Path.Combine(Path.GetTempPath(), "influxtokens-" + Guid.NewGuid().ToString("n") + ".csv");
        try
        {
            s.Run("New-InfluxToken -Description pc-1 -Write my-bucket -ExpiresIn 1d -Force | Out-Null").AssertClean();
            var r = s.Run(pipeline, new Hashtable { ["csv"] = csv }).AssertClean();
            var o = Assert.Single(r.Output);
            var shown = new[] { "Outcome", "Description", "Status" }.Select(p => o.Properties[p]?.Value?.ToString());
            Assert.Contains(expected, shown);
        }
        finally
        {
            File.Delete(csv);
        }
    }
}
