using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;

namespace InfluxTokens.Connections
{
    /// <summary>One profile of the influx CLI's config file (<c>influx config create</c>).</summary>
    public sealed class InfluxCliProfile
    {
        public InfluxCliProfile(string name) => Name = name;

        public string Name { get; }
        public string? Url { get; internal set; }
        public string? Token { get; internal set; }
        public string? Org { get; internal set; }
        public bool Active { get; internal set; }
    }

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
            InfluxCliProfile? current = null;
            var lineNo = 0;
            foreach (var raw in text.Replace("\r\n", "\n").Split('\n'))
            {
                lineNo++;
                var line = StripComment(raw, source, lineNo).Trim();
                if (line.Length == 0) continue;
                if (line[0] == '[')
                {
                    if (!line.EndsWith("]", StringComparison.Ordinal) || line.StartsWith("[[", StringComparison.Ordinal))
                        throw Bad(source, lineNo, "expected a profile header such as [default]");
                    var name = line.Substring(1, line.Length - 2).Trim();
                    if (name.StartsWith("\"", StringComparison.Ordinal)) name = ReadString(name, source, lineNo, out _);
                    if (name.Length == 0) throw Bad(source, lineNo, "the profile name is empty");
                    if (profiles.Any(p => p.Name == name)) throw Bad(source, lineNo, "profile [" + name + "] appears twice");
                    current = new InfluxCliProfile(name);
                    profiles.Add(current);
                    continue;
                }

                var eq = line.IndexOf('=');
                if (eq <= 0) throw Bad(source, lineNo, "expected 'key = value'");
                if (current is null) throw Bad(source, lineNo, "a setting comes before any [profile] header");
                var key = line.Substring(0, eq).Trim();
                if (!key.All(c => char.IsLetterOrDigit(c) || c == '_' || c == '-')) throw Bad(source, lineNo, "expected 'key = value'");
                var value = line.Substring(eq + 1).Trim();
                switch (key)
                {
                    case "url": current.Url = ReadString(value, source, lineNo, out _); break;
                    case "token": current.Token = ReadString(value, source, lineNo, out _); break;
                    case "org": current.Org = ReadString(value, source, lineNo, out _); break;
                    case "active": current.Active = ReadBool(value, source, lineNo); break;
                    case "previous": ReadBool(value, source, lineNo); break;
                    case "cookie": ReadString(value, source, lineNo, out _); break;
                    default: break; // a newer CLI may add keys; they do not concern connections
                }
            }

            return profiles;
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
                       ?? throw new InfluxTokensException(InfluxErrorKind.InvalidRequest,
                           "INFLUX_ACTIVE_CONFIG names the profile '" + activeName + "', which " + source + " does not have; it has: "
                           + (profiles.Count == 0 ? "no profiles" : string.Join(", ", profiles.Select(p => p.Name))) + ".");
            }

            var active = profiles.Where(p => p.Active).ToList();
            if (active.Count > 1)
                throw new InfluxTokensException(InfluxErrorKind.InvalidRequest,
                    source + " marks more than one profile active (" + string.Join(", ", active.Select(p => p.Name)) + "); run 'influx config <name>' to pick one.");
            return active.FirstOrDefault() ?? profiles.FirstOrDefault();
        }

        private static string StripComment(string line, string source, int lineNo)
        {
            var inString = false;
            char quote = '\0';
            for (var i = 0; i < line.Length; i++)
            {
                var c = line[i];
                if (inString)
                {
                    if (c == '\\' && quote == '"') i++;
                    else if (c == quote) inString = false;
                }
                else if (c == '"' || c == '\'') { inString = true; quote = c; }
                else if (c == '#') return line.Substring(0, i);
            }

            if (inString) throw Bad(source, lineNo, "a quoted value is not closed");
            return line;
        }

        private static string ReadString(string value, string source, int lineNo, out int consumed)
        {
            if (value.Length >= 2 && value[0] == '\'' )
            {
                var end = value.IndexOf('\'', 1);
                if (end < 0) throw Bad(source, lineNo, "a quoted value is not closed");
                consumed = end + 1;
                return value.Substring(1, end - 1);
            }

            if (value.Length < 2 || value[0] != '"') throw Bad(source, lineNo, "expected a quoted string");
            var sb = new StringBuilder();
            for (var i = 1; i < value.Length; i++)
            {
                var c = value[i];
                if (c == '"')
                {
                    consumed = i + 1;
                    if (value.Substring(consumed).Trim().Length > 0) throw Bad(source, lineNo, "unexpected text after the quoted value");
                    return sb.ToString();
                }

                if (c != '\\') { sb.Append(c); continue; }
                if (++i >= value.Length) break;
                switch (value[i])
                {
                    case '"': sb.Append('"'); break;
                    case '\\': sb.Append('\\'); break;
                    case 'n': sb.Append('\n'); break;
                    case 't': sb.Append('\t'); break;
                    case 'r': sb.Append('\r'); break;
                    case 'u' when i + 4 < value.Length && ushort.TryParse(value.Substring(i + 1, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var u):
                        sb.Append((char)u);
                        i += 4;
                        break;
                    default: throw Bad(source, lineNo, "unknown escape '\\" + value[i] + "'");
                }
            }

            throw Bad(source, lineNo, "a quoted value is not closed");
        }

        private static bool ReadBool(string value, string source, int lineNo) => value switch
        {
            "true" => true,
            "false" => false,
            _ => throw Bad(source, lineNo, "expected true or false"),
        };

        // The line itself is never quoted: it may hold a token.
        private static InfluxTokensException Bad(string source, int lineNo, string what) =>
            new InfluxTokensException(InfluxErrorKind.InvalidRequest,
                "The influx CLI config " + source + " cannot be read at line " + lineNo.ToString(CultureInfo.InvariantCulture) + ": " + what
                + ". Fix or remove the file (influx config rm), or set INFLUX_HOST and INFLUX_TOKEN instead.");
    }
}
