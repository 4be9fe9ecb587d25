using System.Xml.Linq;
using InfluxTokens.Tests.Infrastructure;

namespace InfluxTokens.Tests.Module;

/// <summary>The manifest source (src/InfluxTokens/InfluxTokens.psd1) read as data: versions, exports, Gallery metadata. Test-ModuleManifest itself runs in the module tests.</summary>
public class ManifestTests
{
    private static readonly Dictionary<string, object?> Manifest = Psd1.Parse(File.ReadAllText(Path.Combine(Repo.Root, "src", "InfluxTokens", "InfluxTokens.psd1")));

    // ModuleCmdletBase.ModuleManifestMembers: any other key makes the manifest invalid.
    private static readonly HashSet<string> ValidKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        "ModuleToProcess", "NestedModules", "GUID", "Author", "CompanyName", "Copyright", "ModuleVersion", "Description", "PowerShellVersion",
        "PowerShellHostName", "PowerShellHostVersion", "CLRVersion", "DotNetFrameworkVersion", "ProcessorArchitecture", "RequiredModules",
        "TypesToProcess", "FormatsToProcess", "ScriptsToProcess", "PrivateData", "RequiredAssemblies", "ModuleList", "FileList",
        "FunctionsToExport", "VariablesToExport", "AliasesToExport", "CmdletsToExport", "DscResourcesToExport", "CompatiblePSEditions",
        "HelpInfoURI", "RootModule", "DefaultCommandPrefix",
    };

    private static string S(string key) => Assert.IsType<string>(Manifest[key]);

    private static List<string> L(Dictionary<string, object?> table, string key) =>
        Assert.IsType<List<object?>>(table[key]).Cast<string>().ToList();

    private static Dictionary<string, object?> PSData =>
        Assert.IsType<Dictionary<string, object?>>(Assert.IsType<Dictionary<string, object?>>(Manifest["PrivateData"])["PSData"]);

    [Fact]
    public void Only_valid_keys_and_every_key_the_gallery_needs()
    {
        Assert.All(Manifest.Keys, k => Assert.Contains(k, ValidKeys));
        foreach (var key in new[] { "RootModule", "ModuleVersion", "GUID", "Author", "Description", "Copyright", "PowerShellVersion", "CompatiblePSEditions" })
            Assert.False(string.IsNullOrWhiteSpace(Manifest[key] as string ?? string.Join(",", (Manifest[key] as List<object?>) ?? new())), key);
        Assert.Equal("InfluxTokens.dll", S("RootModule"));
        Assert.Equal("5.1", S("PowerShellVersion"));
        Assert.Equal(new[] { "Desktop", "Core" }, L(Manifest, "CompatiblePSEditions"));
        Assert.True(Guid.TryParse(S("GUID"), out _));
    }

    [Fact]
    public void The_version_is_the_builds_version()
    {
        var props = XDocument.Load(Path.Combine(Repo.Root, "Directory.Build.props"));
        var buildVersion = props.Descendants("ModuleVersion").Single().Value;
        Assert.Equal(buildVersion, S("ModuleVersion"));
        Assert.Equal(3, Version.Parse(S("ModuleVersion")).ToString().Split('.').Length);
        Assert.Equal(Version.Parse(buildVersion + ".0"), typeof(InfluxTokens.Commands.InfluxCmdlet).Assembly.GetName().Version);
    }

    [Fact]
    public void Exports_are_explicit_and_equal_the_cmdlet_classes()
    {
        var exported = L(Manifest, "CmdletsToExport");
        Assert.DoesNotContain(exported, e => e.Contains('*'));
        Assert.Equal(CmdletInfo.All.Select(c => c.Name).OrderBy(n => n), exported.OrderBy(n => n));
        foreach (var key in new[] { "FunctionsToExport", "VariablesToExport", "AliasesToExport" }) Assert.Empty(L(Manifest, key));
    }

    [Fact]
    public void Gallery_metadata_is_complete()
    {
        var tags = L(PSData, "Tags");
        Assert.All(tags, t => Assert.Matches("^[A-Za-z0-9._-]+$", t));
        Assert.Contains("PSEdition_Desktop", tags);
        Assert.Contains("PSEdition_Core", tags);
        foreach (var key in new[] { "LicenseUri", "ProjectUri" })
            Assert.True(Uri.TryCreate(PSData[key] as string, UriKind.Absolute, out var uri) && uri.Scheme == "https", key);
        Assert.Contains(S("ModuleVersion"), Assert.IsType<string>(PSData["ReleaseNotes"]));
        if (PSData.TryGetValue("Prerelease", out var pre)) Assert.Matches("^[A-Za-z0-9]+$", Assert.IsType<string>(pre));
    }

    [Fact]
    public void Files_the_manifest_names_are_staged_by_the_build()
    {
        var csproj = File.ReadAllText(Path.Combine(Repo.Root, "src", "InfluxTokens", "InfluxTokens.csproj"));
        foreach (var file in L(Manifest, "FormatsToProcess"))
        {
            Assert.True(File.Exists(Path.Combine(Repo.Root, "src", "InfluxTokens", file)), file);
            Assert.Contains(file, csproj);
        }
    }

    [Theory]
    [InlineData("@{ A = 'x'; B = @('a', 'b') }")]
    [InlineData("@{\n  # comment\n  A = 'it''s'\n  B = @(\n    'a'\n    'b'\n  )\n  C = $true\n}")]
    public void The_reader_reads_the_literal_subset(string text)
    {
        var table = Psd1.Parse(text);
        Assert.Equal(new[] { "a", "b" }, L(table, "B"));
    }

    [Theory]
    [InlineData("@{ A = $env:X }")]
    [InlineData("@{ A = \"$x\" }")]
    [InlineData("@{ A = 'x'; A = 'y' }")]
    [InlineData("@{ A = Get-Date }")]
    public void The_reader_refuses_what_is_not_literal(string text) =>
        Assert.Throws<FormatException>(() => Psd1.Parse(text));
}
