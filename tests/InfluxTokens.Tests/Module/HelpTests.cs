using System.Management.Automation;
using System.Reflection;
using System.Text;
using System.Xml.Linq;
using InfluxTokens.HelpBuilder;
using InfluxTokens.Tests.Infrastructure;

namespace InfluxTokens.Tests.Module;

/// <summary>
/// docs/cmdlets holds one platyPS page per cmdlet; these tests hold the pages to the code: every parameter
/// with its type, sets, position, pipeline binding, aliases and wildcards, nothing documented that the code
/// lacks, and real examples. <c>UPDATE_HELP=1 dotnet test --filter HelpTests</c> rewrites the parameter
/// blocks and syntax from the code, keeping every page's prose (what platyPS's Update-MarkdownHelp does).
/// </summary>
public class HelpTests
{
    public static readonly string Folder = Path.Combine(Repo.Root, "docs", "cmdlets");

    public static TheoryData<string> Cmdlets()
    {
        var data = new TheoryData<string>();
        foreach (var c in CmdletInfo.All) data.Add(c.Name);
        return data;
    }

    private static CommandHelp Page(string name)
    {
        var path = Path.Combine(Folder, name + ".md");
        if (Environment.GetEnvironmentVariable("UPDATE_HELP") == "1") File.WriteAllText(path, Render(CmdletInfo.Named(name), File.Exists(path) ? File.ReadAllText(path) : null));
        Assert.True(File.Exists(path), $"{name} has no help page at docs/cmdlets/{name}.md");
        return MarkdownHelp.Parse(File.ReadAllText(path), path);
    }

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void Every_parameter_is_documented_as_the_code_declares_it(string name)
    {
        var c = CmdletInfo.Named(name);
        var page = Page(name);
        Assert.Equal(name, page.Name);
        Assert.Equal(c.Parameters.Select(p => p.Name).OrderBy(n => n), page.Parameters.Select(p => p.Name).OrderBy(n => n));
        foreach (var documented in page.Parameters)
        {
            var expected = ExpectedBlocks(c, c.Parameters.Single(p => p.Name == documented.Name));
            Assert.Equal(expected.Count, documented.Blocks.Count);
            foreach (var (want, got) in expected.Zip(documented.Blocks))
                Assert.Equal(name + " -" + documented.Name + ": " + Describe(want), name + " -" + documented.Name + ": " + Describe(got));

            Assert.False(string.IsNullOrWhiteSpace(documented.Description), $"{name} -{documented.Name} has no description");
        }

        Assert.True(page.CommonParameters, $"{name} does not mention the common parameters");
        Assert.Equal(c.SetNames.DefaultIfEmpty("__AllParameterSets").OrderBy(s => s), page.Syntax.Select(s => s.Set).OrderBy(s => s));
        if (c.DefaultSet is not null) Assert.Equal(c.DefaultSet, page.Syntax.Single(s => s.IsDefault).Set);
    }

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void Every_page_is_complete_with_real_examples(string name)
    {
        var c = CmdletInfo.Named(name);
        var page = Page(name);
        Assert.Equal("InfluxTokens.dll-Help.xml", page.FrontMatter["external help file"]);
        Assert.Equal("2.0.0", page.FrontMatter["schema"]);
        Assert.Equal("InfluxTokens", page.FrontMatter["Module Name"]);
        Assert.True(page.Synopsis.Length > 20, $"{name}: synopsis too short");
        Assert.True(page.Description.Length > 100, $"{name}: description too short");
        Assert.True(page.Examples.Count >= (c.Verb == "Disconnect" ? 1 : 3), $"{name}: needs several examples");
        Assert.All(page.Examples, e =>
        {
            Assert.Contains(name, e.Code);
            Assert.True(e.Remarks.Length > 20, $"{name} '{e.Title}': say what the example does");
        });
        Assert.NotEmpty(page.Outputs);
        foreach (var output in c.OutputTypes.Where(t => t != typeof(void)))
            Assert.Contains(page.Outputs, o => o.Name == output.FullName);
        Assert.NotEmpty(page.Links);
        var text = File.ReadAllText(Path.Combine(Folder, name + ".md"));
        Assert.DoesNotContain("{{", text);
    }

    [Fact]
    public void The_maml_has_one_command_per_cmdlet_with_its_parameters()
    {
        var pages = CmdletInfo.All.Select(c => Page(c.Name)).ToList();
        var doc = MamlWriter.Write(pages);
        var round = XDocument.Parse(doc.ToString()); // well-formed
        Assert.Equal("helpItems", round.Root!.Name.LocalName);
        Assert.Equal("maml", round.Root.Attribute("schema")!.Value);
        var commands = round.Root.Elements(MamlWriter.Command + "command").ToList();
        Assert.Equal(CmdletInfo.All.Select(c => c.Name), commands.Select(c => c.Element(MamlWriter.Command + "details")!.Element(MamlWriter.Command + "name")!.Value));
        foreach (var (c, xml) in CmdletInfo.All.Zip(commands))
        {
            var parameters = xml.Element(MamlWriter.Command + "parameters")!.Elements(MamlWriter.Command + "parameter")
                .Select(p => p.Element(MamlWriter.Maml + "name")!.Value).OrderBy(n => n);
            // SupportsShouldProcess adds -WhatIf and -Confirm, which Get-Help lists like the cmdlet's own.
            var risk = c.SupportsShouldProcess ? new[] { "Confirm", "WhatIf" } : Array.Empty<string>();
            Assert.Equal(c.Parameters.Select(p => p.Name).Concat(risk).OrderBy(n => n, StringComparer.Ordinal), parameters.OrderBy(n => n, StringComparer.Ordinal));
            Assert.Equal(c.SetNames.DefaultIfEmpty("__AllParameterSets").Count(), xml.Element(MamlWriter.Command + "syntax")!.Elements().Count());
            Assert.NotEmpty(xml.Descendants(MamlWriter.Command + "example"));
            Assert.Equal(c.Verb, xml.Descendants(MamlWriter.Command + "verb").Single().Value);
        }
    }

    [Fact]
    public void The_builder_reports_a_broken_page_with_its_line()
    {
        var ex = Assert.Throws<FormatException>(() => MarkdownHelp.Parse("---\nschema: 2.0.0\n---\n\n# X-Y\n\n## SYNOPSIS\nx\n## WHATEVER\n", "p.md"));
        Assert.Contains("p.md:9: unknown section 'WHATEVER'", ex.Message);
        Assert.Contains("the section '## SYNTAX' is missing", Assert.Throws<FormatException>(() => MarkdownHelp.Parse("---\na: b\n---\n# X-Y\n## SYNOPSIS\nx\n", "p.md")).Message);
    }

    [Fact]
    public void The_about_topic_covers_the_concepts()
    {
        var about = File.ReadAllText(Path.Combine(Repo.Root, "docs", "about_InfluxTokens.help.txt"));
        Assert.StartsWith("TOPIC", about.TrimStart());
        foreach (var concept in new[] { "CONNECTIONS", "PRODUCTS", "PERMISSIONS", "LEASES", "SWEEP", "SECRETS", "INFLUX_HOST", "[lease until", "-MaxRevocations" })
            Assert.Contains(concept, about);
        Assert.All(about.Split('\n'), line => Assert.True(line.TrimEnd().Length <= 100, "about lines stay under 100 columns: " + line));
    }

    /// <summary>Everything a block says but its default value (free text, e.g. "30" or "None").</summary>
    private static string Describe(ParameterBlock b) =>
        $"Type {b.Type}; sets {string.Join(",", b.ParameterSets)}; aliases {string.Join(",", b.Aliases)}; values {string.Join(",", b.AcceptedValues)}; "
        + $"required {b.Required}; position {b.Position}; pipeline {b.PipelineInput}; wildcards {b.Wildcards}";

    // ---- rendering from metadata ---------------------------------------------------------------------

    internal static IReadOnlyList<ParameterBlock> ExpectedBlocks(CmdletInfo c, ParameterInfo p)
    {
        var type = TypeName(p.Type);
        var wildcards = p.Attributes.Contains(typeof(SupportsWildcardsAttribute));
        var accepted = AcceptedValues(p);
        return p.Sets
            .GroupBy(s => (s.Mandatory, s.Position, Pipeline(s)))
            .Select(g => new ParameterBlock(type,
                g.Any(s => s.Set == CmdletInfo.AllSets) ? new[] { "(All)" } : g.Select(s => s.Set).OrderBy(x => x).ToArray(),
                p.Aliases, accepted, g.Key.Mandatory, g.Key.Position?.ToString() ?? "Named",
                p.Type == typeof(SwitchParameter) ? "False" : "None", g.Key.Item3, wildcards))
            .ToList();
    }

    private static string Pipeline(ParameterSetInfo s) => (s.ByValue, s.ByPropertyName) switch
    {
        (true, true) => "True (ByValue, ByPropertyName)",
        (true, false) => "True (ByValue)",
        (false, true) => "True (ByPropertyName)",
        _ => "False",
    };

    private static IReadOnlyList<string> AcceptedValues(ParameterInfo p)
    {
        var t = Nullable.GetUnderlyingType(p.Type) ?? p.Type;
        return t.IsEnum ? Enum.GetNames(t) : Array.Empty<string>();
    }

    private static string TypeName(Type t)
    {
        var inner = Nullable.GetUnderlyingType(t) ?? t;
        return inner.IsArray ? inner.GetElementType()!.Name + "[]" : inner.Name;
    }

    private static string Render(CmdletInfo c, string? existing)
    {
        var old = existing is null ? null : MarkdownHelp.Parse(existing, c.Name);
        string Keep(string? value, string placeholder) => string.IsNullOrWhiteSpace(value) ? "{{ " + placeholder + " }}" : value!;
        var sb = new StringBuilder();
        sb.Append("---\nexternal help file: InfluxTokens.dll-Help.xml\nModule Name: InfluxTokens\n")
          .Append("online version: https://github.com/influxtokens/InfluxTokens/blob/main/docs/cmdlets/").Append(c.Name).Append(".md\nschema: 2.0.0\n---\n\n")
          .Append("# ").Append(c.Name).Append("\n\n## SYNOPSIS\n").Append(Keep(old?.Synopsis, "Synopsis")).Append("\n\n## SYNTAX\n\n");
        foreach (var set in c.SetNames.DefaultIfEmpty(CmdletInfo.AllSets).OrderBy(s => s == c.DefaultSet ? 0 : 1).ThenBy(s => s))
        {
            sb.Append("### ").Append(set).Append(set == c.DefaultSet ? " (Default)" : string.Empty).Append("\n```\n").Append(Syntax(c, set)).Append("\n```\n\n");
        }

        sb.Append("## DESCRIPTION\n").Append(Keep(old?.Description, "Description")).Append("\n\n## EXAMPLES\n\n");
        foreach (var e in old?.Examples ?? new[] { new ExampleHelp("Example 1", "", "{{ code }}", "{{ remarks }}") })
        {
            sb.Append("### ").Append(e.Title).Append('\n');
            if (e.Introduction.Length > 0) sb.Append(e.Introduction).Append("\n\n");
            sb.Append("```powershell\n").Append(e.Code).Append("\n```\n\n").Append(e.Remarks).Append("\n\n");
        }

        sb.Append("## PARAMETERS\n\n");
        foreach (var p in c.Parameters.OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            var oldDescription = old?.Parameters.FirstOrDefault(x => x.Name == p.Name)?.Description;
            sb.Append("### -").Append(p.Name).Append('\n').Append(Keep(oldDescription ?? XmlDoc(p.Property), "Parameter description")).Append("\n\n");
            foreach (var b in ExpectedBlocks(c, p))
            {
                sb.Append("```yaml\nType: ").Append(b.Type).Append("\nParameter Sets: ").Append(string.Join(", ", b.ParameterSets))
                  .Append("\nAliases: ").Append(string.Join(", ", b.Aliases)).Append('\n');
                if (b.AcceptedValues.Count > 0) sb.Append("Accepted values: ").Append(string.Join(", ", b.AcceptedValues)).Append('\n');
                sb.Append("\nRequired: ").Append(b.Required ? "True" : "False").Append("\nPosition: ").Append(b.Position)
                  .Append("\nDefault value: ").Append(old?.Parameters.FirstOrDefault(x => x.Name == p.Name)?.Blocks[0].DefaultValue ?? b.DefaultValue)
                  .Append("\nAccept pipeline input: ").Append(b.PipelineInput).Append("\nAccept wildcard characters: ").Append(b.Wildcards ? "True" : "False").Append("\n```\n\n");
            }
        }

        sb.Append("### CommonParameters\nThis cmdlet supports the common parameters: -Debug, -ErrorAction, -ErrorVariable, -InformationAction, ")
          .Append("-InformationVariable, -OutVariable, -OutBuffer, -PipelineVariable, -ProgressAction, -Verbose, -WarningAction, and -WarningVariable. ")
          .Append("For more information, see [about_CommonParameters](http://go.microsoft.com/fwlink/?LinkID=113216).\n\n## INPUTS\n\n");
        foreach (var t in old?.Inputs ?? new[] { new TypeHelp("System.String", "{{ input }}") }) sb.Append("### ").Append(t.Name).Append('\n').Append(t.Description).Append("\n\n");
        sb.Append("## OUTPUTS\n\n");
        foreach (var output in c.OutputTypes.Where(t => t != typeof(void)).Select(t => t.FullName!).DefaultIfEmpty("None"))
            sb.Append("### ").Append(output).Append('\n').Append(Keep(old?.Outputs.FirstOrDefault(o => o.Name == output)?.Description, "output")).Append("\n\n");
        sb.Append("## NOTES\n").Append(old?.Notes ?? string.Empty).Append("\n\n## RELATED LINKS\n\n");
        foreach (var (text, uri) in old?.Links ?? new[] { ("about_InfluxTokens", "") }) sb.Append('[').Append(text).Append("](").Append(uri).Append(")\n\n");
        return sb.ToString().TrimEnd() + "\n";
    }

    private static string Syntax(CmdletInfo c, string set)
    {
        var parts = new List<string> { c.Name };
        foreach (var (p, s) in c.In(set).OrderBy(m => m.Set.Position ?? int.MaxValue).ThenBy(m => m.Set.Mandatory ? 0 : 1).ThenBy(m => m.Parameter.Name, StringComparer.Ordinal))
        {
            var type = TypeName(p.Type);
            var name = s.Position is not null ? "[-" + p.Name + "]" : "-" + p.Name;
            var text = p.Type == typeof(SwitchParameter) ? "-" + p.Name : name + " <" + type + ">";
            parts.Add(s.Mandatory ? text : "[" + text + "]");
        }

        if (c.SupportsShouldProcess) parts.AddRange(new[] { "[-WhatIf]", "[-Confirm]" });
        parts.Add("[<CommonParameters>]");
        return string.Join(" ", parts);
    }

    private static readonly Lazy<XDocument?> Docs = new(() =>
    {
        var path = Path.ChangeExtension(typeof(InfluxTokens.Commands.InfluxCmdlet).Assembly.Location, ".xml");
        return File.Exists(path) ? XDocument.Load(path) : null;
    });

    /// <summary>The property's XML doc summary, to seed a new page.</summary>
    private static string? XmlDoc(PropertyInfo property)
    {
        var member = Docs.Value?.Descendants("member").FirstOrDefault(m => m.Attribute("name")?.Value == "P:" + property.DeclaringType!.FullName + "." + property.Name);
        var text = member?.Element("summary")?.Value;
        return text is null ? null : string.Join(" ", text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0));
    }
}
