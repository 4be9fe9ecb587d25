using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;

namespace InfluxTokens.Connections
{
    /// <summary>
    /// Reads the influx CLI's config file (<c>~/.influxdbv2/configs</c>): TOML tables of <c>url</c>, <c>token</c>,
    /// <c>org</c>, <c>active</c>, as influx-cli writes them. Only that subset of TOML is read; a file outside it
    /// is reported with its line number rather than half-read.
    /// </summary>
    public static class InfluxCliConfig
    {
        /// <summary>Where the CLI keeps its configs: <c>$INFLUX_CONFIGS_PATH</c>, else <c>~/.influxdbv2/configs</c>.</summary>
        public static string? DefaultPath(Func<string, string?> env, string? home)
        {
            var explicitPath = env("INFLUX_CONFIGS_PATH");
            if (!string.IsNullOrWhiteSpace(explicitPath)) return explicitPath;
            return string.IsNullOrEmpty(home) ? null : Path.Combine(home, ".influxdbv2", "configs");
        }

        /// <summary>The profiles of a config file, in file order.</summary>
        /// <exception cref="InfluxTokensException">The file is not a config the CLI writes; the message names file and line.</exception>
        public static IReadOnlyList<InfluxCliProfile> Parse(string text, string source)
        {
            var profiles = new List<InfluxCliProfile>();
            foreach (var table in TomlSubset.Parse(text, (line, what) => Bad(source, line, what)))
            {
                if (table.IsArrayItem) throw Bad(source, table.Line, "expected a profile header such as [default]");
                if (profiles.Any(p => p.Name == table.Name)) throw Bad(source, table.Line, "profile [" + table.Name + "] appears twice");
                var profile = new InfluxCliProfile(table.Name);
                object? v;
                profile.Url = Text(table, "url", source);
                profile.Token = Text(table, "token", source);
                profile.Org = Text(table, "org", source);
                if (table.Values.TryGetValue("active", out v))
                    profile.Active = v as bool? ?? throw Bad(source, table.Line, "'active' in [" + table.Name + "] must be true or false");
                profiles.Add(profile);
            }

            return profiles;
        }

        private static string? Text(TomlTable table, string key, string source) =>
            !table.Values.TryGetValue(key, out var v) ? null
            : v as string ?? throw Bad(source, table.Line, "'" + key + "' in [" + table.Name + "] must be a quoted string");

        /// <summary>An environment variable naming a profile the file does not have: says which it has.</summary>
        internal static InfluxTokensException NoSuchProfile(string variable, string name, string source, IEnumerable<string> names)
        {
            var known = names.ToList();
            return new InfluxTokensException(InfluxErrorKind.InvalidRequest,
                variable + " names the profile '" + name + "', which " + source + " does not have; it has: "
                + (known.Count == 0 ? "no profiles" : string.Join(", ", known)) + ".");
        }

        /// <summary>
        /// The profile the CLI would use: the one <c>INFLUX_ACTIVE_CONFIG</c> names, else the one marked active,
        /// else the first.
        /// </summary>
        public static InfluxCliProfile? Select(IReadOnlyList<InfluxCliProfile> profiles, string? activeName, string source)
        {
            if (!string.IsNullOrWhiteSpace(activeName))
            {
                return profiles.FirstOrDefault(p => p.Name == activeName)
                       ?? throw NoSuchProfile("INFLUX_ACTIVE_CONFIG", activeName!, source, profiles.Select(p => p.Name));
            }

            var active = profiles.Where(p => p.Active).ToList();
            if (active.Count > 1)
                throw new InfluxTokensException(InfluxErrorKind.InvalidRequest,
                    source + " marks more than one profile active (" + string.Join(", ", active.Select(p => p.Name)) + "); run 'influx config <name>' to pick one.");
            return active.Count > 0 ? active[0] : profiles.Count > 0 ? profiles[0] : null;
        }

        // The line itself is never quoted: it may hold a token.
        private static InfluxTokensException Bad(string source, int lineNo, string what) =>
            new InfluxTokensException(InfluxErrorKind.InvalidRequest,
                "The influx CLI config " + source + " cannot be read at line " + lineNo.ToString(CultureInfo.InvariantCulture) + ": " + what
                + ". Fix or remove the file (influx config rm), or set INFLUX_HOST and INFLUX_TOKEN instead.");
    }
}
