using System.Text.Json;
using InfluxTokens.Tests.Infrastructure;

namespace InfluxTokens.Tests.Witnesses;

/// <summary>One grant of a 2.x scenario token: org-scoped, to one named bucket or to every resource of the type.</summary>
public sealed record WitnessGrant(string Action, string Type, string? Bucket)
{
    /// <summary>How the module is asked for it: in the emulator's org, so an org-scoped (Cloud) admin may grant it.</summary>
    public string ModuleText => $"{Action}:orgs/my-org/{Type}" + (Bucket is null ? "" : "/" + Bucket);
}

public sealed record V2Scenario(string Name, string Description, string? Lease, IReadOnlyList<WitnessGrant> Grants, bool Writes)
{
    public override string ToString() => Name;
}

public sealed record V3Scenario(string Name, string Description, string? Lease, string Database)
{
    public override string ToString() => Name;
}

/// <summary>
/// witness-scenarios.json: the table shared by every witness (the C# clients here, the JavaScript client in js/),
/// so they all check the same tokens instead of each keeping its own copy.
/// </summary>
public sealed record WitnessScenarios(string Line, IReadOnlyList<V2Scenario> V2, IReadOnlyList<V3Scenario> V3)
{
    public static string File { get; } = Path.Combine(Repo.Root, "tests", "InfluxTokens.Tests", "Witnesses", "witness-scenarios.json");

    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    public static WitnessScenarios Table { get; } =
        JsonSerializer.Deserialize<WitnessScenarios>(System.IO.File.ReadAllText(File), Web)
        ?? throw new InvalidDataException(File + " is empty");
}
