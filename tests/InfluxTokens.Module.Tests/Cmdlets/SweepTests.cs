using System.Management.Automation;
using InfluxDB.Emulator;
using InfluxTokens.Module.Tests.Infrastructure;

namespace InfluxTokens.Module.Tests.Cmdlets;

/// <summary>Invoke-InfluxTokenSweep as a scheduled run meets it: what it writes, and the limits that keep it safe.</summary>
public class SweepTests
{
    private static async Task<Connected> WithLeasesAsync(EmulatorMode mode, int expired, int live)
    {
        var s = await Connected.StartAsync(mode);
        s.Run("""
            if ($Expired) { 1..$Expired | ForEach-Object { New-InfluxToken -Description "lease-old-$_" @MintArgs -ExpiresIn 2s -Force } | Out-Null } # 2 s: Dedicated refuses an expiry already past on arrival
            if ($Live) { 1..$Live | ForEach-Object { New-InfluxToken -Description "lease-new-$_" @MintArgs -ExpiresIn 1h -Force } | Out-Null }
            Start-Sleep -Milliseconds 2200
            """, new System.Collections.Hashtable { ["Expired"] = expired, ["Live"] = live }).AssertClean();
        return s;
    }

    [Theory]
    [MemberData(nameof(TestServer.EveryMode), MemberType = typeof(TestServer))]
    public async Task The_sweep_writes_each_revocation_and_a_summary_and_revokes_only_expired_leases(EmulatorMode mode)
    {
        await using var s = await WithLeasesAsync(mode, expired: 3, live: 2);
        var r = s.Run("Invoke-InfluxTokenSweep -Force -Verbose").AssertClean();

        var results = r.Output.Where(o => o.BaseObject.GetType().Name == "TokenRevocation").ToList();
        Assert.Equal(3, results.Count);
        Assert.All(results, o => Assert.StartsWith("lease-old-", (string)o.Properties["Description"].Value, StringComparison.Ordinal));
        Assert.All(results, o => Assert.Equal("Revoked", o.Properties["Outcome"].Value.ToString()));
        var summary = r.Output.Last();
        Assert.Equal("SweepSummary", summary.BaseObject.GetType().Name);
        Assert.Equal(3, (int)summary.Properties["Revoked"].Value);
        Assert.NotEmpty(r.Verbose);
        var left = s.Run("(Get-InfluxToken -Description lease-*).Description").AssertClean().Output.Select(o => (string)o.BaseObject).Order();
        Assert.Equal(new[] { "lease-new-1", "lease-new-2" }, left);
    }

    [Fact]
    public async Task A_plan_over_MaxRevocations_revokes_nothing_and_stops_with_LimitsExceeded()
    {
        await using var s = await WithLeasesAsync(EmulatorMode.Oss, expired: 4, live: 0);
        var r = s.Run("Invoke-InfluxTokenSweep -MaxRevocations 3 -Force");
        var error = Assert.Single(r.AllErrors);
        Assert.Equal("SweepLimitExceeded,InfluxTokens.Commands.InvokeInfluxTokenSweepCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.LimitsExceeded, error.CategoryInfo.Category);
        Assert.Contains("4", error.Exception.Message, StringComparison.Ordinal);
        Assert.Equal(4, s.Run("@(Get-InfluxToken -Description lease-*).Count").AssertClean().Output.Single().BaseObject);

        s.Run("Invoke-InfluxTokenSweep -MaxRevocations 4 -Force").AssertClean();
        Assert.Equal(0, s.Run("@(Get-InfluxToken -Description lease-*).Count").AssertClean().Output.Single().BaseObject);
    }

    [Fact]
    public async Task Stopping_a_bulk_revocation_midway_ends_it_promptly_and_leaves_the_rest()
    {
        await using var server = await TestServer.StartAsync(EmulatorMode.Oss);
        using var ps = new PsSession();
        ps.Run("Connect-InfluxServer @ConnectArgs; 1..120 | ForEach-Object { New-InfluxToken -Description \"stop-$_\" -Write my-bucket -Force } | Out-Null", server.Variables()).AssertClean();
        server.Emulator.Faults.Latency = TimeSpan.FromMilliseconds(100);

        using var pipeline = ps.Prepare("Get-InfluxToken -Description stop-* | Revoke-InfluxToken -Force -ThrottleLimit 2 -PassThru");
        var output = new PSDataCollection<PSObject>();
        var started = pipeline.BeginInvoke<PSObject, PSObject>(null, output);
        await WaitUntilAsync(() => output.Count >= 3);
        StopsWithin(pipeline, started, TimeSpan.FromSeconds(4)); // the rest would take 6 s

        server.Emulator.Faults.Latency = TimeSpan.Zero;
        var left = (int)ps.Run("@(Get-InfluxToken -Description stop-*).Count").AssertClean().Output.Single().BaseObject;
        Assert.InRange(left, 1, 117);
        Assert.True(left + output.Count >= 118, $"{output.Count} reported revoked, {left} left"); // at most the in-flight ones are unreported
    }

    [Fact]
    public async Task Stopping_a_listing_that_waits_for_the_server_ends_it_promptly()
    {
        // The pipeline thread sleeps in CallerThread while the list request is held; Stop must wake it, not the answer.
        await using var server = await TestServer.StartAsync(EmulatorMode.Oss);
        using var ps = new PsSession();
        ps.Run("Connect-InfluxServer @ConnectArgs", server.Variables()).AssertClean();
        server.Emulator.Faults.Latency = TimeSpan.FromSeconds(10);

        using var pipeline = ps.Prepare("Get-InfluxToken");
        var started = pipeline.BeginInvoke();
        Assert.True(await WaitUntilAsync(() => server.Emulator.Faults.Holding > 0), "the listing never reached the server");
        StopsWithin(pipeline, started, TimeSpan.FromSeconds(4)); // the held answer would take 10 s
    }

    /// <summary>Whether <paramref name="condition"/> came true within 20 s, looking every 20 ms.</summary>
    private static async Task<bool> WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!condition() && DateTime.UtcNow < deadline) await Task.Delay(20);
        return condition();
    }

    /// <summary>Ctrl+C on a running pipeline: it ends as stopped, within <paramref name="limit"/>.</summary>
    private static void StopsWithin(PowerShell pipeline, IAsyncResult started, TimeSpan limit)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        pipeline.Stop();
        Assert.ThrowsAny<PipelineStoppedException>(() => pipeline.EndInvoke(started));
        Assert.True(clock.Elapsed < limit, "Stop took " + clock.Elapsed);
    }

    [Fact]
    public async Task Bulk_revocation_shows_progress_that_ends_and_says_what_it_did()
    {
        await using var s = await Connected.StartAsync();
        s.Run("1..40 | ForEach-Object { New-InfluxToken -Description \"bulk-$_\" -Write my-bucket -Force } | Out-Null").AssertClean();
        s.Server.Emulator.Faults.Latency = TimeSpan.FromMilliseconds(30);
        var r = s.Run("Get-InfluxToken -Description bulk-* | Revoke-InfluxToken -Force -ThrottleLimit 2 -Verbose").AssertClean();
        Assert.NotEmpty(r.Progress);
        Assert.Equal(System.Management.Automation.ProgressRecordType.Completed, r.Progress.Last().RecordType);
        Assert.Contains(r.Progress, p => p.Activity == "Revoking InfluxDB tokens" && p.RecordType == System.Management.Automation.ProgressRecordType.Processing);
        Assert.Contains(r.Verbose, v => v.Message == "40 of 40 token(s) revoked or already gone.");
    }
}
