using System.Collections;
using InfluxDB.Emulator;
using InfluxTokens.Module.Tests.Infrastructure;

namespace InfluxTokens.Module.Tests.Cmdlets;

/// <summary>What a user sees: format views at 80 and 120 columns, exports, help as Get-Help renders it, tab completion.</summary>
public class OutputTests
{
    [Theory]
    [MemberData(nameof(TestServer.EveryMode), MemberType = typeof(TestServer))]
    public async Task Views_show_time_left_and_never_cut_ids_at_80_or_120_columns(EmulatorMode mode)
    {
        await using var s = await Connected.StartAsync(mode);
        var r = s.Run("""
            $t = New-InfluxToken -Description 'a-fairly-long-description-for-a-sensor' @MintArgs -ExpiresIn 3d -Force
            $listed = Get-InfluxToken -Id $t.Id
            $revoked = $listed | Revoke-InfluxToken -Force -PassThru
            foreach ($w in 80, 120) { ($listed | Out-String -Width $w); ($revoked | Out-String -Width $w) }
            $t.Id
            """).AssertClean();
        var id = (string)r.Output.Last().BaseObject;
        for (var i = 0; i < 4; i++)
        {
            var text = (string)r.Output[i].BaseObject;
            var width = i < 2 ? 80 : 120;
            Assert.Contains(id, text, StringComparison.Ordinal); // whole, on one line
            Assert.All(text.Split('\n'), line => Assert.True(line.TrimEnd().Length <= width, $"line wider than {width}: {line}"));
        }

        Assert.Matches(@"\b(2d 23h|3d 0h)\b", (string)r.Output[0].BaseObject); // the lease and its time left
        Assert.Contains("Revoked", (string)r.Output[1].BaseObject, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_value_asked_for_in_plain_text_is_shown_by_the_default_view_and_a_SecureString_is_not()
    {
        await using var s = await Connected.StartAsync();
        var r = s.Run("""
            $plain = New-InfluxToken -Description plain -Write my-bucket -AsPlainText -Force
            $secure = New-InfluxToken -Description secure -Write my-bucket -Force
            $plain | Out-String -Width 120
            $secure | Out-String -Width 120
            $plain.Token
            [System.Net.NetworkCredential]::new('', $secure.Token).Password
            """).AssertClean();
        Assert.Contains((string)r.Output[2].BaseObject, (string)r.Output[0].BaseObject, StringComparison.Ordinal);
        Assert.DoesNotContain((string)r.Output[3].BaseObject, (string)r.Output[1].BaseObject, StringComparison.Ordinal);
        Assert.Contains("(SecureString)", (string)r.Output[1].BaseObject, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Control_characters_in_a_description_never_reach_the_terminal()
    {
        await using var s = await Connected.StartAsync();
        var r = s.Run("""
            New-InfluxToken -Description "evil`e[31mred`a`0" -Write my-bucket -Force | Out-Null
            Get-InfluxToken -Description evil* | Out-String -Width 120
            Get-InfluxToken -Description evil* | Revoke-InfluxToken -Force -PassThru | Out-String -Width 120
            """).AssertClean();
        foreach (var o in r.Output)
        {
            var text = (string)o.BaseObject;
            Assert.Contains("evil?[31mred??", text, StringComparison.Ordinal);
            Assert.DoesNotContain('\u001b', text.Replace("\u001b[", "", StringComparison.Ordinal).Where(c => c == '\u001b'));
            Assert.DoesNotContain("\u0007", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Permissions_and_Risk_read_well_in_csv_and_json()
    {
        await using var s = await Connected.StartAsync();
        var r = s.Run("""
            New-InfluxToken -Description csv -Write my-bucket -Read my-bucket -Force | Out-Null
            $t = Get-InfluxToken -Description csv
            ($t | ConvertTo-Csv | ConvertFrom-Csv).Permissions
            ($t | ConvertTo-Csv | ConvertFrom-Csv).Risk
            ($t | ConvertTo-Json -Depth 4 | ConvertFrom-Json).Risk -join ','
            """).AssertClean();
        var permissions = (string)r.Output[0].BaseObject;
        Assert.Contains("write:orgs/my-org/buckets/my-bucket", permissions, StringComparison.Ordinal);
        Assert.Contains("read:orgs/my-org/buckets/my-bucket", permissions, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", permissions, StringComparison.Ordinal);
        Assert.Equal("NoExpiry", r.Output[1].BaseObject);
        Assert.Equal("NoExpiry", r.Output[2].BaseObject);
    }

    [Fact]
    public void Help_renders_syntax_risk_parameters_switches_examples_and_notes()
    {
        using var ps = new PsSession();
        var commands = ps.Run("(Get-Command -Module InfluxTokens).Name").AssertClean().Output.Select(o => (string)o.BaseObject).ToList();
        Assert.Equal(8, commands.Count);
        foreach (var name in commands)
        {
            var r = ps.Run("""
                $h = Get-Help $name -Full
                ($h.syntax | Out-String -Width 400)
                (Get-Help $name -Examples | Out-String -Width 200)
                ($h.alertSet | Out-String).Trim()
                $h.Parameters.parameter.name -join ','
                [bool](Get-Command $name).Parameters['WhatIf']
                """, new Hashtable { ["name"] = name }).AssertClean();
            var syntax = (string)r.Output[0].BaseObject;
            var examples = (string)r.Output[1].BaseObject;
            var notes = (string)r.Output[2].BaseObject;
            var parameters = ((string)r.Output[3].BaseObject).Split(',');
            var shouldProcess = (bool)r.Output[4].BaseObject;

            Assert.DoesNotContain("<SwitchParameter>", syntax, StringComparison.Ordinal);
            Assert.Equal(shouldProcess, syntax.Contains("[-WhatIf]", StringComparison.Ordinal) && syntax.Contains("[-Confirm]", StringComparison.Ordinal));
            Assert.Equal(shouldProcess, parameters.Contains("WhatIf") && parameters.Contains("Confirm"));
            if (examples.Contains("Example 2", StringComparison.Ordinal))
                Assert.Matches(@"\.\s*\r?\n\s*\r?\n\s*-{10,} Example 2", examples); // a blank line between examples
            Assert.True(notes.Length > 40, name + " has no notes");
        }

        Assert.Contains("Shows what would happen", (string)ps.Run("Get-Help Revoke-InfluxToken -Parameter WhatIf | Out-String").AssertClean().Output[0].BaseObject, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tab_completes_descriptions_ids_and_buckets_from_the_server()
    {
        await using var s = await Connected.StartAsync();
        s.Run("'sensor-1', 'sensor-2', 'gateway' | ForEach-Object { New-InfluxToken -Description $_ -Write my-bucket -Force } | Out-Null").AssertClean();
        string[] Complete(string line) => s.Run("(TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText", new Hashtable { ["line"] = line })
            .AssertClean().Output.Select(o => (string)o.BaseObject).ToArray();

        foreach (var command in new[] { "Get-InfluxToken -Description sens", "Set-InfluxToken -Description sens", "Invoke-InfluxTokenSweep -Description sens", "Get-InfluxToken sens" })
            Assert.Equal(new[] { "sensor-1", "sensor-2" }, Complete(command));
        Assert.Equal(new[] { "my-bucket" }, Complete("New-InfluxToken -Write my-b"));
        var ids = Complete("Revoke-InfluxToken -Id ");
        Assert.Equal(4, ids.Length); // three minted and the setup token
    }
}
