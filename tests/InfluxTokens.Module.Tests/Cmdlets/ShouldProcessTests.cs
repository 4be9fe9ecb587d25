using InfluxTokens.Module.Tests.Infrastructure;

namespace InfluxTokens.Module.Tests.Cmdlets;

/// <summary>-WhatIf, -Confirm (answered at the test host's prompt), $WhatIfPreference, $ConfirmPreference and -Force, as a user meets them.</summary>
public class ShouldProcessTests
{
    private static async Task<Connected> WithTokensAsync(int count)
    {
        var s = await Connected.StartAsync();
        s.Run($"1..{count} | ForEach-Object {{ New-InfluxToken -Description \"sp-$_\" -Write my-bucket -Force }} | Out-Null").AssertClean();
        return s;
    }

    private static int Left(Connected s) => s.Run("@(Get-InfluxToken -Description sp-*).Count").AssertClean().Output.Single().BaseObject is int n ? n : -1;

    [Fact]
    public async Task WhatIf_revokes_nothing_and_says_what_it_would_do()
    {
        await using var s = await WithTokensAsync(3);
        s.Run("Get-InfluxToken -Description sp-* | Revoke-InfluxToken -WhatIf").AssertClean();
        Assert.Equal(3, Left(s));
        Assert.Equal(3, s.Host.Console.Split("What if: Performing the operation \"Delete (cannot be undone)\" on target \"token ").Length - 1);
    }

    [Fact]
    public async Task Revoke_asks_before_each_token_and_does_only_what_was_answered_yes()
    {
        await using var s = await WithTokensAsync(3);
        foreach (var a in new[] { "N", "Y", "N" }) s.Host.Answers.Enqueue(a);
        var r = s.Run("Get-InfluxToken -Description sp-* | Sort-Object Description | Revoke-InfluxToken -PassThru").AssertClean();
        Assert.Equal(3, s.Host.Prompts.Count);
        Assert.All(s.Host.Prompts, p => Assert.Contains("Delete (cannot be undone)", p.Message, StringComparison.Ordinal));
        Assert.Equal("sp-2", (string)r.Output.Single().Properties["Description"].Value);
        Assert.Equal(2, Left(s));
    }

    [Fact]
    public async Task No_to_all_stops_asking_and_revokes_nothing()
    {
        await using var s = await WithTokensAsync(3);
        s.Host.Answers.Enqueue("L");
        s.Run("Get-InfluxToken -Description sp-* | Revoke-InfluxToken").AssertClean();
        Assert.Single(s.Host.Prompts);
        Assert.Equal(3, Left(s));
    }

    [Fact]
    public async Task Force_skips_the_prompt_but_never_a_WhatIf_preference()
    {
        await using var s = await WithTokensAsync(2);
        s.Run("$WhatIfPreference = $true; Get-InfluxToken -Description sp-* | Revoke-InfluxToken -Force; $WhatIfPreference = $false").AssertClean();
        Assert.Equal(2, Left(s));
        Assert.Empty(s.Host.Prompts);

        s.Run("Get-InfluxToken -Description sp-* | Revoke-InfluxToken -Force").AssertClean();
        Assert.Empty(s.Host.Prompts);
        Assert.Equal(0, Left(s));
    }

    [Fact]
    public async Task Force_reads_the_WhatIf_preference_once_per_command_as_PowerShells_own_cmdlets_do()
    {
        await using var s = await WithTokensAsync(3);
        // Upstream turns $WhatIfPreference on after the first item. PowerShell's own cmdlets read the preference once per
        // command (New-Item creates all three files); the module's -Force does the same, not once per item.
        const string SwitchAfterFirst = "ForEach-Object -Begin { $i = 0 } -Process { if (++$i -eq 2) { $WhatIfPreference = $true }; $_ }";
        var dir = Directory.CreateTempSubdirectory("influxtokens-whatif-");
        try
        {
            s.Run($"'a','b','c' | ForEach-Object {{ [pscustomobject]@{{ Path = Join-Path '{dir.FullName}' $_ }} }} | {SwitchAfterFirst} | New-Item -ItemType File | Out-Null; $WhatIfPreference = $false").AssertClean();
            Assert.Equal(3, dir.GetFiles().Length);
        }
        finally
        {
            dir.Delete(recursive: true);
        }

        s.Run($"Get-InfluxToken -Description sp-* | Sort-Object Description | {SwitchAfterFirst} | Revoke-InfluxToken -Force; $WhatIfPreference = $false").AssertClean();
        Assert.Equal(0, Left(s));
    }

    [Fact]
    public async Task A_typed_Confirm_asks_even_with_Force()
    {
        await using var s = await WithTokensAsync(1);
        s.Host.Answers.Enqueue("N");
        s.Run("Get-InfluxToken -Description sp-* | Revoke-InfluxToken -Force -Confirm").AssertClean();
        Assert.Single(s.Host.Prompts);
        Assert.Equal(1, Left(s));
    }

    [Fact]
    public async Task ConfirmPreference_decides_who_asks()
    {
        await using var s = await WithTokensAsync(1);
        // None: nothing asks, not even the high-impact revoke.
        s.Run("$ConfirmPreference = 'None'; Get-InfluxToken -Description sp-* | Revoke-InfluxToken; $ConfirmPreference = 'High'").AssertClean();
        Assert.Empty(s.Host.Prompts);
        Assert.Equal(0, Left(s));

        // Medium: New-InfluxToken (medium impact) asks; -Force does not.
        s.Host.Answers.Enqueue("N");
        s.Run("$ConfirmPreference = 'Medium'; New-InfluxToken -Description sp-new -Write my-bucket; New-InfluxToken -Description sp-forced -Write my-bucket -Force | Out-Null; $ConfirmPreference = 'High'").AssertClean();
        Assert.Single(s.Host.Prompts);
        Assert.Contains("sp-new", s.Host.Prompts[0].Message, StringComparison.Ordinal);
        Assert.Equal(new[] { "sp-forced" }, s.Run("(Get-InfluxToken -Description sp-*).Description").AssertClean().Output.Select(o => (string)o.BaseObject));
    }

    [Theory]
    [InlineData("Set-InfluxToken -Description renamed", "Set")]
    [InlineData("Invoke-InfluxTokenRotation -NoOverlap", "Mint a replacement")]
    public async Task Every_changing_cmdlet_honours_WhatIf(string command, string action)
    {
        await using var s = await WithTokensAsync(1);
        var before = s.Run("Get-InfluxToken -Description sp-* | Select-Object Id, Description").AssertClean().Output.Single();
        s.Run("Get-InfluxToken -Description sp-* | " + command + " -WhatIf").AssertClean();
        Assert.Contains("What if: Performing the operation \"" + action, s.Host.Console, StringComparison.Ordinal);
        var after = s.Run("Get-InfluxToken | Where-Object Description -like 'sp-*' | Select-Object Id, Description").AssertClean().Output.Single();
        Assert.Equal(before.Properties["Id"].Value, after.Properties["Id"].Value);
        Assert.Equal(before.Properties["Description"].Value, after.Properties["Description"].Value);
    }

    [Fact]
    public async Task The_sweep_asks_per_token_and_WhatIf_revokes_nothing()
    {
        await using var s = await Connected.StartAsync();
        s.Run("1..2 | ForEach-Object { New-InfluxToken -Description \"sp-$_\" -Write my-bucket -ExpiresIn 1s -Force } | Out-Null; Start-Sleep -Milliseconds 1200").AssertClean();
        s.Run("Invoke-InfluxTokenSweep -WhatIf").AssertClean();
        Assert.Equal(2, Left(s));
        s.Host.Answers.Enqueue("N");
        s.Host.Answers.Enqueue("Y");
        var r = s.Run("Invoke-InfluxTokenSweep").AssertClean();
        Assert.Equal(2, s.Host.Prompts.Count);
        Assert.Equal(1, Left(s));
    }
}
