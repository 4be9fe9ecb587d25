using System.Security.Cryptography;
using System.Text;

namespace InfluxDB.Emulator.V3;

public sealed record DatabasePermission(string Action, string Resource);

public sealed class DatabaseToken
{
    public required Guid Id { get; init; }
    public required string Hash { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public string Description { get; set; } = "";
    public List<DatabasePermission> Permissions { get; set; } = new();
    public DateTimeOffset? ExpiresAt { get; init; }
    public DateTimeOffset? RevokedAt { get; set; }
}

/// <summary>
/// Cloud Dedicated / Clustered: one account and cluster, the management tokens that may call the management
/// API, and the database tokens it manages. Token values are kept only as SHA-512, as the server does.
/// </summary>
public sealed class ManagementState(TimeProvider time, TimeSpan activationDelay)
{
    private readonly object _gate = new();
    private readonly Dictionary<Guid, DatabaseToken> _tokens = new();
    private readonly HashSet<string> _managementTokens = new(StringComparer.Ordinal);

    public Guid AccountId { get; } = Guid.NewGuid();
    public Guid ClusterId { get; } = Guid.NewGuid();
    public DateTimeOffset Now => time.GetUtcNow();
    public TimeSpan ActivationDelay { get; set; } = activationDelay;

    public string AddManagementToken()
    {
        var token = "M.V1." + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).Replace('+', '-').Replace('/', '_').TrimEnd('=');
        lock (_gate) _managementTokens.Add(token);
        return token;
    }

    public bool IsManagementToken(string token)
    {
        lock (_gate) return _managementTokens.Contains(token);
    }

    /// <summary>Mints a database token; returns it with its value ("apiv1_" + base64url of 64 random bytes).</summary>
    public (DatabaseToken Token, string Value) Create(string description, List<DatabasePermission> permissions, DateTimeOffset? expiresAt)
    {
        var value = "apiv1_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(64)).Replace('+', '-').Replace('/', '_').TrimEnd('=');
        var token = new DatabaseToken { Id = Guid.NewGuid(), Hash = Hash(value), CreatedAt = Now, Description = description, Permissions = permissions, ExpiresAt = expiresAt };
        lock (_gate) _tokens[token.Id] = token;
        return (token, value);
    }

    /// <summary>Adds <paramref name="count"/> database tokens <c>prefix-i</c> writing <paramref name="database"/>: the first <paramref name="expired"/> expired an hour ago, the rest due in 30 days.</summary>
    public void SeedTokens(int count, int expired, string database, string prefix = "fleet")
    {
        for (var i = 0; i < count; i++)
            Create(prefix + "-" + i, new List<DatabasePermission> { new("write", database) }, i < expired ? Now.AddHours(-1) : Now.AddDays(30));
    }

    public DatabaseToken? Find(Guid id)
    {
        lock (_gate) return _tokens.GetValueOrDefault(id);
    }

    public List<DatabaseToken> All()
    {
        lock (_gate) return _tokens.Values.OrderBy(t => t.CreatedAt).ThenBy(t => t.Id).ToList();
    }

    public void Update(Action change)
    {
        lock (_gate) change();
    }

    public DatabaseToken? FindByValue(string value)
    {
        var hash = Hash(value);
        lock (_gate) return _tokens.Values.FirstOrDefault(t => t.Hash == hash);
    }

    public static string Hash(string value) => Convert.ToHexString(SHA512.HashData(Encoding.UTF8.GetBytes(value))).ToLowerInvariant();
}
