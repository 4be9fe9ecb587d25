namespace InfluxTokens.Tests.Infrastructure;

/// <summary>Finds the checkout and the read-only shared/ folder beside it, wherever the tests run from.</summary>
public static class Repo
{
    public static string Root { get; } = FindRoot();

    public static string Shared => Path.GetFullPath(Path.Combine(Root, "..", "shared"));

    public static string Spec(string name)
    {
        var path = Path.Combine(Shared, "specs", name);
        if (!File.Exists(path))
            throw new FileNotFoundException($"The contract {path} is missing: shared/ must sit beside the checkout (see README).");
        return path;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "InfluxTokens.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("InfluxTokens.sln not found above " + AppContext.BaseDirectory);
    }
}
