using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace InfluxDB.Emulator;

/// <summary>
/// Writes responses the way influxd's <c>kithttp.API</c> does: tab-indented JSON without a trailing newline,
/// <c>Content-Type: application/json; charset=utf-8</c>, and <c>{code,message}</c> errors with
/// <c>X-Platform-Error-Code</c>. Errors raised while authenticating are compact, as in the real server.
/// </summary>
public static class GoJson
{
    // Go's encoder escapes only <, > and & (and U+2028/9); the relaxed encoder is the closest match.
    public static JsonWriterOptions PrettyOptions => Pretty;

    private static readonly JsonWriterOptions Pretty = new() { Indented = true, IndentCharacter = '\t', IndentSize = 1, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly JsonWriterOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public const string ContentType = "application/json; charset=utf-8";

    public static async Task WriteAsync(HttpContext ctx, int status, Action<Utf8JsonWriter> body, bool pretty = true)
    {
        var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, pretty ? Pretty : Compact)) body(w);
        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = ContentType;
        ctx.Response.ContentLength = buffer.Length;
        await ctx.Response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length));
    }

    public static Task ErrorAsync(HttpContext ctx, string code, string message, bool compact = false)
    {
        ctx.Response.Headers["X-Platform-Error-Code"] = code;
        return WriteAsync(ctx, StatusOf(code), w =>
        {
            w.WriteStartObject();
            w.WriteString("code", code);
            w.WriteString("message", message);
            w.WriteEndObject();
        }, pretty: !compact);
    }

    /// <summary><c>kit/transport/http/error_handler.go</c>: platform error code → HTTP status.</summary>
    public static int StatusOf(string code) => code switch
    {
        "internal error" => 500,
        "not implemented" => 501,
        "not found" => 404,
        "conflict" => 422,
        "invalid" => 400,
        "unprocessable entity" => 422,
        "empty value" => 400,
        "unavailable" => 503,
        "forbidden" => 403,
        "too many requests" => 429,
        "unauthorized" => 401,
        "method not allowed" => 405,
        "request too large" => 413,
        _ => 500,
    };

    /// <summary>Go's RFC3339Nano: fractional seconds without trailing zeros.</summary>
    public static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'");

    public static async Task<string> ReadBodyAsync(HttpContext ctx)
    {
        using var reader = new StreamReader(ctx.Request.Body, Encoding.UTF8);
        return await reader.ReadToEndAsync();
    }
}
