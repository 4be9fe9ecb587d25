using System.Text.RegularExpressions;

namespace InfluxTokens.HelpBuilder;

/// <summary>One parameter's yaml block: how it binds in the sets it names.</summary>
public sealed record ParameterBlock(
    string Type, IReadOnlyList<string> ParameterSets, IReadOnlyList<string> Aliases, IReadOnlyList<string> AcceptedValues,
    bool Required, string Position, string DefaultValue, string PipelineInput, bool Wildcards);

public sealed record ParameterHelp(string Name, string Description, IReadOnlyList<ParameterBlock> Blocks);

public sealed record ExampleHelp(string Title, string Introduction, string Code, string Remarks);

public sealed record TypeHelp(string Name, string Description);

/// <summary>A cmdlet's help page in platyPS's markdown schema 2.0.0.</summary>
public sealed record CommandHelp(
    IReadOnlyDictionary<string, string> FrontMatter,
    string Name,
    string Synopsis,
    IReadOnlyList<(string Set, bool IsDefault, string Syntax)> Syntax,
    string Description,
    IReadOnlyList<ExampleHelp> Examples,
    IReadOnlyList<ParameterHelp> Parameters,
    bool CommonParameters,
    IReadOnlyList<TypeHelp> Inputs,
    IReadOnlyList<TypeHelp> Outputs,
    string Notes,
    IReadOnlyList<(string Text, string Uri)> Links)
{
    public string Verb => Name.Split('-')[0];
    public string Noun => Name.Split('-', 2)[1];
}

/// <summary>
/// Reads platyPS v1 markdown (schema 2.0.0): front matter, <c># Name</c>, then level-2 sections SYNOPSIS,
/// SYNTAX, DESCRIPTION, EXAMPLES, PARAMETERS (each <c>### -Name</c>, prose, one or more yaml blocks),
/// INPUTS, OUTPUTS, NOTES, RELATED LINKS. A page that breaks the schema is an error naming the page and line.
/// </summary>
public static class MarkdownHelp
{
    private static readonly string[] Sections = { "SYNOPSIS", "SYNTAX", "DESCRIPTION", "EXAMPLES", "PARAMETERS", "INPUTS", "OUTPUTS", "NOTES", "RELATED LINKS" };

    public static CommandHelp Parse(string text, string source)
    {
        var lines = text.Replace("\r\n", "\n").Split('\n');
        var i = 0;
        FormatException Bad(string what) => new($"{source}:{i + 1}: {what}");

        var front = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (lines[0] != "---") throw Bad("a page starts with '---' front matter");
        for (i = 1; i < lines.Length && lines[i] != "---"; i++)
        {
            var colon = lines[i].IndexOf(':');
            if (colon <= 0) throw Bad("front matter lines are 'key: value'");
            front[lines[i][..colon].Trim()] = lines[i][(colon + 1)..].Trim();
        }

        if (i >= lines.Length) throw Bad("the front matter is not closed");
        i++;
        while (i < lines.Length && lines[i].Trim().Length == 0) i++;
        if (i >= lines.Length || !lines[i].StartsWith("# ")) throw Bad("expected '# <Cmdlet-Name>'");
        var name = lines[i][2..].Trim();
        i++;

        // Split into level-2 sections.
        var sections = new Dictionary<string, (int Start, List<string> Lines)>();
        string? current = null;
        var inCode = false;
        for (; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.StartsWith("```")) inCode = !inCode;
            if (!inCode && line.StartsWith("## "))
            {
                current = line[3..].Trim();
                if (!Sections.Contains(current)) throw Bad($"unknown section '{current}'; platyPS sections are: {string.Join(", ", Sections)}");
                if (sections.ContainsKey(current)) throw Bad($"section '{current}' appears twice");
                sections[current] = (i + 1, new List<string>());
                continue;
            }

            if (current is null)
            {
                if (line.Trim().Length > 0) throw Bad("text before the first '## ' section");
                continue;
            }

            sections[current].Lines.Add(line);
        }

        if (inCode) throw Bad("a ``` code block is not closed");
        foreach (var required in Sections)
            if (!sections.ContainsKey(required)) throw new FormatException($"{source}: the section '## {required}' is missing");

        string Prose(string section) => string.Join("\n", sections[section].Lines).Trim();

        return new CommandHelp(front, name, Prose("SYNOPSIS"),
            ParseSyntax(sections["SYNTAX"].Lines, source),
            Prose("DESCRIPTION"),
            ParseExamples(sections["EXAMPLES"].Lines, source),
            ParseParameters(sections["PARAMETERS"].Lines, source, out var common),
            common,
            ParseTypes(sections["INPUTS"].Lines),
            ParseTypes(sections["OUTPUTS"].Lines),
            Prose("NOTES"),
            ParseLinks(sections["RELATED LINKS"].Lines));
    }

    private static IReadOnlyList<(string Set, bool IsDefault, string Syntax)> ParseSyntax(List<string> lines, string source)
    {
        var result = new List<(string, bool, string)>();
        foreach (var (title, body, _) in Level3(lines))
        {
            var code = CodeBlocks(body).FirstOrDefault() ?? throw new FormatException($"{source}: syntax '{title}' has no code block");
            var isDefault = title.EndsWith("(Default)", StringComparison.Ordinal);
            result.Add((isDefault ? title[..^"(Default)".Length].Trim() : title, isDefault, code.Text));
        }

        return result;
    }

    private static IReadOnlyList<ExampleHelp> ParseExamples(List<string> lines, string source)
    {
        var result = new List<ExampleHelp>();
        foreach (var (title, body, _) in Level3(lines))
        {
            var blocks = CodeBlocks(body);
            if (blocks.Count == 0) throw new FormatException($"{source}: example '{title}' has no code block");
            var first = blocks[0];
            var intro = string.Join("\n", body.Take(first.StartLine)).Trim();
            var remarks = string.Join("\n", body.Skip(blocks[^1].EndLine + 1)).Trim();
            result.Add(new ExampleHelp(title, intro, string.Join("\n\n", blocks.Select(b => b.Text)), remarks));
        }

        return result;
    }

    private static IReadOnlyList<ParameterHelp> ParseParameters(List<string> lines, string source, out bool common)
    {
        var result = new List<ParameterHelp>();
        common = false;
        foreach (var (title, body, _) in Level3(lines))
        {
            if (title == "CommonParameters")
            {
                common = true;
                continue;
            }

            if (!title.StartsWith('-')) throw new FormatException($"{source}: parameter headings are '### -Name' (found '{title}')");
            var blocks = CodeBlocks(body);
            var yaml = blocks.Where(b => b.Language == "yaml").ToList();
            if (yaml.Count == 0) throw new FormatException($"{source}: parameter {title} has no yaml block");
            var description = string.Join("\n", body.Take(yaml[0].StartLine)).Trim();
            result.Add(new ParameterHelp(title[1..], description, yaml.Select(y => ParseYaml(y.Text, title, source)).ToList()));
        }

        return result;
    }

    private static ParameterBlock ParseYaml(string yaml, string parameter, string source)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in yaml.Split('\n'))
        {
            if (line.Trim().Length == 0) continue;
            var colon = line.IndexOf(':');
            if (colon <= 0) throw new FormatException($"{source}: {parameter}: yaml lines are 'Key: value'");
            map[line[..colon].Trim()] = line[(colon + 1)..].Trim();
        }

        string Get(string key) => map.TryGetValue(key, out var v) ? v : throw new FormatException($"{source}: {parameter}: the yaml block lacks '{key}'");
        static IReadOnlyList<string> List(string v) => v.Length == 0 ? Array.Empty<string>() : v.Split(',').Select(x => x.Trim()).Where(x => x.Length > 0).ToList();

        return new ParameterBlock(Get("Type"), List(Get("Parameter Sets")), List(Get("Aliases")),
            map.TryGetValue("Accepted values", out var accepted) ? List(accepted) : Array.Empty<string>(),
            Bool(Get("Required"), parameter, source), Get("Position"), Get("Default value"), Get("Accept pipeline input"),
            Bool(Get("Accept wildcard characters"), parameter, source));
    }

    private static bool Bool(string v, string parameter, string source) => v switch
    {
        "True" => true,
        "False" => false,
        _ => throw new FormatException($"{source}: {parameter}: expected True or False, found '{v}'"),
    };

    private static IReadOnlyList<TypeHelp> ParseTypes(List<string> lines) =>
        Level3(lines).Select(t => new TypeHelp(t.Title, string.Join("\n", t.Body).Trim())).ToList();

    private static readonly Regex Link = new(@"^\[(?<text>[^\]]+)\]\((?<uri>[^)]*)\)$");

    private static IReadOnlyList<(string, string)> ParseLinks(List<string> lines) =>
        lines.Select(l => Link.Match(l.Trim())).Where(m => m.Success).Select(m => (m.Groups["text"].Value, m.Groups["uri"].Value)).ToList();

    private static IEnumerable<(string Title, List<string> Body, int Line)> Level3(List<string> lines)
    {
        string? title = null;
        var body = new List<string>();
        var inCode = false;
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i].StartsWith("```")) inCode = !inCode;
            if (!inCode && lines[i].StartsWith("### "))
            {
                if (title is not null) yield return (title, body, i);
                title = lines[i][4..].Trim();
                body = new List<string>();
                continue;
            }

            if (title is not null) body.Add(lines[i]);
        }

        if (title is not null) yield return (title, body, lines.Count);
    }

    private sealed record CodeBlock(string Language, string Text, int StartLine, int EndLine);

    private static List<CodeBlock> CodeBlocks(List<string> body)
    {
        var result = new List<CodeBlock>();
        for (var i = 0; i < body.Count; i++)
        {
            if (!body[i].StartsWith("```")) continue;
            var language = body[i][3..].Trim();
            var start = i;
            var code = new List<string>();
            for (i++; i < body.Count && !body[i].StartsWith("```"); i++) code.Add(body[i]);
            result.Add(new CodeBlock(language, string.Join("\n", code), start, i));
        }

        return result;
    }
}
