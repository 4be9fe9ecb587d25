using System.Diagnostics;
using System.Runtime.InteropServices;

namespace InfluxTokens.Tests.Emulator;

/// <summary>
/// The standalone emulator, run as scripts and service managers run it: a child process that must stop
/// cleanly on SIGTERM, and on SIGINT even when started in the background (where the shell ignores SIGINT for it).
/// </summary>
public class StandaloneEmulatorTests
{
    private static readonly string Dll = Path.Combine(AppContext.BaseDirectory, "InfluxDB.Emulator.dll");

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int sig);

    private const int SigInt = 2;
    private const int SigTerm = 15;

    [Theory]
    [InlineData(SigTerm, false)]
    [InlineData(SigTerm, true)]
    [InlineData(SigInt, false)]
    [InlineData(SigInt, true)]
    public async Task It_exits_cleanly_on_a_signal(int signal, bool background)
    {
        if (OperatingSystem.IsWindows()) return; // POSIX signals; Windows has Ctrl+C only
        // In the background a non-interactive shell starts the job with SIGINT ignored, as `emulator &` in a script does.
        var command = $"dotnet \"{Dll}\" --port 0 --mode core" + (background ? " & echo \"pid $!\"; wait $!; echo \"exit $?\"" : "");
        var psi = new ProcessStartInfo("sh", background ? new[] { "-c", command } : new[] { "-c", "echo \"pid $$\"; exec " + command })
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var shell = Process.Start(psi)!;
        try
        {
            using var startup = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            var pid = 0;
            while (await shell.StandardOutput.ReadLineAsync(startup.Token) is { } line)
            {
                if (line.StartsWith("pid ", StringComparison.Ordinal)) pid = int.Parse(line[4..]);
                if (line.Contains("listening on", StringComparison.Ordinal)) break;
            }

            if (pid == 0) Assert.Fail("the emulator did not start: " + await shell.StandardError.ReadToEndAsync());
            Assert.Equal(0, kill(pid, signal));

            var rest = shell.StandardOutput.ReadToEndAsync();
            using var exit = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try { await shell.WaitForExitAsync(exit.Token); }
            catch (OperationCanceledException) { Assert.Fail($"the emulator still ran 5 s after signal {signal}"); }
            var exitCode = background ? int.Parse((await rest).Split("exit ")[^1].Trim()) : shell.ExitCode;
            Assert.Equal(0, exitCode);
        }
        finally
        {
            if (!shell.HasExited) shell.Kill(entireProcessTree: true); // never leave an emulator running past the test
        }
    }
}
