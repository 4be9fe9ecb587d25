using System.Collections;
using System.Collections.ObjectModel;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Text;

namespace InfluxTokens.Module.Tests.Infrastructure;

/// <summary>What one script printed, on every stream.</summary>
public sealed class PsResult
{
    public required Collection<PSObject> Output { get; init; }
    public required List<ErrorRecord> Errors { get; init; }
    public required List<WarningRecord> Warnings { get; init; }
    public required List<VerboseRecord> Verbose { get; init; }
    public required List<DebugRecord> Debug { get; init; }
    public required List<ProgressRecord> Progress { get; init; }
    public required List<InformationRecord> Information { get; init; }

    /// <summary>The terminating error that ended the script, if one did.</summary>
    public RuntimeException? Terminating { get; init; }

    public IEnumerable<string> ErrorIds => Errors.Select(e => e.FullyQualifiedErrorId)
        .Concat(Terminating is null ? [] : [Terminating.ErrorRecord.FullyQualifiedErrorId]);

    public IEnumerable<ErrorRecord> AllErrors => Errors.Concat(Terminating is null ? [] : [Terminating.ErrorRecord]);

    /// <summary>Every stream as text, for secret scans and messages.</summary>
    public string AllText()
    {
        var sb = new StringBuilder();
        foreach (var o in Output) sb.AppendLine(o?.ToString());
        foreach (var e in AllErrors)
        {
            sb.AppendLine(e.ToString()).AppendLine(e.Exception?.ToString()).AppendLine(e.ErrorDetails?.Message)
              .AppendLine(e.CategoryInfo.ToString()).AppendLine(e.TargetObject?.ToString()).AppendLine(e.FullyQualifiedErrorId);
        }
        foreach (var r in Warnings) sb.AppendLine(r.Message);
        foreach (var r in Verbose) sb.AppendLine(r.Message);
        foreach (var r in Debug) sb.AppendLine(r.Message);
        foreach (var r in Progress) sb.AppendLine(r.Activity + " " + r.StatusDescription + " " + r.CurrentOperation);
        foreach (var r in Information) sb.AppendLine(r.MessageData?.ToString());
        return sb.ToString();
    }

    /// <summary>Fails with every stream in the message when the script did not run clean.</summary>
    public PsResult AssertClean()
    {
        if (Terminating is not null || Errors.Count > 0)
            throw new Xunit.Sdk.XunitException("The script failed:\n" + string.Join("\n", AllErrors.Select(e => e.FullyQualifiedErrorId + ": " + e)));
        return this;
    }
}

/// <summary>
/// One PowerShell 7 runspace with the published module imported, as a user's session has it; a test host
/// answers confirmation prompts. Scripts run on it one after another, keeping the session's state.
/// </summary>
public sealed class PsSession : IDisposable
{
    public TestHost Host { get; } = new();
    public Runspace Runspace { get; }

    public PsSession(bool importModule = true)
    {
        var iss = InitialSessionState.CreateDefault2();
        iss.ThreadOptions = PSThreadOptions.UseNewThread;
        Runspace = RunspaceFactory.CreateRunspace(Host, iss);
        Runspace.Open();
        if (importModule) Run("Import-Module '" + ModuleFolder.Manifest.Replace("'", "''", StringComparison.Ordinal) + "' -ErrorAction Stop").AssertClean();
    }

    /// <summary>Runs <paramref name="script"/>, with <paramref name="variables"/> set first, and collects every stream.</summary>
    public PsResult Run(string script, IDictionary? variables = null, IEnumerable? input = null)
    {
        using var ps = Prepare(script, variables);
        return Collect(ps, () => input is null ? ps.Invoke() : ps.Invoke(input));
    }

    /// <summary>A PowerShell instance ready to invoke, for tests that stop it midway.</summary>
    public PowerShell Prepare(string script, IDictionary? variables = null)
    {
        if (variables is not null)
            foreach (DictionaryEntry v in variables) Runspace.SessionStateProxy.SetVariable((string)v.Key, v.Value);
        var ps = PowerShell.Create();
        ps.Runspace = Runspace;
        ps.AddScript(script);
        return ps;
    }

    public static PsResult Collect(PowerShell ps, Func<Collection<PSObject>> invoke)
    {
        Collection<PSObject> output;
        RuntimeException? terminating = null;
        try
        {
            output = invoke();
        }
        catch (RuntimeException ex)
        {
            output = new Collection<PSObject>();
            terminating = ex;
        }

        return new PsResult
        {
            Output = output,
            Errors = ps.Streams.Error.ToList(),
            Warnings = ps.Streams.Warning.ToList(),
            Verbose = ps.Streams.Verbose.ToList(),
            Debug = ps.Streams.Debug.ToList(),
            Progress = ps.Streams.Progress.ToList(),
            Information = ps.Streams.Information.ToList(),
            Terminating = terminating,
        };
    }

    public void Dispose() => Runspace.Dispose();
}
