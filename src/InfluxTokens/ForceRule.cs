namespace InfluxTokens.Commands
{
    /// <summary>
    /// How -Force meets -WhatIf and -Confirm: -Force skips the confirmation prompt and nothing else, so a
    /// -WhatIf (typed, or $WhatIfPreference) still changes nothing and a typed -Confirm still asks.
    /// </summary>
    public static class ForceRule
    {
        /// <param name="force">-Force was given.</param>
        /// <param name="whatIf">The effective -WhatIf; null when it could not be read, which counts as on.</param>
        /// <param name="confirmTyped">-Confirm was typed (and not as -Confirm:$false).</param>
        public static bool SkipsShouldProcess(bool force, bool? whatIf, bool confirmTyped) =>
            force && whatIf == false && !confirmTyped;
    }
}
