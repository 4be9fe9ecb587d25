using System.Text.RegularExpressions;

namespace InfluxDB.Emulator;

/// <summary>The ways a random fault can strike.</summary>
public enum FaultKind
{
    /// <summary>503 with Retry-After: 0, before the work.</summary>
    Unavailable,
    /// <summary>502 from a gateway in front of the server (an HTML page, as nginx sends), before the work.</summary>
    BadGateway,
    /// <summary>429 with Retry-After: 0, before the work.</summary>
    TooManyRequests,
    /// <summary>The connection is dropped before the work.</summary>
    DropBefore,
    /// <summary>The work is done, then the connection is dropped: the client never hears.</summary>
    DropAfter,
    /// <summary>The answer comes after <see cref="Faults.SlowBy"/>.</summary>
    Slow,
    /// <summary>The work is done and half the body is sent, then the connection is dropped.</summary>
    Truncated,
    /// <summary>200 with a body that is not JSON (GET only: a lying DELETE would be undetectable).</summary>
    Malformed,
}

/// <summary>
/// Makes chosen requests fail, so clients can be tested against a misbehaving server: a rule matches a
/// method and a path pattern and answers with an error status (and optional Retry-After) instead of the
/// real handler, a set number of times.
/// </summary>
public sealed class Faults
{
    private readonly object _gate = new();
    private readonly List<Rule> _rules = new();

    /// <summary>
    /// The round trip added to every request: a far-away server, for benchmarks. The request reaches its handler half
    /// of it after arriving (the way there) and its answer leaves the whole of it after arriving, however long the
    /// handler took within that: a real server's work runs on its own cores while the client waits, and this one's,
    /// on the client's cores, overlaps the wait too instead of adding to it.
    /// </summary>
    public TimeSpan Latency { get; set; }

    private long _holding;

    /// <summary>Requests on their way to the handler right now (arrived, not yet handled).</summary>
    public long Holding => Interlocked.Read(ref _holding);

    /// <summary>A request arrives to be held: when it reaches its handler, and when its answer may leave.</summary>
    internal (long Handle, long Answer) BeginHold()
    {
        Interlocked.Increment(ref _holding);
        return LatencyClock.DueAfter(Latency);
    }

    internal void EndHold() => Interlocked.Decrement(ref _holding);

    private Random? _random;
    private double _rate;
    private FaultKind[] _kinds = Array.Empty<FaultKind>();
    private Func<HttpContext, bool> _applies = _ => true;
    private long _requests;
    private readonly Dictionary<FaultKind, int> _struck = new();

    /// <summary>How long a <see cref="FaultKind.Slow"/> answer is held back.</summary>
    public TimeSpan SlowBy { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Requests seen (every one, faulted or not).</summary>
    public long Requests => Interlocked.Read(ref _requests);

    private readonly Dictionary<int, int> _statuses = new();

    /// <summary>The error statuses random faults answered with, by status: the mix a client really saw.</summary>
    public IReadOnlyDictionary<int, int> StatusesSent { get { lock (_gate) return new Dictionary<int, int>(_statuses); } }

    private void Count(int status)
    {
        lock (_gate) _statuses[status] = _statuses.GetValueOrDefault(status) + 1;
    }

    /// <summary>Faults injected so far, by kind.</summary>
    public IReadOnlyDictionary<FaultKind, int> Struck { get { lock (_gate) return new Dictionary<FaultKind, int>(_struck); } }

    /// <summary>From now on, each request that <paramref name="applies"/> (all by default) fails with probability <paramref name="rate"/>, in one of <paramref name="kinds"/>.</summary>
    public void Randomly(double rate, int seed, FaultKind[] kinds, Func<HttpContext, bool>? applies = null)
    {
        lock (_gate)
        {
            _random = new Random(seed);
            _rate = rate;
            _kinds = kinds;
            _applies = applies ?? (_ => true);
        }
    }

    /// <summary>Runs the request through the random faults: returns true when the fault (not the handler) answered it.</summary>
    internal async Task<bool> TryRandomAsync(HttpContext ctx, RequestDelegate next)
    {
        Interlocked.Increment(ref _requests);
        FaultKind? kind = null;
        lock (_gate)
        {
            if (_random is not null && _applies(ctx) && _random.NextDouble() < _rate)
            {
                var k = _kinds[_random.Next(_kinds.Length)];
                if (!(k == FaultKind.Malformed && !HttpMethods.IsGet(ctx.Request.Method)))
                {
                    kind = k;
                    _struck[k] = _struck.GetValueOrDefault(k) + 1;
                }
            }
        }

        switch (kind)
        {
            case null:
                return false;
            case FaultKind.BadGateway:
                Count(502);
                ctx.Response.StatusCode = 502;
                ctx.Response.ContentType = "text/html";
                await ctx.Response.WriteAsync("<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center></body></html>");
                return true;
            case FaultKind.Unavailable or FaultKind.TooManyRequests:
                var status = kind == FaultKind.Unavailable ? 503 : 429;
                Count(status);
                ctx.Response.Headers.RetryAfter = "0";
                await GoJson.ErrorAsync(ctx, status == 429 ? "too many requests" : "unavailable", "injected " + kind);
                return true;
            case FaultKind.DropBefore:
                ctx.Abort();
                return true;
            case FaultKind.Slow:
                await Task.Delay(SlowBy);
                await next(ctx);
                return true;
            case FaultKind.Malformed:
                ctx.Response.StatusCode = 200;
                ctx.Response.ContentType = GoJson.ContentType;
                await ctx.Response.WriteAsync("{\"authorizations\": [ {\"id\": <html>");
                return true;
            default: // DropAfter, Truncated: do the work, then lose (some of) the answer
                var original = ctx.Response.Body;
                var buffer = new MemoryStream();
                ctx.Response.Body = buffer;
                await next(ctx);
                ctx.Response.Body = original;
                if (kind == FaultKind.Truncated && buffer.Length > 1)
                {
                    ctx.Response.ContentLength = buffer.Length;
                    await original.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length / 2));
                    await original.FlushAsync();
                }

                ctx.Abort();
                return true;
        }
    }

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
