using System.Runtime.InteropServices;

namespace InfluxDB.Emulator;

/// <summary>
/// A shell without job control starts a background command (<c>emulator &amp;</c>) with SIGINT and SIGQUIT
/// ignored, and .NET keeps an ignored signal ignored even when a handler is registered. The standalone emulator
/// restores the default first, so its own handlers see those signals and it can stop cleanly.
/// </summary>
internal static class SignalDisposition
{
    private const int SigInt = 2;
    private const int SigQuit = 3;

    public static void RestoreInterrupts()
    {
        if (OperatingSystem.IsWindows()) return;
        Signal(SigInt, IntPtr.Zero); // SIG_DFL
        Signal(SigQuit, IntPtr.Zero);
    }

    [DllImport("libc", EntryPoint = "signal")]
    private static extern IntPtr Signal(int signal, IntPtr handler);
}
