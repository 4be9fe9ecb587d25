using System.Diagnostics;
using System.Text.Json;
using InfluxDB.Emulator;
using InfluxTokens.Tests.Infrastructure;
using InfluxTokens.Tests.Witnesses;

namespace InfluxTokens.Tests.Contract;

/// <summary>
/// InfluxData's own JavaScript client (@influxdata/influxdb-client-apis, from npm) and the module on one emulator,
/// over the 2.x scenarios of the shared witness table: the client reads what the module minted; the module lists
/// what the client minted, sees the client's deactivation and its delete.
/// </summary>
public class JsClientTests
{
    private static readonly string Dir = Path.Combine(Repo.Root, "tests", "InfluxTokens.Tests", "js");

    [Fact]
    public async Task The_official_js_client_and_the_module_agree_on_every_scenario()
    {
        await EnsurePackagesAsync();
        await using var s = await Scenario.StartAsync(EmulatorMode.Oss);
        var scenarios = WitnessScenarios.Table.V2;
        var ours = new List<InfluxToken>();
        foreach (var scenario in scenarios)
        {
            var minted = await s.MintAsync(scenario.Description, scenario.Lease, permission: scenario.Grants.Select(g => g.ModuleText).ToArray());
            ours.Add((await s.Backend.GetAsync(minted.Id, default))!);
        }

        var (exit, stdout, stderr) = await RunAsync("node", "authorizations.mjs", new Dictionary<string, string>
        {
            ["INFLUX_URL"] = s.Server.Url.ToString().TrimEnd('/'),
            ["INFLUX_TOKEN"] = s.Server.SetupToken,
            ["INFLUX_ORG"] = "my-org",
            ["INFLUX_BUCKET_ID"] = s.Server.Bucket.Id,
            ["MODULE_TOKEN_IDS"] = string.Join(",", ours.Select(t => t.Id)),
            ["WITNESS_SCENARIOS"] = WitnessScenarios.File,
        });
        Assert.True(exit == 0, $"node exited {exit}:\n{stderr}\n{stdout}");
        var result = JsonDocument.Parse(stdout.Trim().Split('\n')[^1]).RootElement;

        // The client reads the module's tokens: status, description with its lease, permissions.
        var seen = result.GetProperty("moduleTokens").EnumerateArray().ToList();
        Assert.Equal(ours.Count, seen.Count);
        foreach (var (module, js) in ours.Zip(seen))
        {
            Assert.Equal("active", js.GetProperty("status").GetString());
            Assert.Equal(module.RawDescription, js.GetProperty("description").GetString());
            Assert.Equal(module.Permissions.Select(p => p.ToString()).Order(), js.GetProperty("permissions").EnumerateArray().Select(p => p.GetString()!).Order());
        }

        // The module lists the client's tokens with their permissions parsed, inactive as the client left them.
        var created = result.GetProperty("created").EnumerateArray().ToList();
        var deleted = result.GetProperty("deleted").GetString();
        var listed = await s.TokensAsync();
        foreach (var (scenario, js) in scenarios.Zip(created))
        {
            Assert.Equal(88, js.GetProperty("tokenLength").GetInt32());
            Assert.Contains(js.GetProperty("id").GetString(), result.GetProperty("listed").EnumerateArray().Select(e => e.GetString()));
            var id = js.GetProperty("id").GetString()!;
            if (id == deleted)
            {
                Assert.Null(await s.Backend.GetAsync(id, default)); // the client's delete is seen
                continue;
            }

            var token = Assert.Single(listed, t => t.Id == id);
            Assert.Equal((scenario.Description, TokenStatus.Inactive), (token.Description, token.Status));
            Assert.Equal(scenario.Grants.Select(g => Permission.Parse(g.ModuleText).ToDisplayString()).Order(), token.Permissions.Select(p => p.ToDisplayString()).Order());
        }

        Assert.Equal(404, result.GetProperty("afterDelete").GetInt32());
    }

    /// <summary>Installs the pinned packages on first use, so a plain <c>dotnet test</c> needs no setup step.</summary>
    private static async Task EnsurePackagesAsync()
    {
        if (Directory.Exists(Path.Combine(Dir, "node_modules", "@influxdata", "influxdb-client-apis"))) return;
        var (exit, stdout, stderr) = await RunAsync("npm", "ci --no-audit --no-fund", new Dictionary<string, string>());
        Assert.True(exit == 0, $"npm ci failed ({exit}); node and the npm registry are needed for this test:\n{stderr}\n{stdout}");
    }

    private static async Task<(int Exit, string Stdout, string Stderr)> RunAsync(string file, string args, Dictionary<string, string> env)
    {
        var psi = new ProcessStartInfo(file, args)
        {
            WorkingDirectory = Dir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (k, v) in env) psi.Environment[k] = v;
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true); // never leave node running past the test
            throw;
        }
        return (process.ExitCode, await stdout, await stderr);
    }
}
