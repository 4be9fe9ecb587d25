using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace InfluxDB.Emulator.V3;

public sealed class CoreToken
{
    public required ulong Id { get; init; }
    public required string Name { get; init; }
    public required string Hash { get; set; }
    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? Expiry { get; init; }

    /// <summary>"*:*:*" for admin tokens; "db:a,b:read,write" or "system:health:read" for resource tokens.</summary>
    public required string Permissions { get; init; }

    public ulong? CreatedBy { get; init; }
    public DateTimeOffset? UpdatedAt { get; set; }
}

/// <summary>
/// InfluxDB 3 Core / Enterprise tokens (shared/reference/influxdb3-tokens.md §D): the operator token
/// <c>_admin</c> (never deletable, only regenerated), named admin tokens, Enterprise resource tokens, deletion
/// by name (a hard delete), and listing through <c>SELECT * FROM system.tokens</c> on <c>_internal</c>.
/// Create responses carry the server's literal <c>Content-Type: json</c>; catalog errors are plain text and
/// authentication errors <c>{"error": ...}</c>. Also serves writes (<c>/api/v3/write_lp</c>, <c>/api/v2/write</c>).
/// Choice: system.tokens timestamps are written without a zone (arrow's rendering of Timestamp(ms) without tz),
/// and null columns are left out of the JSON rows.
/// </summary>
public sealed class CoreApi(TimeProvider time, bool enterprise, DatabaseCatalog databases, IReadOnlySet<string> disabledAuthz)
{
    private readonly object _gate = new();
    // Indexed as the server's catalog is: a request's token is found by its hash, a deletion by name, without
    // scanning every token (a scan under the lock made a 20,000-token sweep wait on the emulator, not the client).
    private readonly SortedDictionary<ulong, CoreToken> _byId = new();
    private readonly Dictionary<string, CoreToken> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CoreToken> _byHash = new(StringComparer.Ordinal);
    private ulong _nextId;

    public string OperatorToken { get; private set; } = "";

    public IReadOnlyList<CoreToken> Tokens { get { lock (_gate) return _byId.Values.ToList(); } }

    /// <summary>What <c>influxdb3 create token --admin</c> does on a fresh server.</summary>
    public string CreateOperatorToken() => OperatorToken = Add("_admin", "*:*:*", null, null).Value;

    /// <summary>Adds <paramref name="count"/> admin tokens named <c>prefix-i</c>: the first <paramref name="expired"/> already expired, the rest due in 30 days.</summary>
    public void SeedTokens(int count, int expired, string prefix = "fleet")
    {
        for (var i = 0; i < count; i++) Add(prefix + "-" + i, "*:*:*", i < expired ? 0 : 30 * 86400, 0);
    }

    public void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v3/configure/token/admin", CreateAdmin);
        app.MapPost("/api/v3/configure/token/admin/regenerate", Authenticated(Regenerate));
        app.MapPost("/api/v3/configure/token/named_admin", Authenticated(CreateNamedAdmin));
        if (enterprise) app.MapPost("/api/v3/enterprise/configure/token", Authenticated(CreateResourceToken));
        app.MapDelete("/api/v3/configure/token", Authenticated(DeleteToken));
        app.MapGet("/api/v3/configure/database", Authenticated(ListDatabases));
        app.MapMethods("/api/v3/query_sql", ["GET", "POST"], Authenticated(QuerySql));
        app.MapPost("/api/v3/write_lp", Authenticated((ctx, t) => WriteAsync(ctx, t, ctx.Request.Query["db"].ToString())));
        app.MapPost("/api/v2/write", Authenticated((ctx, t) => WriteAsync(ctx, t, ctx.Request.Query["bucket"].ToString())));
        // /ping needs a token unless the server runs with --disable-authz ping (the Core and Enterprise specs: 401 by default).
        var ping = disabledAuthz.Contains("ping") ? (RequestDelegate)(ctx => Ping(ctx)) : Authenticated((ctx, _) => Ping(ctx));
        app.MapMethods("/ping", ["GET", "POST"], ping);
    }

    /// <summary>Identifies the server for the life of the process, as <c>process_id</c> in /ping does.</summary>
    private readonly string _processId = Guid.NewGuid().ToString();

    private Task Ping(HttpContext ctx)
    {
        ctx.Response.Headers["x-influxdb-version"] = Version;
        ctx.Response.Headers["x-influxdb-build"] = enterprise ? "Enterprise" : "Core";
        return ctx.Response.WriteAsJsonAsync(new { version = Version, revision = "emulator", process_id = _processId });
    }

    private const string Version = "3.6.0";

    private sealed class PlainError(int status, string message) : Exception(message)
    {
        public int Status { get; } = status;
    }

    /// <summary>An authorization refusal: the server answers it 403 as JSON <c>{"error": ...}</c>, not plain text.</summary>
    private sealed class Forbidden() : Exception(ForbiddenMessage);

    /// <summary>Bearer, Token or Basic (password = token); an expired token is as unknown as a missing one.</summary>
    private RequestDelegate Authenticated(Func<HttpContext, CoreToken, Task> handler) => async ctx =>
    {
        var header = ctx.Request.Headers.Authorization.ToString();
        var parts = header.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        string? value = null;
        if (parts.Length == 2 && (parts[0].Equals("Bearer", StringComparison.OrdinalIgnoreCase) || parts[0].Equals("Token", StringComparison.OrdinalIgnoreCase)))
            value = parts[1];
        else if (parts.Length == 2 && parts[0].Equals("Basic", StringComparison.OrdinalIgnoreCase))
        {
            try { value = Encoding.UTF8.GetString(Convert.FromBase64String(parts[1])).Split(':', 2).ElementAtOrDefault(1); }
            catch (FormatException) { value = null; }
        }
        else if (header.Length > 0)
        {
            await JsonError(ctx, 400, "Authorization header was malformed, the request was not in the form of 'Authorization: <auth-scheme> <token>', supported auth-schemes are Bearer, Token and Basic");
            return;
        }

        var token = value is null ? null : FindByValue(value);
        if (token is null || (token.Expiry is { } e && e <= time.GetUtcNow()))
        {
            await JsonError(ctx, 401, "the request was not authenticated");
            return;
        }

        try
        {
            await handler(ctx, token);
        }
        catch (PlainError p)
        {
            ctx.Response.StatusCode = p.Status;
            ctx.Response.ContentType = "text/plain; charset=utf-8";
            await ctx.Response.WriteAsync(p.Message);
        }
        catch (Forbidden f)
        {
            await JsonError(ctx, 403, f.Message);
        }
    };

    private static bool IsAdmin(CoreToken t) => t.Permissions == "*:*:*";

    private const string ForbiddenMessage = "requestor is forbidden from requested resource";

    private static void RequireAdmin(CoreToken caller)
    {
        if (!IsAdmin(caller)) throw new Forbidden();
    }

    /// <summary>Whether the token may <paramref name="action"/> the database: admin, or a <c>db</c> permission naming it or <c>*</c>.</summary>
    private static bool Grants(CoreToken caller, string db, string action) =>
        IsAdmin(caller) || caller.Permissions.Split(' ').Any(p =>
        {
            var parts = p.Split(':');
            return parts.Length == 3 && parts[0] == "db" && (parts[1] == "*" || parts[1].Split(',').Contains(db)) && parts[2].Split(',').Contains(action);
        });

    /// <summary>No authentication: it only ever works once, on a server without an operator token.</summary>
    private async Task CreateAdmin(HttpContext ctx)
    {
        try
        {
            var (token, value) = Add("_admin", "*:*:*", null, null);
            OperatorToken = value;
            await Created(ctx, token, value);
        }
        catch (PlainError p)
        {
            ctx.Response.StatusCode = p.Status;
            ctx.Response.ContentType = "text/plain; charset=utf-8";
            await ctx.Response.WriteAsync(p.Message);
        }
    }

    private Task Regenerate(HttpContext ctx, CoreToken caller)
    {
        RequireAdmin(caller);
        string value;
        CoreToken admin;
        lock (_gate)
        {
            admin = _byName["_admin"];
            value = NewValue();
            _byHash.Remove(admin.Hash);
            admin.Hash = Hash(value);
            _byHash[admin.Hash] = admin;
            admin.UpdatedAt = time.GetUtcNow();
        }

        OperatorToken = value;
        return Created(ctx, admin, value);
    }

    private async Task CreateNamedAdmin(HttpContext ctx, CoreToken caller)
    {
        RequireAdmin(caller);
        var body = await JsonBody(ctx);
        var name = body.TryGetProperty("token_name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString()! : throw new PlainError(400, "token_name is required");
        var (token, value) = Add(name, "*:*:*", ExpirySecs(body), caller.Id);
        await Created(ctx, token, value);
    }

    private async Task CreateResourceToken(HttpContext ctx, CoreToken caller)
    {
        RequireAdmin(caller);
        var body = await JsonBody(ctx);
        var name = body.TryGetProperty("token_name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString()! : throw new PlainError(400, "token_name is required");
        if (!body.TryGetProperty("permissions", out var perms) || perms.ValueKind != JsonValueKind.Array || perms.GetArrayLength() == 0)
            throw new PlainError(400, "permissions are required");
        var rendered = new List<string>();
        foreach (var p in perms.EnumerateArray())
        {
            var type = p.TryGetProperty("resource_type", out var rt) ? rt.GetString() : null;
            var names = p.TryGetProperty("resource_names", out var rn) && rn.ValueKind == JsonValueKind.Array ? rn.EnumerateArray().Select(x => x.GetString() ?? "").ToList() : new List<string>();
            var actions = p.TryGetProperty("actions", out var ac) && ac.ValueKind == JsonValueKind.Array ? ac.EnumerateArray().Select(x => x.GetString() ?? "").ToList() : new List<string>();
            if (type is not ("db" or "system")) throw new PlainError(400, "invalid resource type: " + type);
            if (names.Count == 0 || names.Any(string.IsNullOrEmpty)) throw new PlainError(400, "resource names are required");
            if (names.Contains("*") && names.Count > 1) throw new PlainError(400, "mixed wildcard (*) and resource name");
            if (actions.Count == 0 || actions.Any(a => a is not ("read" or "write")) || (type == "system" && actions.Any(a => a != "read")))
                throw new PlainError(400, "invalid actions for " + type);
            rendered.Add(type + ":" + string.Join(",", names) + ":" + string.Join(",", actions));
        }

        var (token, value) = Add(name, string.Join(" ", rendered), ExpirySecs(body), caller.Id);
        await Created(ctx, token, value);
    }

    private Task DeleteToken(HttpContext ctx, CoreToken caller)
    {
        RequireAdmin(caller);
        var name = ctx.Request.Query["token_name"].ToString();
        if (name.Length == 0) throw new PlainError(400, "missing query parameter: token_name");
        if (name == "_admin") throw new PlainError(405, "cannot delete operator token");
        lock (_gate)
        {
            if (!_byName.Remove(name, out var gone)) throw new PlainError(404, "the requested resource was not found: " + name);
            _byId.Remove(gone.Id);
            _byHash.Remove(gone.Hash);
        }

        ctx.Response.StatusCode = 200;
        return Task.CompletedTask;
    }

    /// <summary>Only the query the token listing needs: SELECT * FROM system.tokens on _internal, as JSON rows.</summary>
    private async Task QuerySql(HttpContext ctx, CoreToken caller)
    {
        string? db = ctx.Request.Query["db"], q = ctx.Request.Query["q"], format = ctx.Request.Query["format"];
        if (HttpMethods.IsPost(ctx.Request.Method))
        {
            var body = await JsonBody(ctx);
            db = body.TryGetProperty("db", out var d) ? d.GetString() : db;
            q = body.TryGetProperty("q", out var qq) ? qq.GetString() : q;
            format = body.TryGetProperty("format", out var f) ? f.GetString() : format;
        }

        // The reference, §D.3: an admin token, or (Enterprise) one that may read _internal.
        if (!Grants(caller, "_internal", "read")) throw new Forbidden();
        if (db != "_internal" || !string.Equals(q?.Trim().TrimEnd(';'), "SELECT * FROM system.tokens", StringComparison.OrdinalIgnoreCase))
            throw new PlainError(400, "the emulator answers only SELECT * FROM system.tokens on _internal");
        if (format is not (null or "" or "json")) throw new PlainError(400, "the emulator answers only format=json");

        // Written as it is produced (StreamedArray), as the 2.x list is.
        ctx.Response.ContentType = "application/json";
        var pipe = ctx.Response.BodyWriter;
        using var w = new Utf8JsonWriter(pipe);
        w.WriteStartArray();
        await StreamedArray.WriteItemsAsync(w, pipe, Tokens, WriteRow, ctx.RequestAborted);
        w.WriteEndArray();
        w.Flush();
        await pipe.FlushAsync(ctx.RequestAborted);
    }

    /// <summary>One <c>system.tokens</c> row as the server's JSON format writes it.</summary>
    private static void WriteRow(Utf8JsonWriter w, CoreToken t)
    {
        w.WriteStartObject();
        w.WriteNumber("token_id", t.Id);
        w.WriteString("name", t.Name);
        w.WriteString("hash", t.Hash.AsSpan(0, 9));
        WriteNaive(w, "created_at", t.CreatedAt);
        if (t.CreatedBy is { } by) w.WriteNumber("created_by_token_id", by);
        if (t.UpdatedAt is { } u) WriteNaive(w, "updated_at", u);
        if (t.Expiry is { } e) WriteNaive(w, "expiry", e);
        w.WriteString("permissions", t.Permissions);
        w.WriteEndObject();
    }

    /// <summary>
    /// The server's <c>show_databases</c>: the rows of its database table, <c>[{"iox::database": name}]</c>, <c>_internal</c>
    /// first; <c>format</c> is required. (The specs' ShowDatabasesResponse, <c>{"databases": [...]}</c>, is not what the source sends.)
    /// </summary>
    private async Task ListDatabases(HttpContext ctx, CoreToken caller)
    {
        RequireAdmin(caller);
        var format = ctx.Request.Query["format"].ToString();
        if (format.Length == 0) throw new PlainError(400, "missing query parameter: format");
        if (format != "json") throw new PlainError(400, "the emulator answers only format=json");
        ctx.Response.ContentType = "application/json";
        await ctx.Response.WriteAsync(JsonSerializer.Serialize(
            new[] { "_internal" }.Concat(databases.All()).Select(name => new Dictionary<string, string> { ["iox::database"] = name })));
    }

    private async Task WriteAsync(HttpContext ctx, CoreToken caller, string db)
    {
        if (!databases.Contains(db)) throw new PlainError(404, "database not found: " + db);
        if (!Grants(caller, db, "write")) throw new Forbidden();

        ctx.Response.StatusCode = 204;
    }

    private (CoreToken Token, string Value) Add(string name, string permissions, long? expirySecs, ulong? createdBy)
    {
        var value = NewValue();
        var now = time.GetUtcNow();
        lock (_gate)
        {
            if (_byName.ContainsKey(name)) throw new PlainError(409, "token name already exists, " + name);
            var token = new CoreToken
            {
                Id = name == "_admin" ? 0 : ++_nextId,
                Name = name,
                Hash = Hash(value),
                CreatedAt = now,
                // expiry_secs counts from creation: 0 means expired at once, as the server does.
                Expiry = expirySecs is { } s ? now.AddSeconds(s) : null,
                Permissions = permissions,
                CreatedBy = createdBy,
            };
            _byId.Add(token.Id, token);
            _byName.Add(token.Name, token);
            _byHash.Add(token.Hash, token);
            return (token, value);
        }
    }

    private static long? ExpirySecs(JsonElement body) =>
        body.TryGetProperty("expiry_secs", out var e) && e.ValueKind != JsonValueKind.Null
            ? (e.TryGetInt64(out var s) && s >= 0 ? s : throw new PlainError(400, "expiry_secs must be a non-negative integer"))
            : null;

    private static async Task<JsonElement> JsonBody(HttpContext ctx)
    {
        if (ctx.Request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) != true)
            throw new PlainError(415, "Content-Type must be application/json");
        try
        {
            var root = JsonDocument.Parse(await GoJson.ReadBodyAsync(ctx)).RootElement;
            return root.ValueKind == JsonValueKind.Object ? root : throw new PlainError(400, "the body must be a JSON object");
        }
        catch (JsonException e)
        {
            throw new PlainError(400, "invalid JSON: " + e.Message);
        }
    }

    private static async Task Created(HttpContext ctx, CoreToken t, string value)
    {
        var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteNumber("id", t.Id);
            w.WriteString("name", t.Name);
            w.WriteString("token", value);
            w.WriteString("hash", t.Hash);
            w.WriteString("created_at", t.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFF'Z'", CultureInfo.InvariantCulture));
            if (t.Expiry is { } e) w.WriteString("expiry", e.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFF'Z'", CultureInfo.InvariantCulture));
            else w.WriteNull("expiry");
            w.WriteEndObject();
        }

        ctx.Response.StatusCode = 201;
        ctx.Response.Headers.ContentType = "json"; // sic: the server's literal header
        await ctx.Response.Body.WriteAsync(buffer.ToArray());
    }

    private static Task JsonError(HttpContext ctx, int status, string message)
    {
        ctx.Response.StatusCode = status;
        return ctx.Response.WriteAsJsonAsync(new { error = message });
    }

    private CoreToken? FindByValue(string value)
    {
        // A client sends the same credential with every request: its hash is kept, so the emulator (sharing the client's
        // cores in the benchmark, as no real server does) does not pay a SHA-512 per request.
        var last = _lastPresented;
        string hash;
        if (last is not null && last.Value == value) hash = last.Hash;
        else _lastPresented = new Presented(value, hash = Hash(value));
        lock (_gate) return _byHash.GetValueOrDefault(hash);
    }

    private sealed record Presented(string Value, string Hash);

    private volatile Presented? _lastPresented;

    /// <summary>A row's time as the server's SQL answer writes it: UTC without an offset, to the millisecond (<c>yyyy-MM-ddTHH:mm:ss.fff</c>).</summary>
    private static void WriteNaive(Utf8JsonWriter w, string property, DateTimeOffset t)
    {
        Span<char> text = stackalloc char[RoundTripTime.Length];
        w.WriteString(property, RoundTripTime.Format(t, text)[..23]);
    }

    /// <summary>"apiv3_" + base64url without padding of 64 random bytes: 92 characters.</summary>
    private static string NewValue() =>
        "apiv3_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(64)).Replace('+', '-').Replace('/', '_').TrimEnd('=');

    private static string Hash(string value) => Convert.ToHexString(SHA512.HashData(Encoding.UTF8.GetBytes(value))).ToLowerInvariant();
}
