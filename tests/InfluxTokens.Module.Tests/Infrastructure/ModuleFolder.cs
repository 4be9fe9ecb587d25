using System.Reflection;

namespace InfluxTokens.Module.Tests.Infrastructure;

/// <summary>Where things are: the checkout, the staged module folder the build made, the pinned Pester.</summary>
public static class ModuleFolder
{
    public static string RepoRoot { get; } = FindRoot();

    public static string Version { get; } = Metadata("ModuleVersion");

    /// <summary>out/InfluxTokens/&lt;version&gt;/InfluxTokens.psd1: what a user imports after the build.</summary>
    public static string Manifest { get; } = Path.Combine(RepoRoot, "out", "InfluxTokens", Version, "InfluxTokens.psd1");

    public static string Pester { get; } = Metadata("PesterModule");

    /// <summary>Where NuGet keeps packages (and dotnet tools): a process given its own HOME still finds pwsh there.</summary>
    public static string NuGetPackageRoot { get; } = Metadata("NuGetPackageRoot");

    public static string Docs => Path.Combine(RepoRoot, "docs");

    private static string Metadata(string key) =>
        typeof(ModuleFolder).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "InfluxTokens.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("InfluxTokens.sln not found above " + AppContext.BaseDirectory);
    }
}
