using System.Text;

namespace InfluxTokens.Tests.Module;

/// <summary>
/// Reads the literal subset of PowerShell data files a module manifest uses — <c>@{}</c>, <c>@()</c>,
/// quoted and here-strings, <c>$true/$false/$null</c>, comments — so the manifest can be checked without
/// Test-ModuleManifest. Anything else (a variable, a command) is an error: a manifest must stay literal.
/// </summary>
public sealed class Psd1
{
    private readonly string _s;
    private int _i;

    private Psd1(string text) => _s = text;

    public static Dictionary<string, object?> Parse(string text)
    {
        var p = new Psd1(text);
        p.Skip();
        var value = p.Value();
        p.Skip();
        if (p._i != p._s.Length) throw p.Error("unexpected text after the manifest");
        return value as Dictionary<string, object?> ?? throw p.Error("the manifest is not a hashtable");
    }

    private object? Value()
    {
        Skip();
        if (At("@{")) return Hashtable();
        if (At("@(")) return Array();
        if (At("@'")) return HereString();
        if (At("'")) return SingleQuoted();
        if (At("\"")) return DoubleQuoted();
        foreach (var (word, v) in new (string, object?)[] { ("$true", true), ("$false", false), ("$null", null) })
        {
            if (string.Compare(_s, _i, word, 0, word.Length, StringComparison.OrdinalIgnoreCase) == 0) { _i += word.Length; return v; }
        }

        throw Error("expected a literal value");
    }

    private Dictionary<string, object?> Hashtable()
    {
        _i += 2;
        var table = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        while (true)
        {
            Skip(newlines: true);
            if (At("}")) { _i++; return table; }
            var key = At("'") ? SingleQuoted() : Word();
            Skip();
            if (!At("=")) throw Error($"expected '=' after key {key}");
            _i++;
            if (!table.TryAdd(key, Value())) throw Error($"key {key} appears twice");
            Skip();
            if (At(";")) _i++;
        }
    }

    private List<object?> Array()
    {
        _i += 2;
        var list = new List<object?>();
        while (true)
        {
            Skip(newlines: true);
            if (At(")")) { _i++; return list; }
            list.Add(Value());
            Skip();
            if (At(",")) _i++;
        }
    }

    private string SingleQuoted()
    {
        var sb = new StringBuilder();
        _i++;
        while (_i < _s.Length)
        {
            if (_s[_i] == '\'')
            {
                if (_i + 1 < _s.Length && _s[_i + 1] == '\'') { sb.Append('\''); _i += 2; continue; }
                _i++;
                return sb.ToString();
            }

            sb.Append(_s[_i++]);
        }

        throw Error("unterminated string");
    }

    private string DoubleQuoted()
    {
        var end = _s.IndexOf('"', _i + 1);
        if (end < 0) throw Error("unterminated string");
        var text = _s.Substring(_i + 1, end - _i - 1);
        if (text.Contains('$') || text.Contains('`')) throw Error("a double-quoted string with expansion is not literal");
        _i = end + 1;
        return text;
    }

    private string HereString()
    {
        var start = _s.IndexOf('\n', _i) + 1;
        var end = _s.IndexOf("\n'@", start, StringComparison.Ordinal);
        if (start <= 0 || end < 0) throw Error("unterminated here-string");
        _i = end + 3;
        return _s.Substring(start, end - start).TrimEnd('\r');
    }

    private string Word()
    {
        var start = _i;
        while (_i < _s.Length && (char.IsLetterOrDigit(_s[_i]) || _s[_i] == '_')) _i++;
        if (_i == start) throw Error("expected a key");
        return _s.Substring(start, _i - start);
    }

    private void Skip(bool newlines = true)
    {
        while (_i < _s.Length)
        {
            if (char.IsWhiteSpace(_s[_i]) && (newlines || _s[_i] != '\n')) _i++;
            else if (At("<#")) _i = _s.IndexOf("#>", _i, StringComparison.Ordinal) is var e and >= 0 ? e + 2 : throw Error("unterminated comment");
            else if (_s[_i] == '#') { while (_i < _s.Length && _s[_i] != '\n') _i++; }
            else break;
        }
    }

    private bool At(string token) => string.CompareOrdinal(_s, _i, token, 0, token.Length) == 0;

    private FormatException Error(string what) =>
        new($"manifest line {_s.Take(_i).Count(c => c == '\n') + 1}: {what}");
}
