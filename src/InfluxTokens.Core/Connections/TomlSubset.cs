using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace InfluxTokens.Connections
{
    /// <summary>One table of a TOML file: <c>[name]</c>, or one item of an array of tables <c>[[name]]</c>.</summary>
    internal sealed class TomlTable
    {
        public TomlTable(string name, bool isArrayItem, int line)
        {
            Name = name;
            IsArrayItem = isArrayItem;
            Line = line;
        }

        public string Name { get; }
        public bool IsArrayItem { get; }
        public int Line { get; }

        /// <summary>Strings, booleans and integers; arrays and inline tables are kept as their raw text.</summary>
        public Dictionary<string, object> Values { get; } = new Dictionary<string, object>(StringComparer.Ordinal);

        public string? String(string key) => Values.TryGetValue(key, out var v) ? v as string : null;
    }

    /// <summary>
    /// The part of TOML the influx and influxctl CLIs write: tables, arrays of tables, and keys with string,
    /// boolean, integer, array or inline-table values, with comments. A file outside it is reported with its
    /// line number — never its text, which may hold a token.
    /// </summary>
    internal static class TomlSubset
    {
        public static List<TomlTable> Parse(string text, Func<int, string, Exception> error)
        {
            var tables = new List<TomlTable>();
            TomlTable? current = null;
            var lineNo = 0;
            var depth = 0; // inside a multi-line array or inline table
            foreach (var raw in text.Replace("\r\n", "\n").Split('\n'))
            {
                lineNo++;
                var line = StripComment(raw, lineNo, error).Trim();
                if (line.Length == 0) continue;
                if (depth > 0)
                {
                    depth += Balance(line);
                    continue;
                }

                if (line[0] == '[')
                {
                    var array = line.StartsWith("[[", StringComparison.Ordinal);
                    var close = array ? "]]" : "]";
                    if (!line.EndsWith(close, StringComparison.Ordinal)) throw error(lineNo, "expected a table header such as [default]");
                    var name = line.Substring(array ? 2 : 1, line.Length - (array ? 4 : 2)).Trim();
                    if (name.StartsWith("\"", StringComparison.Ordinal)) name = ReadString(name, lineNo, error);
                    if (name.Length == 0) throw error(lineNo, "the table name is empty");
                    current = new TomlTable(name, array, lineNo);
                    tables.Add(current);
                    continue;
                }

                var eq = line.IndexOf('=');
                if (eq <= 0) throw error(lineNo, "expected 'key = value'");
                if (current is null) throw error(lineNo, "a setting comes before any [table] header");
                var key = line.Substring(0, eq).Trim();
                foreach (var c in key)
                    if (!(char.IsLetterOrDigit(c) || c == '_' || c == '-')) throw error(lineNo, "expected 'key = value'");
                var value = line.Substring(eq + 1).Trim();
                if (current.Values.ContainsKey(key)) throw error(lineNo, "'" + key + "' is set twice in one table");
                if (value.StartsWith("[", StringComparison.Ordinal) || value.StartsWith("{", StringComparison.Ordinal))
                {
                    current.Values[key] = value;
                    depth = Balance(value);
                }
                else if (value == "true" || value == "false") current.Values[key] = value == "true";
                else if (long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)) current.Values[key] = number;
                else current.Values[key] = ReadString(value, lineNo, error);
            }

            if (depth > 0) throw error(lineNo, "an array or inline table is not closed");
            return tables;
        }

        private static int Balance(string s)
        {
            var depth = 0;
            var inString = false;
            foreach (var c in s)
            {
                if (c == '"' || c == '\'') inString = !inString;
                else if (!inString && (c == '[' || c == '{')) depth++;
                else if (!inString && (c == ']' || c == '}')) depth--;
            }

            return depth;
        }

        private static string StripComment(string line, int lineNo, Func<int, string, Exception> error)
        {
            var inString = false;
            var quote = '\0';
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

            if (inString) throw error(lineNo, "a quoted value is not closed");
            return line;
        }

        private static string ReadString(string value, int lineNo, Func<int, string, Exception> error)
        {
            if (value.Length >= 2 && value[0] == '\'')
            {
                var end = value.IndexOf('\'', 1);
                if (end < 0) throw error(lineNo, "a quoted value is not closed");
                if (value.Substring(end + 1).Trim().Length > 0) throw error(lineNo, "unexpected text after the quoted value");
                return value.Substring(1, end - 1);
            }

            if (value.Length < 2 || value[0] != '"') throw error(lineNo, "expected a quoted string, true, false or a number");
            var sb = new StringBuilder();
            for (var i = 1; i < value.Length; i++)
            {
                var c = value[i];
                if (c == '"')
                {
                    if (value.Substring(i + 1).Trim().Length > 0) throw error(lineNo, "unexpected text after the quoted value");
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
                    default: throw error(lineNo, "unknown escape '\\" + value[i] + "'");
                }
            }

            throw error(lineNo, "a quoted value is not closed");
        }
    }
}
