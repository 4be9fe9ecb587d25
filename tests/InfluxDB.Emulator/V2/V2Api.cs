using System.Globalization;
using System.Text.Json;

namespace InfluxDB.Emulator.V2;

/// <summary>An error the handler ends with: a platform error code and message, as influxd writes them.</summary>
public sealed class ApiError(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}

/// <summary>
/// The InfluxDB 2.x HTTP API, as far as token management and its name lookups need it, following
/// shared/reference/influxdb2-authorizations.md §8 (OSS 2.7) and §4.4 (Cloud). Where the reference marks a
/// behaviour unconfirmed, the choice made here is stated next to the code.
/// </summary>
public sealed class V2Api(V2State state)
{
    private static readonly HashSet<string> NamedTypes = new() { "buckets", "orgs", "users" };

    public void Map(IEndpointRouteBuilder app)
    {
        app.MapMethods("/ping", ["GET", "HEAD"], Ping);
        app.MapGet("/health", Health);
        app.MapGet("/api/v2/resources", Authenticated(Resources));
        app.MapGet("/api/v2/me", Authenticated(Me));
        app.MapGet("/api/v2/orgs", Authenticated(Orgs));
        app.MapGet("/api/v2/buckets", Authenticated(Buckets));
        app.MapGet("/api/v2/users", Authenticated(Users));
        app.MapPost("/api/v2/authorizations", Authenticated(Create));
        app.MapGet("/api/v2/authorizations", Authenticated(List));
        app.MapGet("/api/v2/authorizations/{id}", Authenticated(GetOne));
        app.MapPatch("/api/v2/authorizations/{id}", Authenticated(Patch));
        app.MapDelete("/api/v2/authorizations/{id}", Authenticated(Delete));
        app.MapPost("/api/v2/write", Authenticated(Write));
    }

    private bool Cloud => state.Mode == EmulatorMode.Cloud;

    // ---- authentication and authorization -------------------------------------------------------

    /// <summary><c>http/authentication_middleware.go</c>: Token or Bearer, case-insensitive; errors are compact JSON.</summary>
    private RequestDelegate Authenticated(Func<HttpContext, V2Authorization, Task> handler) => async ctx =>
    {
        var header = ctx.Request.Headers.Authorization.ToString();
        string? token = null;
        if (header.StartsWith("Token ", StringComparison.OrdinalIgnoreCase)) token = header[6..];
        else if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) token = header[7..];
        var caller = string.IsNullOrEmpty(token) ? null : state.FindByToken(token);
        if (caller is null)
        {
            await GoJson.ErrorAsync(ctx, "unauthorized", "unauthorized access", compact: true);
            return;
        }

        if (state.FindUser(caller.UserId) is not { Active: true })
        {
            await GoJson.ErrorAsync(ctx, "forbidden", "User is inactive", compact: true);
            return;
        }

        try
        {
            await handler(ctx, caller);
        }
        catch (ApiError e)
        {
            await GoJson.ErrorAsync(ctx, e.Code, e.Message);
        }
    };

    /// <summary>Null when <paramref name="caller"/> holds a permission covering <paramref name="needed"/>; an inactive token holds none.</summary>
    private static ApiError? Denied(V2Authorization caller, V2Permission needed)
    {
        if (caller.Status != "active") return new ApiError("unauthorized", "token is inactive");
        return caller.Permissions.Any(p => p.Covers(needed)) ? null : new ApiError("unauthorized", needed + " is unauthorized");
    }

    private static void Require(V2Authorization caller, V2Permission needed)
    {
        if (Denied(caller, needed) is { } error) throw error;
    }

    private static void RequireRead(V2Authorization caller, V2Authorization a)
    {
        Require(caller, new V2Permission("read", "authorizations", a.Id, a.OrgId));
        Require(caller, new V2Permission("read", "users", a.UserId));
    }

    private static void RequireWrite(V2Authorization caller, V2Authorization a)
    {
        Require(caller, new V2Permission("write", "authorizations", a.Id, a.OrgId));
        Require(caller, new V2Permission("write", "users", a.UserId));
    }

    // ---- small endpoints --------------------------------------------------------------------------

    private Task Ping(HttpContext ctx)
    {
        // Cloud's build name is documented only as "the type of InfluxDB build"; "Cloud" is this emulator's choice.
        ctx.Response.Headers["X-Influxdb-Build"] = Cloud ? "Cloud" : "OSS";
        if (!Cloud) ctx.Response.Headers["X-Influxdb-Version"] = "v2.7.12";
        ctx.Response.StatusCode = 204;
        return Task.CompletedTask;
    }

    private Task Health(HttpContext ctx) => GoJson.WriteAsync(ctx, 200, w =>
    {
        w.WriteStartObject();
        w.WriteString("name", "influxdb");
        w.WriteString("message", "ready for queries and writes");
        w.WriteString("status", "pass");
        w.WriteStartArray("checks");
        w.WriteEndArray();
        if (!Cloud) w.WriteString("version", "v2.7.12");
        w.WriteEndObject();
    });

    /// <summary><c>json.NewEncoder(w).Encode(AllResourceTypes)</c>: compact, with a newline.</summary>
    private async Task Resources(HttpContext ctx, V2Authorization caller)
    {
        ctx.Response.ContentType = "application/json";
        await ctx.Response.WriteAsync(JsonSerializer.Serialize(state.ResourceTypes) + "\n");
    }

    private Task Me(HttpContext ctx, V2Authorization caller)
    {
        var user = state.FindUser(caller.UserId) ?? throw new ApiError("not found", "user not found");
        return GoJson.WriteAsync(ctx, 200, w => WriteUser(w, user));
    }

    private Task Orgs(HttpContext ctx, V2Authorization caller)
    {
        var q = ctx.Request.Query;
        var orgs = state.Orgs().AsEnumerable();
        if (q.TryGetValue("orgID", out var id)) { var oid = ParseId(id); orgs = orgs.Where(o => o.Id == oid); }
        else if (q.TryGetValue("org", out var name))
        {
            orgs = orgs.Where(o => o.Name == name);
            if (!orgs.Any()) throw new ApiError("not found", $"organization name \"{name}\" not found");
        }

        var visible = orgs.Where(o => Denied(caller, new V2Permission("read", "orgs", o.Id)) is null).ToList();
        return GoJson.WriteAsync(ctx, 200, w =>
        {
            w.WriteStartObject();
            Links(w, ("self", "/api/v2/orgs"));
            w.WriteStartArray("orgs");
            foreach (var o in visible)
            {
                w.WriteStartObject();
                Links(w, ("buckets", $"/api/v2/buckets?org={o.Name}"), ("members", $"/api/v2/orgs/{o.Id}/members"),
                    ("owners", $"/api/v2/orgs/{o.Id}/owners"), ("self", $"/api/v2/orgs/{o.Id}"));
                w.WriteString("id", o.Id);
                w.WriteString("name", o.Name);
                w.WriteString("description", "");
                w.WriteString("createdAt", GoJson.Time(o.CreatedAt));
                w.WriteString("updatedAt", GoJson.Time(o.CreatedAt));
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    /// <summary>
    /// An unknown bucket name yields an empty list here (not 404): the reference does not pin this down. Cloud ignores
    /// org and orgID and lists the token's own org, as both contracts say.
    /// </summary>
    private Task Buckets(HttpContext ctx, V2Authorization caller)
    {
        var q = ctx.Request.Query;
        var buckets = state.Buckets().AsEnumerable();
        // The contracts, GET /buckets: Cloud "doesn't use the org parameter or orgID parameter" and lists the token's org.
        if (Cloud) buckets = buckets.Where(b => b.OrgId == caller.OrgId);
        else if (q.TryGetValue("orgID", out var orgId)) { var oid = ParseId(orgId); buckets = buckets.Where(b => b.OrgId == oid); }
        else if (q.TryGetValue("org", out var orgName))
        {
            var org = state.FindOrgByName(orgName!) ?? throw new ApiError("not found", $"organization name \"{orgName}\" not found");
            buckets = buckets.Where(b => b.OrgId == org.Id);
        }

        if (q.TryGetValue("name", out var name)) buckets = buckets.Where(b => b.Name == name);
        if (q.TryGetValue("id", out var id)) { var bid = ParseId(id); buckets = buckets.Where(b => b.Id == bid); }
        var visible = buckets.Where(b => Denied(caller, new V2Permission("read", "buckets", b.Id, b.OrgId)) is null).ToList();
        return GoJson.WriteAsync(ctx, 200, w =>
        {
            w.WriteStartObject();
            Links(w, ("self", "/api/v2/buckets"));
            w.WriteStartArray("buckets");
            foreach (var b in visible)
            {
                w.WriteStartObject();
                w.WriteString("id", b.Id);
                w.WriteString("orgID", b.OrgId);
                w.WriteString("type", "user");
                w.WriteString("name", b.Name);
                w.WriteStartArray("retentionRules");
                w.WriteStartObject();
                w.WriteString("type", "expire");
                w.WriteNumber("everySeconds", 0);
                w.WriteNumber("shardGroupDurationSeconds", 604800);
                w.WriteEndObject();
                w.WriteEndArray();
                w.WriteString("createdAt", GoJson.Time(b.CreatedAt));
                w.WriteString("updatedAt", GoJson.Time(b.CreatedAt));
                Links(w, ("org", $"/api/v2/orgs/{b.OrgId}"), ("self", $"/api/v2/buckets/{b.Id}"));
                w.WriteStartArray("labels");
                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    /// <summary>An unknown user name yields an empty list here (not 404): the reference does not pin this down.</summary>
    private Task Users(HttpContext ctx, V2Authorization caller)
    {
        var q = ctx.Request.Query;
        var users = state.Users().AsEnumerable();
        if (q.TryGetValue("id", out var id)) { var uid = ParseId(id); users = users.Where(u => u.Id == uid); }
        if (q.TryGetValue("name", out var name) && !string.IsNullOrEmpty(name)) users = users.Where(u => u.Name == name);
        var visible = users.Where(u => Denied(caller, new V2Permission("read", "users", u.Id)) is null).ToList();
        return GoJson.WriteAsync(ctx, 200, w =>
        {
            w.WriteStartObject();
            Links(w, ("self", "/api/v2/users"));
            w.WriteStartArray("users");
            foreach (var u in visible) WriteUser(w, u);
            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    // ---- authorizations -----------------------------------------------------------------------------

    /// <summary>POST /api/v2/authorizations, checks in the order of §3.2.</summary>
    private async Task Create(HttpContext ctx, V2Authorization caller)
    {
        var body = await GoJson.ReadBodyAsync(ctx);
        var req = DecodePost(body);

        if (req.Permissions.Count == 0) throw new ApiError("invalid", "authorization must include permissions");
        foreach (var p in req.Permissions)
        {
            if (!state.ResourceTypes.Contains(p.Type)) throw new ApiError("invalid", "invalid resource type for permission: unknown resource type for permission");
            if (p.Action is not ("read" or "write")) throw new ApiError("invalid", "invalid action type for permission: unknown action for permission");
        }

        if (req.OrgId is null) throw new ApiError("invalid", "org id required: invalid ID");
        var status = req.Status is null or "" ? "active" : req.Status;
        if (status is not ("active" or "inactive")) throw new ApiError("invalid", "invalid status: must be active or inactive");
        if (state.FindUser(caller.UserId) is null) throw new ApiError("invalid", "unable to create token");
        var userId = req.UserId ?? caller.UserId;

        Require(caller, new V2Permission("write", "authorizations", OrgId: req.OrgId));
        Require(caller, new V2Permission("write", "users", userId));
        foreach (var p in req.Permissions)
            if (!caller.Permissions.Any(h => h.Covers(p)))
                throw new ApiError("forbidden", $"permission {p} is not allowed: {p} is unauthorized");
        if (req.Permissions.Any(p => p.Type == "instance"))
            throw new ApiError("internal error", "authorizations cannot be created with the instance type, it is only used during setup");

        foreach (var p in req.Permissions)
            if (p.OrgId is not null && p.OrgId != req.OrgId)
                throw new ApiError("invalid", $"permission {p} is not for org id {req.OrgId}");
        if (state.FindUser(userId) is null || state.FindOrg(req.OrgId) is null) throw new ApiError("invalid", "unable to create token");

        var created = state.AddAuthorization(req.OrgId, userId, req.Permissions, req.Description, status);
        await GoJson.WriteAsync(ctx, 201, w => WriteAuthorization(w, created, revealToken: true));
    }

    private Task List(HttpContext ctx, V2Authorization caller)
    {
        var q = ctx.Request.Query;
        string? userId = null, orgId = null, id = null;
        if (q.TryGetValue("userID", out var uid)) userId = ParseId(uid);
        else if (q.TryGetValue("user", out var uname))
            userId = (state.FindUserByName(uname!) ?? throw new ApiError("not found", "user not found")).Id;
        if (q.TryGetValue("orgID", out var oid)) orgId = ParseId(oid);
        else if (q.TryGetValue("org", out var oname))
            orgId = (state.FindOrgByName(oname!) ?? throw new ApiError("not found", $"organization name \"{oname}\" not found")).Id;
        if (q.TryGetValue("id", out var aid))
        {
            id = ParseId(aid);
            if (state.FindAuthorization(id) is null) throw new ApiError("not found", "authorization not found");
        }

        // Cloud only: OSS ignores ?token= (influxdata/influxdb#23857).
        var token = Cloud && q.TryGetValue("token", out var t) ? t.ToString() : null;

        var visible = state.Authorizations()
            .Where(a => (userId is null || a.UserId == userId) && (orgId is null || a.OrgId == orgId) && (id is null || a.Id == id)
                        && (token is null || a.Token == token))
            .Where(a => state.FindOrg(a.OrgId) is not null && state.FindUser(a.UserId) is not null)
            .Where(a => Denied(caller, new V2Permission("read", "authorizations", a.Id, a.OrgId)) is null
                        && Denied(caller, new V2Permission("read", "users", a.UserId)) is null)
            .ToList();

        return StreamListAsync(ctx, visible);
    }

    /// <summary>The list, written as it is produced (<see cref="StreamedArray"/>), so a client's time to first token is its own.</summary>
    private async Task StreamListAsync(HttpContext ctx, List<V2Authorization> visible)
    {
        ctx.Response.StatusCode = 200;
        ctx.Response.ContentType = GoJson.ContentType;
        var pipe = ctx.Response.BodyWriter;
        using var w = new Utf8JsonWriter(pipe, GoJson.PrettyOptions);
        w.WriteStartObject();
        Links(w, ("self", "/api/v2/authorizations"));
        w.WriteStartArray("authorizations");
        await StreamedArray.WriteItemsAsync(w, pipe, visible, (writer, a) => WriteAuthorization(writer, a, revealToken: false), ctx.RequestAborted);

        w.WriteEndArray();
        w.WriteEndObject();
        w.Flush();
        await pipe.FlushAsync(ctx.RequestAborted);
    }

    private Task GetOne(HttpContext ctx, V2Authorization caller)
    {
        var a = Find(ctx);
        RequireRead(caller, a);
        return GoJson.WriteAsync(ctx, 200, w => WriteAuthorization(w, a, revealToken: false));
    }

    /// <summary>PATCH: only status and description change; a body that does not decode is a 500, as in influxd.</summary>
    private async Task Patch(HttpContext ctx, V2Authorization caller)
    {
        var id = ParseId(ctx.Request.RouteValues["id"] as string);
        var (status, description) = DecodePatch(await GoJson.ReadBodyAsync(ctx));
        var a = state.FindAuthorization(id) ?? throw new ApiError("not found", "authorization not found");
        RequireRead(caller, a);
        RequireWrite(caller, a);
        if (status is not null)
        {
            status = status == "" ? "active" : status;
            if (status is not ("active" or "inactive")) throw new ApiError("invalid", "unknown authorization status");
        }

        lock (state.Gate)
        {
            if (status is not null) a.Status = status;
            if (description is not null) a.Description = description;
            a.UpdatedAt = state.Now;
        }

        await GoJson.WriteAsync(ctx, 200, w => WriteAuthorization(w, a, revealToken: false));
    }

    private Task Delete(HttpContext ctx, V2Authorization caller)
    {
        var a = Find(ctx);
        RequireWrite(caller, a);
        if (!state.RemoveAuthorization(a.Id)) throw new ApiError("not found", "authorization not found");
        ctx.Response.StatusCode = 204;
        return Task.CompletedTask;
    }

    // ---- write: proves a token works, or no longer does ---------------------------------------------

    /// <summary>
    /// POST /api/v2/write. A token lacking write on the bucket gets 403 "insufficient permissions for write", as
    /// influxd's write handler answers (EForbidden); the OSS contract lists only 401 here, and the server decides.
    /// </summary>
    private async Task Write(HttpContext ctx, V2Authorization caller)
    {
        var q = ctx.Request.Query;
        V2Org org;
        if (q.TryGetValue("orgID", out var oid)) org = state.FindOrg(ParseId(oid)) ?? throw new ApiError("not found", "organization not found");
        else if (q.TryGetValue("org", out var oname) && !string.IsNullOrEmpty(oname))
            org = state.FindOrgByName(oname!) ?? throw new ApiError("not found", $"organization name \"{oname}\" not found");
        else throw new ApiError("invalid", "Please provide either orgID or org");

        var bucketText = q["bucket"].ToString();
        if (bucketText.Length == 0) throw new ApiError("invalid", "Please provide bucket");
        var bucket = state.FindBucketByName(org.Id, bucketText)
                     ?? (IsId(bucketText) ? state.FindBucket(bucketText.ToLowerInvariant()) : null)
                     ?? throw new ApiError("not found", $"bucket \"{bucketText}\" not found");

        var denied = Denied(caller, new V2Permission("write", "buckets", bucket.Id, bucket.OrgId));
        if (denied is not null)
            throw denied.Message == "token is inactive" ? denied : new ApiError("forbidden", "insufficient permissions for write");

        var body = await GoJson.ReadBodyAsync(ctx);
        var lines = body.Split('\n').Count(l => l.Trim().Length > 0 && !l.TrimStart().StartsWith('#'));
        lock (state.Gate) bucket.LinesWritten += lines;
        ctx.Response.StatusCode = 204;
    }

    // ---- decoding, the way encoding/json and platform.ID fail --------------------------------------

    private sealed record PostRequest(string? Status, string? OrgId, string? UserId, string Description, List<V2Permission> Permissions);

    private static PostRequest DecodePost(string body)
    {
        const string prefix = "invalid json structure: ";
        JsonElement root;
        try
        {
            if (body.Trim().Length == 0) throw new ApiError("invalid", prefix + "EOF");
            root = JsonDocument.Parse(body).RootElement;
        }
        catch (JsonException e)
        {
            throw new ApiError("invalid", prefix + "invalid character: " + e.Message);
        }

        if (root.ValueKind != JsonValueKind.Object)
            throw new ApiError("invalid", prefix + $"json: cannot unmarshal {GoKind(root)} into Go value of type http.postAuthorizationRequest");
        try
        {
            var permissions = new List<V2Permission>();
            if (root.TryGetProperty("permissions", out var perms) && perms.ValueKind == JsonValueKind.Array)
            {
                foreach (var p in perms.EnumerateArray())
                {
                    var resource = p.TryGetProperty("resource", out var r) && r.ValueKind == JsonValueKind.Object ? r : default;
                    permissions.Add(new V2Permission(
                        Str(p, "action", "Permission.action") ?? "",
                        resource.ValueKind == JsonValueKind.Object ? Str(resource, "type", "Resource.type") ?? "" : "",
                        resource.ValueKind == JsonValueKind.Object ? JsonId(resource, "id") : null,
                        resource.ValueKind == JsonValueKind.Object ? JsonId(resource, "orgID") : null));
                }
            }
            else if (root.TryGetProperty("permissions", out perms) && perms.ValueKind != JsonValueKind.Null)
            {
                throw new ApiError("invalid", $"json: cannot unmarshal {GoKind(perms)} into Go struct field postAuthorizationRequest.permissions of type []influxdb.Permission");
            }

            return new PostRequest(
                Str(root, "status", "postAuthorizationRequest.status"),
                JsonId(root, "orgID"),
                JsonId(root, "userID"),
                Str(root, "description", "postAuthorizationRequest.description") ?? "",
                permissions);
        }
        catch (ApiError e)
        {
            throw new ApiError("invalid", prefix + e.Message);
        }
    }

    private static (string? Status, string? Description) DecodePatch(string body)
    {
        if (body.Trim().Length == 0) throw new ApiError("internal error", "EOF");
        JsonElement root;
        try { root = JsonDocument.Parse(body).RootElement; }
        catch (JsonException e) { throw new ApiError("internal error", "invalid character: " + e.Message); }
        if (root.ValueKind != JsonValueKind.Object)
            throw new ApiError("internal error", $"json: cannot unmarshal {GoKind(root)} into Go value of type influxdb.AuthorizationUpdate");
        try
        {
            return (Str(root, "status", "AuthorizationUpdate.status"), Str(root, "description", "AuthorizationUpdate.description"));
        }
        catch (ApiError e)
        {
            throw new ApiError("internal error", e.Message);
        }
    }

    private static string? Str(JsonElement obj, string name, string goField)
    {
        if (!obj.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null) return null;
        if (v.ValueKind != JsonValueKind.String)
            throw new ApiError("invalid", $"json: cannot unmarshal {GoKind(v)} into Go struct field {goField} of type string");
        return v.GetString();
    }

    /// <summary>platform.ID inside a JSON body: a string of 16 hex characters, not zero.</summary>
    private static string? JsonId(JsonElement obj, string name)
    {
        if (!obj.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null) return null;
        if (v.ValueKind != JsonValueKind.String) throw new ApiError("invalid", "id must have a length of 16 bytes");
        return ParseId(v.GetString());
    }

    private static string GoKind(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Array => "array",
        JsonValueKind.Object => "object",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "bool",
        _ => "null",
    };

    /// <summary><c>platform.IDFromString</c>: 16 characters, hexadecimal, not zero.</summary>
    private static string ParseId(string? s)
    {
        if (s is null || s.Length != 16) throw new ApiError("invalid", "id must have a length of 16 bytes");
        if (!ulong.TryParse(s, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value) || value == 0)
            throw new ApiError("invalid", "invalid ID");
        return s.ToLowerInvariant();
    }

    private static bool IsId(string s) =>
        s.Length == 16 && ulong.TryParse(s, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var v) && v != 0;

    private V2Authorization Find(HttpContext ctx) =>
        state.FindAuthorization(ParseId(ctx.Request.RouteValues["id"] as string)) ?? throw new ApiError("not found", "authorization not found");

    // ---- encoding -------------------------------------------------------------------------------------

    /// <summary><c>authResponse</c>, keys in the order influxd writes them.</summary>
    /// <param name="w">Where the JSON goes.</param>
    /// <param name="a">The authorization to write.</param>
    /// <param name="revealToken">True for the create's answer, which carries the value on every product; afterwards
    /// OSS 2.7 shows it, Cloud writes "redacted" and OSS 2.8+ with hashed tokens keeps only a hash, so writes "" (§4.3).</param>
    private void WriteAuthorization(Utf8JsonWriter w, V2Authorization a, bool revealToken)
    {
        w.WriteStartObject();
        w.WriteString("id", a.Id);
        // Cloud redacts after creation; the exact literal is unconfirmed, "redacted" follows the docs' wording.
        w.WriteString("token", revealToken || !(Cloud || state.HashedTokens) ? a.Token : Cloud ? "redacted" : "");
        w.WriteString("status", a.Status);
        w.WriteString("description", a.Description);
        w.WriteString("orgID", a.OrgId);
        w.WriteString("org", state.FindOrg(a.OrgId)?.Name ?? "");
        w.WriteString("userID", a.UserId);
        w.WriteString("user", state.FindUser(a.UserId)?.Name ?? "");
        w.WriteStartArray("permissions");
        foreach (var p in a.Permissions)
        {
            w.WriteStartObject();
            w.WriteString("action", p.Action);
            w.WriteStartObject("resource");
            w.WriteString("type", p.Type);
            if (p.Id is not null) w.WriteString("id", p.Id);
            if (p.OrgId is not null) w.WriteString("orgID", p.OrgId);
            var (name, org) = ResourceNames(p);
            if (name is not null) w.WriteString("name", name);
            if (org is not null) w.WriteString("org", org);
            w.WriteEndObject();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartObject("links");
        WritePath(w, "self", "/api/v2/authorizations/", a.Id);
        WritePath(w, "user", "/api/v2/users/", a.UserId);
        w.WriteEndObject();
        GoJson.WriteTime(w, "createdAt", a.CreatedAt);
        GoJson.WriteTime(w, "updatedAt", a.UpdatedAt);
        w.WriteEndObject();
    }

    /// <summary><c>newPermissionsResponse</c>: names only for buckets/orgs/users with an id; a failed lookup drops both.</summary>
    private (string? Name, string? Org) ResourceNames(V2Permission p)
    {
        string? name = null;
        if (p.Id is not null && NamedTypes.Contains(p.Type))
        {
            name = p.Type switch
            {
                "buckets" => state.FindBucket(p.Id)?.Name,
                "orgs" => state.FindOrg(p.Id)?.Name,
                _ => state.FindUser(p.Id)?.Name,
            };
            if (name is null) return (null, null);
        }

        if (p.OrgId is null) return (name, null);
        var org = state.FindOrg(p.OrgId)?.Name;
        return org is null ? (null, null) : (name, org);
    }

    private static void WriteUser(Utf8JsonWriter w, V2User u)
    {
        w.WriteStartObject();
        w.WriteString("id", u.Id);
        w.WriteString("name", u.Name);
        w.WriteString("status", u.Active ? "active" : "inactive");
        Links(w, ("self", $"/api/v2/users/{u.Id}"));
        w.WriteEndObject();
    }

    /// <summary>A link to one resource, written without making its string (every listed authorization has two).</summary>
    private static void WritePath(Utf8JsonWriter w, string key, string prefix, string id)
    {
        Span<char> path = stackalloc char[prefix.Length + id.Length];
        prefix.AsSpan().CopyTo(path);
        id.AsSpan().CopyTo(path[prefix.Length..]);
        w.WriteString(key, path);
    }

    /// <summary>Go writes map keys sorted; callers pass them in that order.</summary>
    private static void Links(Utf8JsonWriter w, params (string Key, string Value)[] links)
    {
        w.WriteStartObject("links");
        foreach (var (key, value) in links) w.WriteString(key, value);
        w.WriteEndObject();
    }
}
