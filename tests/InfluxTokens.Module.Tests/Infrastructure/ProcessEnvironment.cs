namespace InfluxTokens.Module.Tests.Infrastructure;

/// <summary>
/// Tests that set INFLUX_* variables, or count on none being set: the variables are the process's, so these
/// run alone, never beside another test.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessEnvironment
{
    public const string Name = "Process environment";

    /// <summary>Sets the variables for the length of a test; disposing restores what was there.</summary>
    public static IDisposable Set(IDictionary<string, string?> variables)
    {
        var before = variables.Keys.ToDictionary(k => k, Environment.GetEnvironmentVariable);
        foreach (var (k, v) in variables) Environment.SetEnvironmentVariable(k, v);
        return new Restore(before);
    }

    private sealed class Restore(Dictionary<string, string?> before) : IDisposable
    {
        public void Dispose()
        {
            foreach (var (k, v) in before) Environment.SetEnvironmentVariable(k, v);
        }
    }
}
