using System.Collections;
using System.Collections.ObjectModel;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Reflection;

namespace InfluxTokens.Bench;

/// <summary>
/// A PowerShell 7.6 runspace in this process (Microsoft.PowerShell.SDK) with the staged module imported, as a
/// user's session has it. Scripts time themselves with a Stopwatch, so the figures exclude the host's own call.
/// </summary>
public sealed class PowerShellHost : IDisposable
{
    private readonly Runspace _runspace;

    public PowerShellHost()
    {
        var iss = InitialSessionState.CreateDefault2();
        iss.ThreadOptions = PSThreadOptions.UseNewThread;
        _runspace = RunspaceFactory.CreateRunspace(iss);
        _runspace.Open();
        Invoke("Import-Module $Manifest -ErrorAction Stop", new Hashtable { ["Manifest"] = Manifest });
    }

    public static string Manifest { get; } = FindManifest();

    public Collection<PSObject> Invoke(string script, IDictionary? variables = null, IEnumerable? input = null)
    {
        if (variables is not null)
            foreach (DictionaryEntry v in variables) _runspace.SessionStateProxy.SetVariable((string)v.Key, v.Value);
        using var ps = PowerShell.Create();
        ps.Runspace = _runspace;
        ps.AddScript(script);
        var output = input is null ? ps.Invoke() : ps.Invoke(input);
        if (ps.HadErrors || ps.Streams.Error.Count > 0)
            throw new InvalidOperationException("The script failed: " + string.Join("; ", ps.Streams.Error.Take(3).Select(e => e.FullyQualifiedErrorId + ": " + e)));
        return output;
    }

    public void Dispose() => _runspace.Dispose();

    private static string FindManifest()
    {
        var version = typeof(PowerShellHost).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().First(a => a.Key == "ModuleVersion").Value!;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "InfluxTokens.sln")))
                return Path.Combine(dir.FullName, "out", "InfluxTokens", version, "InfluxTokens.psd1");
        throw new InvalidOperationException("The repository root (InfluxTokens.sln) is not above " + AppContext.BaseDirectory);
    }
}
