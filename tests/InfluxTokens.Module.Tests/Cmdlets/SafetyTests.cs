using System.Collections;
using System.Management.Automation;
using InfluxDB.Emulator;
using InfluxTokens.Module.Tests.Infrastructure;

namespace InfluxTokens.Module.Tests.Cmdlets;

/// <summary>The safety rules as a user meets them: the own-token guard, what is reported when things fail, limits.</summary>
public class SafetyTests
{
    [Theory]
    [InlineData(EmulatorMode.Oss)]    // values are listed
    [InlineData(EmulatorMode.Cloud)]  // found with the token= filter
    [InlineData(EmulatorMode.Core)]   // hash prefixes are listed
    public async Task Revoking_everything_leaves_the_connection_token_alone_unless_asked(EmulatorMode mode)
    {
        await using var s = await Connected.StartAsync(mode);
        var r = s.Run("""
            1..3 | ForEach-Object { New-InfluxToken -Description "all-$_" @MintArgs -Force } | Out-Null
            Get-InfluxToken | Revoke-InfluxToken -Force -PassThru
            """);
        var refused = Assert.Single(r.Errors);
        Assert.Equal("ConnectionTokenRefused,InfluxTokens.Commands.RevokeInfluxTokenCommand", refused.FullyQualifiedErrorId);
        Assert.Contains("-IncludeConnectionToken", refused.ErrorDetails.RecommendedAction, StringComparison.Ordinal);
        Assert.Equal(3, r.Output.Count(o => ((string)o.Properties["Description"].Value).StartsWith("all-", StringComparison.Ordinal)));

        // The session still works, and the switch revokes it: then nothing does (InfluxDB 3 Core's _admin is the server's to keep).
        Assert.Single(s.Run("Get-InfluxToken").AssertClean().Output);
        if (mode == EmulatorMode.Core) return;
        s.Run("Get-InfluxToken | Revoke-InfluxToken -Force -IncludeConnectionToken").AssertClean();
        Assert.Contains(s.Run("Get-InfluxToken").AllErrors, e => e.CategoryInfo.Category == ErrorCategory.AuthenticationError);
    }

    [Fact]
    public async Task A_sweep_by_age_where_the_own_token_cannot_be_known_refuses_until_told_what_to_spare()
    {
        await using var s = await Connected.StartAsync(EmulatorMode.Oss, o => o.HashedTokens = true);
        s.Run("New-InfluxToken -Description old-unleased -Write my-bucket -Force | Out-Null; Start-Sleep -Milliseconds 1100").AssertClean();
        var refused = s.Run("Invoke-InfluxTokenSweep -NoExpiryOlderThan 1s -Force");
        Assert.Contains("exclusions", Assert.Single(refused.AllErrors).Exception.Message, StringComparison.Ordinal);
        Assert.Equal(2, s.Run("@(Get-InfluxToken).Count").AssertClean().Output.Single().BaseObject);

        var own = s.Server.Emulator.SetupAuthorization.Id;
        var r = s.Run("Invoke-InfluxTokenSweep -NoExpiryOlderThan 1s -ExcludeId $own -Force", new Hashtable { ["own"] = own }).AssertClean();
        Assert.Equal("old-unleased", r.Output.First().Properties["Description"].Value);
        Assert.Equal(own, s.Run("(Get-InfluxToken).Id").AssertClean().Output.Single().BaseObject);
    }

    [Fact]
    public async Task A_sweep_cut_short_by_the_command_limit_reports_what_it_did_and_its_summary()
    {
        await using var s = await Connected.StartAsync();
        s.Run("1..12 | ForEach-Object { New-InfluxToken -Description \"slow-$_\" -Write my-bucket -ExpiresIn 1s -Force } | Out-Null; Start-Sleep -Milliseconds 1100").AssertClean();
        s.Server.Emulator.Faults.Latency = TimeSpan.FromMilliseconds(300); // 12 tokens, each re-read and deleted: 7 s, against a 2 s limit
        var r = s.Run("Invoke-InfluxTokenSweep -Force -ThrottleLimit 1 -CommandTimeoutSec 2");
        var error = Assert.Single(r.AllErrors);
        Assert.Equal("InfluxCommandTimeout,InfluxTokens.Commands.InvokeInfluxTokenSweepCommand", error.FullyQualifiedErrorId);
        var summary = r.Output.Last();
        Assert.Equal("SweepSummary", summary.BaseObject.GetType().Name);
        var revoked = r.Output.Count(o => o.BaseObject.GetType().Name == "TokenRevocation");
        Assert.InRange(revoked, 1, 11);
        Assert.Equal(revoked, (int)summary.Properties["Revoked"].Value);
        s.Server.Emulator.Faults.Latency = TimeSpan.Zero;
        // At most the one delete in flight when time ran out may have been done by the server unseen (it counts as not confirmed).
        var left = (int)s.Run("@(Get-InfluxToken -Description slow-*).Count").AssertClean().Output.Single().BaseObject;
        Assert.InRange(left, 12 - revoked - 1, 12 - revoked);
        Assert.True((int)summary.Properties["NotConfirmed"].Value >= 12 - revoked - left);
    }

    [Fact]
    public async Task Network_failures_midway_leave_every_done_revocation_reported_and_the_summary_written()
    {
        await using var s = await Connected.StartAsync();
        s.Run("1..40 | ForEach-Object { New-InfluxToken -Description \"net-$_\" -Write my-bucket -ExpiresIn 1s -Force } | Out-Null; Start-Sleep -Milliseconds 1100").AssertClean();
        s.Server.Emulator.Faults.Randomly(0.6, seed: 7, [FaultKind.DropBefore, FaultKind.DropAfter], ctx => ctx.Request.Method == "DELETE");
        var r = s.Run("Invoke-InfluxTokenSweep -Force");
        s.Server.Emulator.Faults.Randomly(0, 1, []);
        var results = r.Output.Where(o => o.BaseObject.GetType().Name == "TokenRevocation").ToList();
        Assert.Equal(40, results.Count);
        Assert.Equal("SweepSummary", r.Output.Last().BaseObject.GetType().Name);
        var failed = results.Count(o => o.Properties["Outcome"].Value.ToString() == "Failed");
        Assert.Equal(failed, r.Errors.Count);
        var left = (int)s.Run("@(Get-InfluxToken -Description net-*).Count").AssertClean().Output.Single().BaseObject;
        Assert.True(left <= failed, $"{left} left, {failed} reported failed"); // nothing left unreported
    }

    [Fact]
    public async Task A_rotation_whose_old_token_cannot_be_cut_returns_the_replacement_and_says_what_was_not_done()
    {
        await using var s = await Connected.StartAsync();
        s.Run("New-InfluxToken -Description rot -Write my-bucket -ExpiresIn 1d -Force | Out-Null").AssertClean();
        s.Server.Emulator.Faults.Fail("PATCH", "/api/v2/authorizations/", 500, times: 10);
        var r = s.Run("Get-InfluxToken -Description rot | Invoke-InfluxTokenRotation -Overlap 1h -AsPlainText -Force");
        var replacement = Assert.Single(r.Output);
        Assert.IsType<string>(replacement.Properties["Token"].Value);
        var error = Assert.Single(r.Errors);
        Assert.Equal("InfluxRotationIncomplete,InfluxTokens.Commands.InvokeInfluxTokenRotationCommand", error.FullyQualifiedErrorId);
        Assert.Same(replacement.BaseObject, error.TargetObject);
    }

    [Fact]
    public async Task WaitForActivation_with_an_unreachable_data_url_still_returns_the_token()
    {
        await using var server = await TestServer.StartAsync(EmulatorMode.Dedicated);
        using var ps = new PsSession();
        var args = server.ConnectArgs();
        args["DataUrl"] = "http://127.0.0.1:9"; // nothing listens there
        var r = ps.Run("Connect-InfluxServer @a; New-InfluxToken -Description act -Write my-db -WaitForActivation -ActivationTimeoutSec 5 -Force",
            new Hashtable { ["a"] = args });
        Assert.Empty(r.AllErrors);
        Assert.Equal("act", Assert.Single(r.Output).Properties["Description"].Value);
        Assert.NotEmpty(r.Warnings);
    }

    [Fact]
    public async Task Csv_provisioning_mints_concurrently_in_input_order_with_one_error_per_bad_row()
    {
        await using var s = await Connected.StartAsync();
        s.Server.Emulator.Faults.Latency = TimeSpan.FromMilliseconds(20);
        var rows = string.Join(",", Enumerable.Range(1, 40).Select(i => i % 10 == 0 ? $"'c-{i},my-bucket,bad'" : $"'c-{i},my-bucket,1d'"));
        var r = s.Run("'Description,Write,ExpiresIn', " + rows + " | ConvertFrom-Csv | New-InfluxToken -ThrottleLimit 16 -Force");
        Assert.Equal(Enumerable.Range(1, 40).Where(i => i % 10 != 0).Select(i => "c-" + i), r.Output.Select(o => (string)o.Properties["Description"].Value));
        Assert.Equal(4, r.Errors.Count);
        Assert.All(r.Errors, e => Assert.StartsWith("InvalidDuration", e.FullyQualifiedErrorId, StringComparison.Ordinal));
    }

    [Fact]
    public void A_password_in_the_url_is_never_printed()
    {
        using var ps = new PsSession();
        var r = ps.Run("Connect-InfluxServer -Url 'https://admin:hunter2-secret@127.0.0.1:1' -Token (ConvertTo-SecureString x -AsPlainText -Force) -SkipCertificateCheck -TimeoutSec 1");
        Assert.NotEmpty(r.AllErrors);
        Assert.DoesNotContain("hunter2", r.AllText() + ps.Host.Console, StringComparison.Ordinal);
    }
}
