using System.Diagnostics;
using System.Text.Json;
using InfluxTokens.Tests.Infrastructure;

namespace InfluxTokens.Tests.Contract;

/// <summary>
/// InfluxData's own JavaScript client (@influxdata/influxdb-client-apis, from npm) creates, lists, patches and
/// deletes through the emulator: its wire format is what real clients expect, not only what ours does.
/// </summary>
public class JsClientTests(OssEmulator emu) : IClassFixture<OssEmulator>
{
    private static readonly string Dir = Path.Combine(Repo.Root, "tests", "InfluxTokens.Tests", "js");

    [Fact]
    public async Task The_official_js_client_manages_authorizations_on_the_emulator()
    {
        await EnsurePackagesAsync();
        var (exit, stdout, stderr) = await RunAsync("node", "authorizations.mjs", new Dictionary<string, string>
        {
            ["INFLUX_URL"] = emu.Url.ToString().TrimEnd('/'),
            ["INFLUX_TOKEN"] = emu.Server.SetupToken,
            ["INFLUX_ORG"] = "my-org",
            ["INFLUX_BUCKET_ID"] = emu.Server.Bucket.Id,
        });
        Assert.True(exit == 0, $"node exited {exit}:\n{stderr}\n{stdout}");

        var result = JsonDocument.Parse(stdout.Trim().Split('\n')[^1]).RootElement;
        var created = result.GetProperty("created");
        Assert.Equal("active", created.GetProperty("status").GetString());
        Assert.Equal(88, created.GetProperty("tokenLength").GetInt32());
        Assert.Equal("my-bucket", created.GetProperty("bucket").GetString());
        Assert.Equal(created.GetProperty("id").GetString(), result.GetProperty("listed").GetProperty("id").GetString());
        Assert.Equal("inactive", result.GetProperty("patched").GetProperty("status").GetString());
        Assert.Equal("patched by the js client", result.GetProperty("patched").GetProperty("description").GetString());
        Assert.Equal(404, result.GetProperty("afterDelete").GetInt32());
        Assert.Null(emu.Server.V2.FindAuthorization(created.GetProperty("id").GetString()!));
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
