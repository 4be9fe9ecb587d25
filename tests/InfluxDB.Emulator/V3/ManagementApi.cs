using System.Globalization;
using System.Text.Json;

namespace InfluxDB.Emulator.V3;

/// <summary>
/// The Cloud Dedicated / Clustered management API for database tokens (shared/reference/influxdb3-tokens.md
/// §A, §B, §F): create 200 with accessToken, list/get 200, PATCH description and permissions (replaced, not
/// merged), DELETE 204 that soft-revokes (revokedAt), errors {code:int, message}. Choices where the reference
/// is unconfirmed: revoked tokens stay in list and get with revokedAt set; DELETE of a revoked token is 404;
/// PATCH of expiresAt is 400 (expiry cannot change); PATCH of a revoked token is 409.
/// Also serves the data plane's POST /api/v2/write, so a token can be seen to work, or not.
/// </summary>
public sealed class ManagementApi(ManagementState state, bool dedicated, DatabaseCatalog databases)
{
    private static readonly JsonWriterOptions Pretty = new() { Indented = true };

    public void Map(IEndpointRouteBuilder app)
    {
        var root = dedicated ? "/api/v0/accounts/{accountId}/clusters/{clusterId}/tokens" : "/api/v0/tokens";
        app.MapGet(root, Authenticated(List));
        app.MapPost(root, Authenticated(Create));
        app.MapGet(root + "/{tokenId}", Authenticated(GetOne));
        app.MapPatch(root + "/{tokenId}", Authenticated(Patch));
        app.MapDelete(root + "/{tokenId}", Authenticated(Delete));
        app.MapGet(dedicated ? "/api/v0/accounts/{accountId}/clusters/{clusterId}/databases" : "/api/v0/databases", Authenticated(ListDatabases));
        app.MapPost("/api/v2/write", Write);
        app.MapGet("/ping", (HttpContext ctx) => { ctx.Response.StatusCode = 204; return Task.CompletedTask; });
    }

    private sealed class Failure(int status, string message) : Exception(message)
    {
        public int Status { get; } = status;
    }

    private RequestDelegate Authenticated(Func<HttpContext, Task> handler) => async ctx =>
    {
        try
        {
            var header = ctx.Request.Headers.Authorization.ToString();
            if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || !state.IsManagementToken(header[7..]))
                throw new Failure(401, "unauthorized");
            if (dedicated && (ctx.Request.RouteValues["accountId"] as string != state.AccountId.ToString()
                              || ctx.Request.RouteValues["clusterId"] as string != state.ClusterId.ToString()))
                throw new Failure(404, "not found");
            await handler(ctx);
        }
        catch (Failure f)
        {
            await WriteAsync(ctx, f.Status, w =>
            {
                w.WriteStartObject();
                w.WriteNumber("code", f.Status);
                w.WriteString("message", f.Message);
                w.WriteEndObject();
            });
        }
    };

    private Task List(HttpContext ctx) => WriteAsync(ctx, 200, w =>
    {
        w.WriteStartArray();
        foreach (var t in state.All()) WriteToken(w, t, null);
        w.WriteEndArray();
    });

    /// <summary>GetClusterDatabases: each database with its limits (the defaults of a new database) and retention (0: forever).</summary>
    private Task ListDatabases(HttpContext ctx) => WriteAsync(ctx, 200, w =>
    {
        w.WriteStartArray();
        foreach (var name in databases.All())
        {
            w.WriteStartObject();
            if (dedicated)
            {
                w.WriteString("accountId", state.AccountId);
                w.WriteString("clusterId", state.ClusterId);
            }

            w.WriteString("name", name);
            w.WriteNumber("maxTables", 500);
            w.WriteNumber("maxColumnsPerTable", 200);
            w.WriteNumber("retentionPeriod", 0);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    });

    private Task GetOne(HttpContext ctx)
    {
        var token = Find(ctx);
        return WriteAsync(ctx, 200, w => WriteToken(w, token, null));
    }

    private async Task Create(HttpContext ctx)
    {
        var root = await BodyAsync(ctx);
        var description = root.TryGetProperty("description", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString()! : null;
        if (description is null) throw new Failure(400, "description is required");
        var permissions = Permissions(root);
        DateTimeOffset? expiresAt = null;
        var type = root.TryGetProperty("expirationType", out var et) && et.ValueKind == JsonValueKind.String ? et.GetString() : null;
        if (type is not (null or "datetime" or "noExpiration")) throw new Failure(400, "expirationType must be datetime or noExpiration");
        if (root.TryGetProperty("expiresAt", out var ea) && ea.ValueKind != JsonValueKind.Null)
        {
            if (ea.ValueKind != JsonValueKind.String || !DateTimeOffset.TryParse(ea.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at))
                throw new Failure(400, "expiresAt must be an RFC3339 date-time");
            if (type == "noExpiration") throw new Failure(400, "expiresAt conflicts with expirationType noExpiration");
            if (at <= state.Now) throw new Failure(400, "expiresAt must be in the future");
            expiresAt = at.ToUniversalTime();
        }
        else if (type == "datetime")
        {
            throw new Failure(400, "expiresAt is required when expirationType is datetime");
        }

        var (token, value) = state.Create(description, permissions, expiresAt);
        await WriteAsync(ctx, 200, w => WriteToken(w, token, value));
    }

    private async Task Patch(HttpContext ctx)
    {
        var token = Find(ctx);
        var root = await BodyAsync(ctx);
        if (!root.EnumerateObject().Any()) throw new Failure(400, "at least one of description and permissions is required");
        if (root.TryGetProperty("expiresAt", out _) || root.TryGetProperty("expirationType", out _))
            throw new Failure(400, "the expiry of a database token cannot be changed");
        if (token.RevokedAt is not null) throw new Failure(409, "the token is revoked");
        string? description = null;
        if (root.TryGetProperty("description", out var d))
            description = d.ValueKind == JsonValueKind.String ? d.GetString() : throw new Failure(400, "description must be a string");
        var permissions = root.TryGetProperty("permissions", out _) ? Permissions(root) : null;
        state.Update(() =>
        {
            if (description is not null) token.Description = description;
            if (permissions is not null) token.Permissions = permissions;
        });
        await WriteAsync(ctx, 200, w => WriteToken(w, token, null));
    }

    private Task Delete(HttpContext ctx)
    {
        var token = Find(ctx);
        if (token.RevokedAt is not null) throw new Failure(404, "not found");
        state.Update(() => token.RevokedAt = state.Now);
        ctx.Response.StatusCode = 204;
        return Task.CompletedTask;
    }

    /// <summary>The data plane: a database token may write if it exists, is active, unrevoked, unexpired and grants write on the database.</summary>
    private async Task Write(HttpContext ctx)
    {
        var header = ctx.Request.Headers.Authorization.ToString();
        var value = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..]
            : header.StartsWith("Token ", StringComparison.OrdinalIgnoreCase) ? header[6..] : "";
        var token = value.Length == 0 ? null : state.FindByValue(value);
        var now = state.Now;
        if (token is null || token.RevokedAt is not null || token.ExpiresAt <= now || now < token.CreatedAt + state.ActivationDelay)
        {
            await GoJson.ErrorAsync(ctx, "unauthorized", "unauthorized access", compact: true);
            return;
        }

        var db = ctx.Request.Query["bucket"].ToString();
        if (!databases.Contains(db))
        {
            await GoJson.ErrorAsync(ctx, "not found", $"database \"{db}\" not found", compact: true);
            return;
        }

        if (!token.Permissions.Any(p => p.Action == "write" && (p.Resource == "*" || p.Resource == db)))
        {
            await GoJson.ErrorAsync(ctx, "forbidden", "insufficient permissions for write", compact: true);
            return;
        }

        ctx.Response.StatusCode = 204;
    }

    private DatabaseToken Find(HttpContext ctx)
    {
        if (!Guid.TryParse(ctx.Request.RouteValues["tokenId"] as string, out var id)) throw new Failure(400, "tokenId must be a UUID");
        return state.Find(id) ?? throw new Failure(404, "not found");
    }

    private static async Task<JsonElement> BodyAsync(HttpContext ctx)
    {
        var text = await GoJson.ReadBodyAsync(ctx);
        try
        {
            var root = JsonDocument.Parse(text).RootElement;
            return root.ValueKind == JsonValueKind.Object ? root : throw new Failure(400, "the body must be a JSON object");
        }
        catch (JsonException)
        {
            throw new Failure(400, "bad request");
        }
    }

    private static List<DatabasePermission> Permissions(JsonElement root)
    {
        var list = new List<DatabasePermission>();
        if (!root.TryGetProperty("permissions", out var perms) || perms.ValueKind == JsonValueKind.Null) return list;
        if (perms.ValueKind != JsonValueKind.Array) throw new Failure(400, "permissions must be an array");
        foreach (var p in perms.EnumerateArray())
        {
            var action = p.TryGetProperty("action", out var a) && a.ValueKind == JsonValueKind.String ? a.GetString() : null;
            var resource = p.TryGetProperty("resource", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null;
            if (action is not ("read" or "write")) throw new Failure(400, "permission action must be read or write");
            if (string.IsNullOrEmpty(resource) || resource.Length > 64) throw new Failure(400, "permission resource must be a database name of 1 to 64 characters, or *");
            list.Add(new DatabasePermission(action, resource));
        }

        return list;
    }

    private void WriteToken(Utf8JsonWriter w, DatabaseToken t, string? accessToken)
    {
        w.WriteStartObject();
        if (dedicated)
        {
            w.WriteString("accountId", state.AccountId);
            w.WriteString("clusterId", state.ClusterId);
        }

        w.WriteString("id", t.Id);
        w.WriteString("description", t.Description);
        w.WriteStartArray("permissions");
        foreach (var p in t.Permissions)
        {
            w.WriteStartObject();
            w.WriteString("action", p.Action);
            w.WriteString("resource", p.Resource);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteString("createdAt", Rfc3339(t.CreatedAt));
        if (t.ExpiresAt is { } e) w.WriteString("expiresAt", Rfc3339(e));
        if (t.RevokedAt is { } r) w.WriteString("revokedAt", Rfc3339(r));
        if (accessToken is not null) w.WriteString("accessToken", accessToken);
        w.WriteEndObject();
    }

    private static string Rfc3339(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static async Task WriteAsync(HttpContext ctx, int status, Action<Utf8JsonWriter> body)
    {
        var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, Pretty)) body(w);
        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = "application/json";
        await ctx.Response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length));
    }
}
