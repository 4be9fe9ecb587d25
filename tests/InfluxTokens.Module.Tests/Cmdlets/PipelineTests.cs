using System.Collections;
using System.Management.Automation;
using InfluxDB.Emulator;
using InfluxTokens.Module.Tests.Infrastructure;

namespace InfluxTokens.Module.Tests.Cmdlets;

/// <summary>What binds from the pipeline: token objects, ids as strings, CSV rows, and values that fail to convert.</summary>
public class PipelineTests
{
    [Theory]
    [InlineData("abc")]
    [InlineData("0")]
    [InlineData("7")]
    [InlineData("-5m")]
    [InlineData("99999999d")]
    [InlineData("P99999999D")]
    public async Task A_csv_row_whose_ExpiresIn_does_not_convert_is_an_error_for_that_row_and_mints_nothing(string bad)
    {
        await using var s = await Connected.StartAsync();
        var r = s.Run($"""
            $rows = 'Description,Write,ExpiresIn', 'good-1,my-bucket,2h', 'bad-row,my-bucket,{bad}', 'good-2,my-bucket,1d' | ConvertFrom-Csv
            $rows | New-InfluxToken -Force
            """);

        Assert.Equal(new[] { "good-1", "good-2" }, r.Output.Select(o => (string)o.Properties["Description"].Value));
        var error = Assert.Single(r.Errors);
        Assert.Equal("InvalidDuration,InfluxTokens.Commands.NewInfluxTokenCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Contains("'" + bad + "'", error.Exception.Message, StringComparison.Ordinal);
        Assert.Contains("-ExpiresIn", error.Exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", error.Exception.Message, StringComparison.Ordinal); // the module's words, not .NET's
        var names = s.Run("(Get-InfluxToken -Description good-*,bad-*).Description").AssertClean().Output.Select(o => (string)o.BaseObject).Order();
        Assert.Equal(new[] { "good-1", "good-2" }, names);
    }

    [Fact]
    public async Task A_typed_bad_duration_gets_the_module_error_on_every_duration_parameter()
    {
        await using var s = await Connected.StartAsync();
        foreach (var (command, id) in new[]
        {
            ("New-InfluxToken -Description x -Write my-bucket -ExpiresIn 7 -Force", "NewInfluxTokenCommand"),
            ("Get-InfluxToken -ExpiringWithin 7", "GetInfluxTokenCommand"),
            ("Invoke-InfluxTokenSweep -GracePeriod 7 -Force", "InvokeInfluxTokenSweepCommand"),
            ("Invoke-InfluxTokenSweep -NoExpiryOlderThan 7 -Force", "InvokeInfluxTokenSweepCommand"),
            ("Set-InfluxToken -Id 0000000000000001 -ExpiresIn 7 -Force", "SetInfluxTokenCommand"),
            ("Invoke-InfluxTokenRotation -Id 0000000000000001 -Overlap 7 -Force", "InvokeInfluxTokenRotationCommand"),
        })
        {
            var r = s.Run(command);
            Assert.Equal("InvalidDuration,InfluxTokens.Commands." + id, Assert.Single(r.ErrorIds));
            Assert.Contains("'7'", r.AllErrors.Single().Exception.Message, StringComparison.Ordinal);
        }

        Assert.Empty(s.Run("Get-InfluxToken -Description x").AssertClean().Output);
    }

    [Theory]
    [InlineData("New-InfluxToken -Description x -Write my-bucket -ExpiresAt ([datetime]::MaxValue) -Force", "InvalidExpiry", "10 years")]
    [InlineData("New-InfluxToken -Description x -Write my-bucket -ExpiresAt ([datetime]::UtcNow.AddDays(3661)) -Force", "InvalidExpiry", "10 years")]
    [InlineData("New-InfluxToken -Description x -Write my-bucket -ExpiresAt (Get-Date).AddHours(-1) -Force", "InvalidExpiry", "not in the future")]
    [InlineData("New-InfluxToken -Description x -Write my-bucket -ExpiresIn 1d -ExpiresAt (Get-Date).AddDays(1) -Force", "ExpiryConflict", "not both")]
    [InlineData("Get-InfluxToken | Invoke-InfluxTokenRotation -Overlap 1h -NoOverlap -Force", "OverlapConflict", "not both")]
    [InlineData("Get-InfluxToken | Invoke-InfluxTokenRotation -Deactivate -Force", "DeactivateNeedsNoOverlap", "-NoOverlap")]
    [InlineData("Get-InfluxToken | Set-InfluxToken -NoExpiry -ExpiresIn 1d -Force", "NoExpiryConflict", "not both")]
    [InlineData("Get-InfluxToken | Set-InfluxToken -Status Revoked -Force", "RevokedStatusRefused", "Revoke-InfluxToken")]
    [InlineData("Get-InfluxToken | Set-InfluxToken -Force", "NothingToChange", "-Description")]
    [InlineData("Connect-InfluxServer @ConnectArgs -OrgId 0a1b2c3d4e5f6071", "AmbiguousOrg", "not both")]
    public async Task Contradicting_or_empty_parameters_get_their_own_error_id_and_change_nothing(string command, string id, string says)
    {
        await using var s = await Connected.StartAsync();
        var before = s.Run("Get-InfluxToken | ForEach-Object { $_.Id + $_.RawDescription + $_.Status }").AssertClean().Output.Select(o => o.ToString()).ToList();
        var r = s.Run(command);
        var error = Assert.Single(r.AllErrors);
        Assert.Equal(id, error.FullyQualifiedErrorId.Split(',')[0]);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Contains(says, error.Exception.Message, StringComparison.Ordinal);
        Assert.Equal(before, s.Run("Get-InfluxToken | ForEach-Object { $_.Id + $_.RawDescription + $_.Status }").AssertClean().Output.Select(o => o.ToString()));
    }

    [Theory]
    [MemberData(nameof(TestServer.EveryMode), MemberType = typeof(TestServer))]
    public async Task ExpiresIn_and_ExpiresAt_set_the_expiry(EmulatorMode mode)
    {
        await using var s = await Connected.StartAsync(mode);
        var r = s.Run("""
            $in = New-InfluxToken -Description exp-in @MintArgs -ExpiresIn 3h -Force
            $at = New-InfluxToken -Description exp-at @MintArgs -ExpiresAt ([datetime]::UtcNow.AddDays(2)) -Force
            ($in.ExpiresAt - [datetimeoffset]::UtcNow).TotalMinutes
            ($at.ExpiresAt - [datetimeoffset]::UtcNow).TotalHours
            (Get-InfluxToken -Description exp-in).TimeLeft.TotalMinutes
            """).AssertClean();
        var minutes = (double)r.Output[0].BaseObject;
        var hours = (double)r.Output[1].BaseObject;
        Assert.InRange(minutes, 175, 181);
        Assert.InRange(hours, 47.9, 48.1);
        Assert.InRange((double)r.Output[2].BaseObject, 175, 181);
    }

    [Fact]
    public async Task Piped_tokens_bind_as_objects_and_strings_and_csv_rows_bind_as_ids()
    {
        await using var s = await Connected.StartAsync();
        var r = s.Run("""
            1..3 | ForEach-Object { New-InfluxToken -Description "bind-$_" -Write my-bucket -Force } | Out-Null
            $t = Get-InfluxToken -Description bind-*
            $t[0] | Revoke-InfluxToken -WhatIf
            $t[1].Id | Revoke-InfluxToken -WhatIf
            [pscustomobject]@{ Id = $t[2].Id; Note = 'from a csv' } | Revoke-InfluxToken -WhatIf
            """).AssertClean();
        var whatIf = s.Host.Console;
        Assert.Contains("(bind-", whatIf, StringComparison.Ordinal); // the object's description is in the What-if text
        Assert.Equal(3, whatIf.Split("What if:").Length - 1);
        Assert.Equal(1, whatIf.Split(" (bind-").Length - 1); // strings and CSV ids have no description to show
        var ids = s.Run("$t | Revoke-InfluxToken -Force -PassThru").AssertClean().Output;
        Assert.Equal(3, ids.Count);
        Assert.All(ids, o => Assert.StartsWith("bind-", (string)o.Properties["Description"].Value, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(TestServer.EveryMode), MemberType = typeof(TestServer))]
    public async Task Revoking_an_id_that_names_no_token_is_an_error(EmulatorMode mode)
    {
        await using var s = await Connected.StartAsync(mode);
        var unknown = s.Server.IsV2 ? "0badc0de0badc0de" : mode is EmulatorMode.Core or EmulatorMode.Enterprise ? "no-such-token" : Guid.NewGuid().ToString();
        var r = s.Run("Revoke-InfluxToken -Id $id -Force -PassThru; $?", new Hashtable { ["id"] = unknown });
        Assert.Equal("InfluxNotFound,InfluxTokens.Commands.RevokeInfluxTokenCommand", Assert.Single(r.ErrorIds));
        Assert.Equal(ErrorCategory.ObjectNotFound, r.Errors[0].CategoryInfo.Category);
        Assert.Contains(unknown, r.Errors[0].Exception.Message, StringComparison.Ordinal);
        Assert.False((bool)r.Output.Single().BaseObject);
    }

    [Fact]
    public async Task A_deactivation_reads_Deactivated()
    {
        await using var s = await Connected.StartAsync();
        var r = s.Run("New-InfluxToken -Description deact -Write my-bucket -Force | Revoke-InfluxToken -Deactivate -Force -PassThru").AssertClean();
        Assert.Equal("Deactivated", r.Output.Single().Properties["Outcome"].Value.ToString());
        Assert.Equal("Inactive", s.Run("(Get-InfluxToken -Description deact).Status").AssertClean().Output.Single().ToString());
    }

    [Theory]
    [InlineData(EmulatorMode.Oss)]
    [InlineData(EmulatorMode.Cloud)]
    [InlineData(EmulatorMode.Dedicated)]
    [InlineData(EmulatorMode.Enterprise)]
    public async Task Get_piped_to_New_clones_description_and_permissions(EmulatorMode mode)
    {
        await using var s = await Connected.StartAsync(mode);
        var r = s.Run("""
            New-InfluxToken -Description original @MintArgs -Read $Container -ExpiresIn 1d -Force | Out-Null
            # InfluxDB 3 Core/Enterprise token names are unique: the clone needs its own.
            $rename = if ($Unique) { @{ Description = 'original-2' } } else { @{} }
            $clone = Get-InfluxToken -Description original | New-InfluxToken -ExpiresIn 2d -Force @rename
            $original = Get-InfluxToken -Description original | Where-Object Id -ne $clone.Id
            $clone.Description -eq $(if ($Unique) { 'original-2' } else { 'original' })
            $clone.Id -ne $original.Id
            ($clone.Permissions | Sort-Object) -join ',' 
            ($original.Permissions | Sort-Object) -join ','
            """, new Hashtable { ["Unique"] = mode == EmulatorMode.Enterprise }).AssertClean();
        Assert.True((bool)r.Output[0].BaseObject);
        Assert.True((bool)r.Output[1].BaseObject);
        Assert.Equal(r.Output[3].BaseObject, r.Output[2].BaseObject);
        Assert.NotEqual("", r.Output[2].BaseObject);
    }
}
