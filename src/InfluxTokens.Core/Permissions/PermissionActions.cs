using System;

namespace InfluxTokens.Permissions
{
    /// <summary>The actions' text, as every InfluxDB API and the permission grammar write it.</summary>
    public static class PermissionActions
    {
        public static string ToText(this PermissionAction action) => action == PermissionAction.Read ? "read" : "write";

        /// <summary>"read" or "write" (any case when <paramref name="ignoreCase"/>); false for anything else.</summary>
        public static bool TryParse(string? text, bool ignoreCase, out PermissionAction action)
        {
            var comparison = ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
            action = string.Equals(text, "write", comparison) ? PermissionAction.Write : PermissionAction.Read;
            return string.Equals(text, "read", comparison) || string.Equals(text, "write", comparison);
        }
    }
}
