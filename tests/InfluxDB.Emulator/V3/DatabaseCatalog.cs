namespace InfluxDB.Emulator.V3;

/// <summary>The databases an InfluxDB 3 emulator has: written to, granted in tokens, listed by the database APIs.</summary>
public sealed class DatabaseCatalog
{
    private readonly object _gate = new();
    private readonly List<string> _names = new();

    public DatabaseCatalog(params string[] names)
    {
        foreach (var name in names) Add(name);
    }

    public void Add(string name)
    {
        lock (_gate)
            if (!_names.Contains(name)) _names.Add(name);
    }

    public bool Contains(string name)
    {
        lock (_gate) return _names.Contains(name);
    }

    /// <summary>In creation order, as the servers list them.</summary>
    public IReadOnlyList<string> All()
    {
        lock (_gate) return _names.ToList();
    }
}
