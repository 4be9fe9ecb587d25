using System.Xml.Linq;

namespace InfluxTokens.HelpBuilder;

/// <summary>
/// Writes the MAML that Get-Help reads (<c>&lt;Assembly&gt;.dll-Help.xml</c>), in the shape platyPS's
/// New-ExternalHelp produces: <c>helpItems schema="maml"</c>, one <c>command:command</c> per cmdlet with its
/// details, description, one syntax item per parameter set, parameters, inputs, outputs, notes, examples and
/// related links.
/// </summary>
public static class MamlWriter
{
    public static readonly XNamespace Msh = "http://msh";
    public static readonly XNamespace Maml = "http://schemas.microsoft.com/maml/2004/10";
    public static readonly XNamespace Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
    public static readonly XNamespace Dev = "http://schemas.microsoft.com/maml/dev/2004/10";
    public static readonly XNamespace MSHelp = "http://msdn.microsoft.com/mshelp";

    public static XDocument Write(IEnumerable<CommandHelp> commands) =>
        new(new XDeclaration("1.0", "utf-8", null),
            new XElement(Msh + "helpItems", new XAttribute("schema", "maml"), commands.Select(CommandElement)));

    private static XElement CommandElement(CommandHelp c) =>
        new(Command + "command",
            new XAttribute(XNamespace.Xmlns + "maml", Maml),
            new XAttribute(XNamespace.Xmlns + "command", Command),
            new XAttribute(XNamespace.Xmlns + "dev", Dev),
            new XAttribute(XNamespace.Xmlns + "MSHelp", MSHelp),
            new XElement(Command + "details",
                new XElement(Command + "name", c.Name),
                new XElement(Command + "verb", c.Verb),
                new XElement(Command + "noun", c.Noun),
                Description(c.Synopsis)),
            Description(c.Description),
            new XElement(Command + "syntax", c.Syntax.Select(s => SyntaxItem(c, s.Set))),
            new XElement(Command + "parameters", c.Parameters.Concat(RiskParameters(c)).OrderBy(p => p.Name, StringComparer.Ordinal).Select(p => Parameter(p, p.Blocks[0], inSyntax: false))),
            new XElement(Command + "inputTypes", c.Inputs.Select(t => TypeElement("inputType", t))),
            new XElement(Command + "returnValues", c.Outputs.Select(t => TypeElement("returnValue", t))),
            c.Notes.Trim().Length == 0 ? null : new XElement(Maml + "alertSet", new XElement(Maml + "alert", Paragraphs(c.Notes))),
            new XElement(Command + "examples", c.Examples.Select((e, i) => new XElement(Command + "example",
                new XElement(Maml + "title", "-------------------------- " + e.Title + " --------------------------"),
                new XElement(Dev + "code", e.Code),
                // The empty paragraph ends the example with a blank line, as Get-Help shows platyPS's examples.
                new XElement(Dev + "remarks", Paragraphs(string.Join("\n\n", new[] { e.Introduction, e.Remarks }.Where(x => x.Length > 0))), new XElement(Maml + "para"))))),
            new XElement(Command + "relatedLinks", c.Links.Select(l => new XElement(Maml + "navigationLink",
                new XElement(Maml + "linkText", l.Text),
                new XElement(Maml + "uri", l.Uri.StartsWith("http", StringComparison.Ordinal) ? l.Uri : string.Empty)))));

    /// <summary>A parameter set's syntax: the parameters whose blocks name the set, or all sets.</summary>
    private static XElement SyntaxItem(CommandHelp c, string set) =>
        new(Command + "syntaxItem",
            new XElement(Maml + "name", c.Name),
            c.Parameters
                .Select(p => (p, Block: p.Blocks.FirstOrDefault(b => b.ParameterSets.Contains(set) || b.ParameterSets.Contains("(All)"))))
                .Where(x => x.Block is not null)
                // As Get-Help shows syntax: positional first, then mandatory, then the rest.
                .OrderBy(x => int.TryParse(x.Block!.Position, out var position) ? position : int.MaxValue)
                .ThenBy(x => x.Block!.Required ? 0 : 1)
                .ThenBy(x => x.p.Name, StringComparer.Ordinal)
                .Select(x => Parameter(x.p, x.Block!, inSyntax: true))
                .Concat(RiskParameters(c).Select(p => Parameter(p, p.Blocks[0], inSyntax: true))));

    /// <summary>
    /// -WhatIf and -Confirm, which SupportsShouldProcess adds to a cmdlet: pages show them in the syntax, and
    /// Get-Help lists them like any other parameter (as platyPS's help does).
    /// </summary>
    private static IEnumerable<ParameterHelp> RiskParameters(CommandHelp c)
    {
        if (!c.Syntax.Any(s => s.Syntax.Contains("[-WhatIf]", StringComparison.Ordinal))) yield break;
        foreach (var (name, alias, text) in new[]
        {
            ("Confirm", "cf", "Prompts you for confirmation before running the cmdlet."),
            ("WhatIf", "wi", "Shows what would happen if the cmdlet runs. The cmdlet is not run."),
        })
        {
            yield return new ParameterHelp(name, text, new[]
            {
                new ParameterBlock("SwitchParameter", new[] { "(All)" }, new[] { alias }, Array.Empty<string>(), false, "Named", "False", "False", false),
            });
        }
    }

    private static XElement Parameter(ParameterHelp p, ParameterBlock b, bool inSyntax)
    {
        var isSwitch = b.Type == "SwitchParameter";
        return new XElement(Command + "parameter",
            new XAttribute("required", b.Required ? "true" : "false"),
            new XAttribute("variableLength", b.Type.EndsWith("[]", StringComparison.Ordinal) ? "true" : "false"),
            new XAttribute("globbing", b.Wildcards ? "true" : "false"),
            new XAttribute("pipelineInput", b.PipelineInput),
            new XAttribute("position", b.Position.ToLowerInvariant()),
            new XAttribute("aliases", b.Aliases.Count == 0 ? "none" : string.Join(", ", b.Aliases)),
            new XElement(Maml + "name", p.Name),
            Description(p.Description),
            b.AcceptedValues.Count > 0
                ? new XElement(Command + "parameterValueGroup", b.AcceptedValues.Select(v =>
                    new XElement(Command + "parameterValue", new XAttribute("required", "false"), new XAttribute(Command + "variableLength", "false"), v)))
                : null,
            // A switch takes no value: in the syntax it is just [-Force], as Get-Command -Syntax shows it.
            isSwitch && inSyntax ? null : new XElement(Command + "parameterValue", new XAttribute("required", isSwitch ? "false" : "true"), new XAttribute("variableLength", "false"), b.Type),
            new XElement(Dev + "type", new XElement(Maml + "name", b.Type), new XElement(Maml + "uri")),
            new XElement(Dev + "defaultValue", b.DefaultValue));
    }

    private static XElement TypeElement(string kind, TypeHelp t) =>
        new(Command + kind,
            new XElement(Dev + "type", new XElement(Maml + "name", t.Name)),
            Description(t.Description));

    private static XElement Description(string text) => new(Maml + "description", Paragraphs(text));

    /// <summary>Markdown paragraphs (blank-line separated) as maml:para; inline code ticks dropped.</summary>
    private static IEnumerable<XElement> Paragraphs(string text) =>
        text.Replace("\r\n", "\n").Split("\n\n", StringSplitOptions.RemoveEmptyEntries)
            .Select(p => new XElement(Maml + "para", string.Join(" ", p.Split('\n').Select(l => l.Trim())).Replace("`", string.Empty)));
}
