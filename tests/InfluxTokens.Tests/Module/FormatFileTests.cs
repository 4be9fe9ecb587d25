using System.Reflection;
using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using InfluxTokens.Tests.Infrastructure;

namespace InfluxTokens.Tests.Module;

public class FormatFileTests
{
    private static readonly string FormatFile = Path.Combine(Repo.Root, "src", "InfluxTokens", "InfluxTokens.Format.ps1xml");

    private static readonly Assembly[] ModuleAssemblies = { typeof(InfluxToken).Assembly, typeof(InfluxTokens.Commands.InfluxCmdlet).Assembly };

    private static List<string> SchemaErrors(TextReader xml)
    {
        var schemas = new XmlSchemaSet();
        schemas.Add(null, Path.Combine(Repo.Shared, "schemas", "Format.xsd"));
        var errors = new List<string>();
        var settings = new XmlReaderSettings { ValidationType = ValidationType.Schema, Schemas = schemas };
        settings.ValidationEventHandler += (_, e) => errors.Add($"line {e.Exception?.LineNumber}: {e.Message}");
        using (var reader = XmlReader.Create(xml, settings)) while (reader.Read()) { }
        return errors;
    }

    [Fact]
    public void Validates_against_powershells_format_schema() => Assert.Empty(SchemaErrors(File.OpenText(FormatFile)));

    [Fact]
    public void The_schema_check_catches_a_bad_file()
    {
        var bad = File.ReadAllText(FormatFile).Replace("<Width>16</Width>", "<Alignment>right</Alignment><Width>16</Width>");
        Assert.NotEmpty(SchemaErrors(new StringReader(bad)));
    }

    [Fact]
    public void Every_view_names_real_types_and_real_properties_and_no_secret()
    {
        var doc = XDocument.Load(FormatFile);
        foreach (var view in doc.Descendants("View"))
        {
            var types = view.Element("ViewSelectedBy")!.Elements("TypeName").Select(t => t.Value).ToList();
            Assert.NotEmpty(types);
            foreach (var name in types)
            {
                var type = ModuleAssemblies.Select(a => a.GetType(name)).SingleOrDefault(t => t is not null);
                Assert.True(type is { IsPublic: true }, $"{name} is not a public type of the module");
                foreach (var property in view.Descendants("PropertyName").Select(p => p.Value))
                {
                    Assert.NotNull(type!.GetProperty(property));
                    Assert.DoesNotContain(property, new[] { "Token", "Secret", "Value" });
                }
            }

            // The one place a value may show: a token just minted with -AsPlainText, and only when it is plain text.
            var mayShowValue = types.SequenceEqual(new[] { "InfluxTokens.IssuedInfluxToken" });
            Assert.All(view.Descendants("ScriptBlock"), sb =>
            {
                if (mayShowValue && sb.Value.StartsWith("if ($_.Token -is [string])", StringComparison.Ordinal)) return;
                Assert.DoesNotMatch("(?i)token|secret", sb.Value);
            });
        }
    }

    [Fact]
    public void Every_output_type_has_a_view()
    {
        var selected = XDocument.Load(FormatFile).Descendants("TypeName").Select(t => t.Value).ToHashSet();
        foreach (var type in CmdletInfo.All.SelectMany(c => c.OutputTypes).Where(t => t != typeof(void)).Distinct())
        {
            var chain = new List<string>();
            for (var t = type; t is not null; t = t.BaseType) chain.Add(t.FullName!);
            Assert.True(chain.Any(selected.Contains), $"{type.FullName} has no table view");
        }
    }
}
