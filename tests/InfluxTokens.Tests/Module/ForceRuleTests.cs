using InfluxTokens.Commands;

namespace InfluxTokens.Tests.Module;

public class ForceRuleTests
{
    [Theory]
    [InlineData(true, false, false, true)]   // -Force: no prompt
    [InlineData(false, false, false, false)] // no -Force: ShouldProcess decides (and prompts at High impact)
    [InlineData(true, true, false, false)]   // -Force -WhatIf, or $WhatIfPreference = $true: still only described
    [InlineData(true, null, false, false)]   // a WhatIf value that cannot be read counts as on
    [InlineData(true, false, true, false)]   // -Force -Confirm: the typed -Confirm still asks
    public void Force_skips_the_prompt_and_nothing_else(bool force, bool? whatIf, bool confirmTyped, bool skips) =>
        Assert.Equal(skips, ForceRule.SkipsShouldProcess(force, whatIf, confirmTyped));
}
