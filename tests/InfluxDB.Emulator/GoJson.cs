using System.Buffers;
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

    /// <summary>
    /// Writes the whole answer with its length, as influxd does for a document. The JSON is built in a buffer kept by
    /// the thread and copied into the response before anything awaits: the emulator shares the client's cores in the
    /// benchmark, and a growing buffer per answer was a large share of its allocation.
    /// </summary>
    public static Task WriteAsync(HttpContext ctx, int status, Action<Utf8JsonWriter> body, bool pretty = true)
    {
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(4096);
        buffer.ResetWrittenCount();
        using (var w = new Utf8JsonWriter(buffer, pretty ? Pretty : Compact)) body(w);
        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = ContentType;
        ctx.Response.ContentLength = buffer.WrittenCount;
        var pipe = ctx.Response.BodyWriter;
        pipe.Write(buffer.WrittenSpan);
        if (buffer.Capacity > 1024 * 1024) t_buffer = null; // not kept after an unusually large answer
        return pipe.FlushAsync().AsTask();
    }

    [ThreadStatic] private static ArrayBufferWriter<byte>? t_buffer;

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
    public static string Time(DateTimeOffset t)
    {
        Span<char> text = stackalloc char[RoundTripTime.Length];
        return new string(Rfc3339Nano(t, text));
    }

    /// <summary>As <see cref="Time"/>, written as a property without making a string (the lists' hot path).</summary>
    public static void WriteTime(Utf8JsonWriter w, string property, DateTimeOffset t)
    {
        Span<char> text = stackalloc char[RoundTripTime.Length];
        w.WriteString(property, Rfc3339Nano(t, text));
    }

    /// <summary>The round-trip format with the fraction's trailing zeros cut, and its dot when nothing is left.</summary>
    private static ReadOnlySpan<char> Rfc3339Nano(DateTimeOffset t, Span<char> text)
    {
        var full = RoundTripTime.Format(t, text);
        var end = full.Length - 1; // before the 'Z'
        while (full[end - 1] == '0') end--;
        if (full[end - 1] == '.') end--;
        full[end] = 'Z';
        return full[..(end + 1)];
    }

    public static async Task<string> ReadBodyAsync(HttpContext ctx)
    {
        using var reader = new StreamReader(ctx.Request.Body, Encoding.UTF8);
        return await reader.ReadToEndAsync();
    }
}
