using System.Text.RegularExpressions;

namespace InfluxDB.Emulator;

/// <summary>
/// Makes chosen requests fail, so clients can be tested against a misbehaving server: a rule matches a
/// method and a path pattern and answers with an error status (and optional Retry-After) instead of the
/// real handler, a set number of times.
/// </summary>
public sealed class Faults
{
    private readonly object _gate = new();
    private readonly List<Rule> _rules = new();

    /// <summary>Added to every request before it is handled: a far-away server, for benchmarks.</summary>
    public TimeSpan Latency { get; set; }

    public sealed class Rule
    {
        public required string Method { get; init; }
        public required Regex Path { get; init; }
        public required int Status { get; init; }
        public string Code { get; init; } = "internal error";
        public string Message { get; init; } = "injected fault";
        public TimeSpan? RetryAfter { get; init; }
        public int Remaining { get; set; }
        public int Fired { get; set; }
    }

    /// <summary>Fails the next <paramref name="times"/> requests of <paramref name="method"/> whose path matches <paramref name="pathPattern"/> (a regex).</summary>
    public Rule Fail(string method, string pathPattern, int status, int times = 1, string? code = null, string? message = null, TimeSpan? retryAfter = null)
    {
        var rule = new Rule
        {
            Method = method,
            Path = new Regex(pathPattern, RegexOptions.CultureInvariant),
            Status = status,
            Code = code ?? GoJsonCode(status),
            Message = message ?? "injected fault",
            RetryAfter = retryAfter,
            Remaining = times,
        };
        lock (_gate) _rules.Add(rule);
        return rule;
    }

    public void Clear()
    {
        lock (_gate) _rules.Clear();
    }

    internal async Task<bool> TryFailAsync(HttpContext ctx)
    {
        Rule? hit;
        lock (_gate)
        {
            hit = _rules.FirstOrDefault(r => r.Remaining > 0 && string.Equals(r.Method, ctx.Request.Method, StringComparison.OrdinalIgnoreCase)
                                             && r.Path.IsMatch(ctx.Request.Path.Value ?? ""));
            if (hit is not null)
            {
                hit.Remaining--;
                hit.Fired++;
            }
        }

        if (hit is null) return false;
        if (hit.RetryAfter is { } wait) ctx.Response.Headers.RetryAfter = ((int)wait.TotalSeconds).ToString();
        ctx.Response.Headers["X-Platform-Error-Code"] = hit.Code;
        await GoJson.WriteAsync(ctx, hit.Status, w =>
        {
            w.WriteStartObject();
            w.WriteString("code", hit.Code);
            w.WriteString("message", hit.Message);
            w.WriteEndObject();
        });
        return true;
    }

    private static string GoJsonCode(int status) => status switch
    {
        400 => "invalid",
        401 => "unauthorized",
        403 => "forbidden",
        404 => "not found",
        429 => "too many requests",
        503 => "unavailable",
        _ => "internal error",
    };
}
