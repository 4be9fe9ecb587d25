using System.Text.Json;
using InfluxDB.Emulator;
using InfluxTokens.Module.Tests.Infrastructure;

namespace InfluxTokens.Module.Tests.Pester;

/// <summary>
/// The Pester suite: the admin's scenarios written as an admin writes them, run by the pinned pwsh against
/// emulators of every product started here. One test per Pester file; a failure names each failed It.
/// Run one alone: dotnet test tests/InfluxTokens.Module.Tests --filter "FullyQualifiedName~PesterSuite&amp;DisplayName~Fleet".
/// </summary>
public class PesterSuiteTests(Xunit.Abstractions.ITestOutputHelper log)
{
    public static TheoryData<string> Files() =>
        new(Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Pester"), "*.Tests.ps1").Select(Path.GetFileName)!);

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Pester(string file)
    {
        var servers = new List<TestServer>();
        try
        {
            foreach (var mode in Enum.GetValues<EmulatorMode>()) servers.Add(await TestServer.StartAsync(mode));
            servers[0].Emulator.V2.AddBucket(servers[0].Emulator.Org.Id, "telemetry"); // the README's bucket
            servers[0].Emulator.V2.AddUser("ci-bot");                                    // the user docs/cmdlets examples name
            var home = Directory.CreateTempSubdirectory("influxtokens-pester-home-");
            var environment = new Dictionary<string, string?>
            {
                // A HOME of the suite's own for the pwsh processes the scenarios start (Install-PSResource, CLI configs).
                ["INFLUXTOKENS_HOME"] = home.FullName,
                ["INFLUXTOKENS_MANIFEST"] = ModuleFolder.Manifest,
                ["INFLUXTOKENS_MODULE_FOLDER"] = Path.GetDirectoryName(ModuleFolder.Manifest),
                ["INFLUXTOKENS_REPO"] = ModuleFolder.RepoRoot,
                ["INFLUXTOKENS_SERVERS"] = JsonSerializer.Serialize(servers.Select(Describe)),
                ["INFLUX_HOST"] = null, ["INFLUX_TOKEN"] = null, ["INFLUX_ORG"] = null,
            };
            var script = Path.Combine(AppContext.BaseDirectory, "Pester", "Run-Pester.ps1");
            var (exit, output) = await Pwsh.RunFileAsync(script, environment, TimeSpan.FromMinutes(4),
                Path.Combine(AppContext.BaseDirectory, "Pester", file), ModuleFolder.Pester);
            foreach (var line in output.Split('\n').Where(l => l.StartsWith("PESTER:", StringComparison.Ordinal))) log.WriteLine(file + " " + line);
            var failed = output.Split('\n').Where(l => l.StartsWith("FAILED:", StringComparison.Ordinal)).ToList();
            Assert.True(exit == 0 && output.Contains("PESTER: ", StringComparison.Ordinal),
                file + ": " + (failed.Count > 0 ? string.Join("\n", failed) : "exit " + exit) + "\n\n" + output);
            try { home.Delete(recursive: true); } catch (IOException) { }
        }
        finally
        {
            foreach (var s in servers) await s.DisposeAsync();
        }
    }

    private static Dictionary<string, string?> Describe(TestServer s) => new()
    {
        ["Mode"] = s.Mode.ToString(),
        ["Url"] = s.Emulator.Url.ToString(),
        ["Token"] = s.Emulator.SetupToken,
        ["Product"] = s.Product,
        ["Container"] = s.Container,
        ["AccountId"] = s.Emulator.Management?.AccountId.ToString(),
        ["ClusterId"] = s.Emulator.Management?.ClusterId.ToString(),
    };
}
