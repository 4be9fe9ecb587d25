using System.Security.Cryptography;

namespace InfluxDB.Emulator.V2;

public sealed class V2Org
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
}

public sealed class V2User
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public bool Active { get; set; } = true;
}

public sealed class V2Bucket
{
    public required string Id { get; init; }
    public required string OrgId { get; init; }
    public required string Name { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Lines of line protocol accepted by <c>/api/v2/write</c>, so tests can see a write land.</summary>
    public long LinesWritten { get; set; }
}

public sealed class V2Authorization
{
    public required string Id { get; init; }
    public required string Token { get; init; }
    public required string OrgId { get; init; }
    public required string UserId { get; init; }
    public required IReadOnlyList<V2Permission> Permissions { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public string Status { get; set; } = "active";
    public string Description { get; set; } = "";
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>
/// The server's store: orgs, users, buckets and authorizations, kept in id order (bolt iterates keys in
/// order, and snowflake ids grow with time, so lists come back in creation order). One lock guards it all:
/// the emulator favours obvious correctness over throughput.
/// </summary>
public sealed class V2State
{
    private readonly object _gate = new();
    private readonly SortedDictionary<string, V2Org> _orgs = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, V2User> _users = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, V2Bucket> _buckets = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, V2Authorization> _auths = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _byToken = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private ulong _nextId;

    public V2State(EmulatorMode mode, TimeProvider time)
    {
        Mode = mode;
        _time = time;
        // Snowflake-like: milliseconds in the high bits, so ids sort by creation and look like real ones.
        _nextId = (ulong)time.GetUtcNow().ToUnixTimeMilliseconds() << 22;
    }

    public EmulatorMode Mode { get; }

    /// <summary>OSS 2.8+ with <c>--use-hashed-tokens</c> (the 2.9 default): values are stored hashed and never shown after creation.</summary>
    public bool HashedTokens { get; init; }

    public IReadOnlyList<string> ResourceTypes => Mode == EmulatorMode.Cloud ? V2Permission.CloudTypes : V2Permission.OssTypes;

    public DateTimeOffset Now => _time.GetUtcNow();

    public object Gate => _gate;

    public V2Org AddOrg(string name)
    {
        lock (_gate)
        {
            if (_orgs.Values.Any(o => o.Name == name)) throw new InvalidOperationException($"org {name} exists");
            var org = new V2Org { Id = NewId(), Name = name, CreatedAt = Now };
            _orgs[org.Id] = org;
            return org;
        }
    }

    public V2User AddUser(string name)
    {
        lock (_gate)
        {
            var user = new V2User { Id = NewId(), Name = name };
            _users[user.Id] = user;
            return user;
        }
    }

    public V2Bucket AddBucket(string orgId, string name)
    {
        lock (_gate)
        {
            var bucket = new V2Bucket { Id = NewId(), OrgId = orgId, Name = name, CreatedAt = Now };
            _buckets[bucket.Id] = bucket;
            return bucket;
        }
    }

    /// <summary>Stores an authorization as the service layer would, generating its token unless one is given.</summary>
    public V2Authorization AddAuthorization(string orgId, string userId, IEnumerable<V2Permission> permissions,
        string description = "", string status = "active", string? token = null)
    {
        lock (_gate)
        {
            var now = Now;
            var auth = new V2Authorization
            {
                Id = NewId(),
                Token = token ?? NewToken(),
                OrgId = orgId,
                UserId = userId,
                Permissions = permissions.ToList(),
                CreatedAt = now,
                UpdatedAt = now,
                Status = status,
                Description = description,
            };
            if (_byToken.ContainsKey(auth.Token)) throw new InvalidOperationException("token already exists");
            _auths[auth.Id] = auth;
            _byToken[auth.Token] = auth.Id;
            return auth;
        }
    }

    /// <summary>
    /// A fleet for benchmarks, fast (no HTTP): <paramref name="count"/> tokens writing <paramref name="bucket"/>, each with
    /// an InfluxTokens lease in its description; the first <paramref name="expired"/> expired an hour ago, the rest due
    /// in thirty days.
    /// </summary>
    public void SeedLeases(int count, int expired, V2Org org, V2User user, V2Bucket bucket, string prefix = "fleet")
    {
        var now = Now;
        string Until(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'");
        var past = Until(now.AddHours(-1));
        var future = Until(now.AddDays(30));
        var permissions = new[] { new V2Permission("write", "buckets", bucket.Id, org.Id) };
        for (var i = 0; i < count; i++)
            AddAuthorization(org.Id, user.Id, permissions, $"{prefix}-{i} [lease until {(i < expired ? past : future)}]");
    }

    public bool RemoveAuthorization(string id)
    {
        lock (_gate)
        {
            if (!_auths.Remove(id, out var auth)) return false;
            _byToken.Remove(auth.Token);
            return true;
        }
    }

    public V2Authorization? FindByToken(string token)
    {
        lock (_gate) return _byToken.TryGetValue(token, out var id) ? _auths[id] : null;
    }

    public V2Authorization? FindAuthorization(string id)
    {
        lock (_gate) return _auths.GetValueOrDefault(id);
    }

    public List<V2Authorization> Authorizations()
    {
        lock (_gate) return _auths.Values.ToList();
    }

    public V2Org? FindOrg(string id) { lock (_gate) return _orgs.GetValueOrDefault(id); }
    public V2Org? FindOrgByName(string name) { lock (_gate) return _orgs.Values.FirstOrDefault(o => o.Name == name); }
    public List<V2Org> Orgs() { lock (_gate) return _orgs.Values.ToList(); }
    public V2User? FindUser(string id) { lock (_gate) return _users.GetValueOrDefault(id); }
    public V2User? FindUserByName(string name) { lock (_gate) return _users.Values.FirstOrDefault(u => u.Name == name); }
    public List<V2User> Users() { lock (_gate) return _users.Values.ToList(); }
    public V2Bucket? FindBucket(string id) { lock (_gate) return _buckets.GetValueOrDefault(id); }
    public V2Bucket? FindBucketByName(string orgId, string name) { lock (_gate) return _buckets.Values.FirstOrDefault(b => b.OrgId == orgId && b.Name == name); }
    public List<V2Bucket> Buckets() { lock (_gate) return _buckets.Values.ToList(); }

    private string NewId()
    {
        _nextId += 1 << 12;
        return _nextId.ToString("x16");
    }

    /// <summary><c>rand.NewTokenGenerator(64)</c>: 64 random bytes, URL-safe base64 with padding: 88 characters ending in '=='.</summary>
    private static string NewToken() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(64)).Replace('+', '-').Replace('/', '_');
}
