using System.Diagnostics;

namespace InfluxTokens.Module.Tests.Infrastructure;

/// <summary>
/// The pinned PowerShell of .config/dotnet-tools.json (`dotnet pwsh`), run as a separate process: what a
/// scheduler or a CI job runs. `dotnet tool restore` makes sure it is there (quick when it already is).
/// </summary>
public static class Pwsh
{
    private static readonly Lazy<Task> Restored = new(() => RunAsync("dotnet", "tool restore", ModuleFolder.RepoRoot, new Dictionary<string, string?>(), TimeSpan.FromMinutes(5))
        .ContinueWith(t =>
        {
            if (t.Result.ExitCode != 0) throw new InvalidOperationException("dotnet tool restore failed:\n" + t.Result.Output);
        }, TaskScheduler.Default));

    public static async Task<(int ExitCode, string Output)> RunFileAsync(string script, IDictionary<string, string?> environment, TimeSpan timeout, params string[] arguments)
    {
        await Restored.Value;
        var args = "pwsh -NoProfile -NonInteractive -File \"" + script + "\"" + string.Concat(arguments.Select(a => " \"" + a + "\""));
        return await RunAsync("dotnet", args, ModuleFolder.RepoRoot, environment, timeout);
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string file, string args, string directory, IDictionary<string, string?> environment, TimeSpan timeout)
    {
        var psi = new ProcessStartInfo(file, args)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        foreach (var (k, v) in environment) psi.Environment[k] = v;
        using var p = Process.Start(psi)!;
        p.StandardInput.Close();
        var output = p.StandardOutput.ReadToEndAsync();
        var error = p.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await p.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException(file + " " + args + " did not finish within " + timeout + ":\n" + await output + await error);
        }

        return (p.ExitCode, await output + await error);
    }
}
