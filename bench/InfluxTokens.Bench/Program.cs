using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using InfluxDB.Emulator;
using InfluxTokens;
using InfluxTokens.Backends;
using InfluxTokens.Connections;
using InfluxTokens.Leases;
using InfluxTokens.Tokens;
using InfluxTokens.Permissions;

// Fleet-scale figures for InfluxTokens against the emulator on loopback (docs/performance.md).
//   dotnet run -c Release --project bench/InfluxTokens.Bench [-- --quick]
var quick = args.Contains("--quick");
var fleet = quick ? 5_000 : 50_000;
var expired = quick ? 1_000 : 10_000;
var listed = quick ? 10_000 : 100_000;
const int Throttle = 32;
var latency = TimeSpan.FromMilliseconds(10);

Console.WriteLine($"InfluxTokens benchmark — {Environment.ProcessorCount} cores, {RuntimeInformationText()}, {DateTime.UtcNow:u}");
Console.WriteLine();

// 1. The sweep ----------------------------------------------------------------------------------------
await using (var server = await EmulatorServer.StartAsync(new EmulatorOptions()))
{
    server.V2.SeedLeases(fleet, expired, server.Org, server.User, server.Bucket);
    server.V2.SeedLeases(300, 300, server.Org, server.User, server.Bucket, prefix: "sequential");
    using var connection = await Connect(server);
    await Warmup(connection);
    server.Faults.Latency = latency;

    var options = new SweepOptions { MaxRevocations = expired, Description = new[] { "fleet-*" } };
    var total = Stopwatch.StartNew();
    var plan = await TokenSweeper.PlanAsync(connection, options, default);
    var listTime = total.Elapsed;
    var revoked = await RevokeAll(connection.Backend, plan.ToRevoke, Throttle, new SweepRun(connection.Backend, plan, Throttle));
    var wall = total.Elapsed;
    var bound = listTime + TimeSpan.FromMilliseconds(Math.Ceiling(expired / (double)Throttle) * latency.TotalMilliseconds);

    // One at a time, on a sample of 300: the per-token cost a sequential sweep pays.
    var sample = await TokenSweeper.PlanAsync(connection, new SweepOptions { Description = new[] { "sequential-*" } }, default);
    var seq = Stopwatch.StartNew();
    foreach (var t in sample.ToRevoke) await TokenRevocation.RevokeAsync(connection.Backend, t.Id, t.Description, RevokeAction.Delete, default);
    var perToken = seq.Elapsed / sample.ToRevoke.Count;
    var sequentialWall = listTime + perToken * expired;

    Console.WriteLine($"1. Sweep: {fleet:N0} tokens, {expired:N0} expired leases, emulator latency {latency.TotalMilliseconds} ms, ThrottleLimit {Throttle}");
    Console.WriteLine($"   revoked {revoked:N0}; list {listTime.TotalSeconds:F2} s; wall {wall.TotalSeconds:F2} s; bound {bound.TotalSeconds:F2} s (list + ceil({expired}/{Throttle}) x {latency.TotalMilliseconds} ms)");
    Console.WriteLine($"   wall / bound = {wall / bound:F2}  (target <= 1.25)");
    Console.WriteLine($"   sequential: {perToken.TotalMilliseconds:F1} ms per token (sample of {sample.ToRevoke.Count}) -> {sequentialWall.TotalSeconds:F1} s; speed-up {sequentialWall / wall:F1}x  (target >= 25x)");
    Console.WriteLine();
}

// 2. Raw capacity ------------------------------------------------------------------------------------
await using (var server = await EmulatorServer.StartAsync(new EmulatorOptions()))
{
    var n = quick ? 2_000 : 10_000;
    using var connection = await Connect(server);
    await Warmup(connection);
    double moduleRate = 0, plainRate = 0;
    for (var round = 0; round < 2; round++) // the better of two rounds each, alternating, to even out warm-up
    {
        server.V2.SeedLeases(n, n, server.Org, server.User, server.Bucket, prefix: $"module{round}");
        var ids = await Ids(connection, $"module{round}-*");
        var sw = Stopwatch.StartNew();
        await RevokeAll(connection.Backend, ids, Throttle);
        moduleRate = Math.Max(moduleRate, ids.Count / sw.Elapsed.TotalSeconds);

        server.V2.SeedLeases(n, n, server.Org, server.User, server.Bucket, prefix: $"plain{round}");
        var plainIds = (await Ids(connection, $"plain{round}-*")).Select(t => t.Id).ToList();
        plainRate = Math.Max(plainRate, await PlainDeletes(server, plainIds, Throttle));
    }

    Console.WriteLine($"2. Raw capacity: DELETE /api/v2/authorizations/{{id}}, latency 0, {Throttle} at a time, {n:N0} per round");
    Console.WriteLine($"   module {moduleRate:N0}/s; plain HttpClient loop {plainRate:N0}/s; ratio {moduleRate / plainRate:F2}  (target >= 0.7)");
    Console.WriteLine();
}

// 3. Listing ------------------------------------------------------------------------------------------
await using (var server = await EmulatorServer.StartAsync(new EmulatorOptions()))
{
    server.V2.SeedLeases(listed, listed / 5, server.Org, server.User, server.Bucket);
    using var connection = await Connect(server);
    await Warmup(connection);

    // The bytes the server sends, once, into memory: the reference deserialisation works from these.
    using var http = new HttpClient();
    using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(server.Url, "api/v2/authorizations"));
    request.Headers.Authorization = new AuthenticationHeaderValue("Token", server.SetupToken);
    var bytes = await (await http.SendAsync(request)).Content.ReadAsByteArrayAsync();

    var stjTime = TimeSpan.MaxValue;
    int stjCount = 0;
    for (var i = 0; i < 3; i++)
    {
        var sw = Stopwatch.StartNew();
        stjCount = JsonDocumentCount(bytes);
        stjTime = Min(stjTime, sw.Elapsed);
    }

    // The module over real HTTP against the emulator (whose own serialising is part of this figure)...
    var (httpTime, httpFirst, count) = await TimeListing(connection);
    // ...and over an in-memory transport serving the same bytes: the module's own cost, every layer but the socket.
    using var local = await InfluxConnection.OpenAsync(new ConnectionSettings(new Uri("http://memory"), new TokenSecret("t"), "bench") { Org = "my-org" },
        default, new MemoryHandler(bytes));
    var (memoryTime, memoryFirst, memoryCount) = await TimeListing(local);
    var download = TimeSpan.MaxValue;
    for (var i = 0; i < 3; i++)
    {
        var sw = Stopwatch.StartNew();
        using var again = new HttpRequestMessage(HttpMethod.Get, new Uri(server.Url, "api/v2/authorizations"));
        again.Headers.Authorization = new AuthenticationHeaderValue("Token", server.SetupToken);
        await (await http.SendAsync(again)).Content.ReadAsByteArrayAsync();
        download = Min(download, sw.Elapsed);
    }

    // Live memory, in a pass of its own: full collections every 5,000 tokens (they would distort the timings).
    // The baseline is taken once the first token is out (connection, buffers and parser in place).
    long before = 0, live = long.MinValue;
    var seen = 0;
    await foreach (var token in connection.Backend.ListAsync(TokenQuery.All, default))
    {
        if (++seen == 1) before = GC.GetTotalMemory(true);
        else if (seen % 5_000 == 0) live = Math.Max(live, GC.GetTotalMemory(true) - before);
    }

    var stjRate = stjCount / stjTime.TotalSeconds;
    Console.WriteLine($"3. Listing {count:N0} tokens ({bytes.Length / 1_048_576.0:F1} MiB of JSON)");
    Console.WriteLine($"   System.Text.Json from memory, whole document into the wire types: {stjTime.TotalSeconds:F2} s = {stjRate:N0} tokens/s");
    Console.WriteLine($"   module, in-memory transport (streamed parse + token objects): {memoryTime.TotalSeconds:F2} s = {memoryCount / memoryTime.TotalSeconds:N0} tokens/s; ratio {memoryCount / memoryTime.TotalSeconds / stjRate:F2}  (target >= 0.8)");
    Console.WriteLine($"   module over HTTP from the emulator: {httpTime.TotalSeconds:F2} s = {count / httpTime.TotalSeconds:N0} tokens/s; ratio {count / httpTime.TotalSeconds / stjRate:F2}; a bare download of the same list takes {download.TotalSeconds:F2} s");
    Console.WriteLine($"   first token after {httpFirst.TotalMilliseconds:F0} ms over HTTP ({memoryFirst.TotalMilliseconds:F1} ms in memory)");
    Console.WriteLine($"   live managed memory while listing: largest change from the first token on {live / 1024.0:+0;-0} KiB, against a response of {bytes.Length / 1024:N0} KiB (flat: {live <= 1024 * 1024})");
}

return;

static string RuntimeInformationText() => System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription + ", " + System.Runtime.InteropServices.RuntimeInformation.OSDescription;

static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

// The best of three full listings: total time, time to the first token, and the count.
static async Task<(TimeSpan Total, TimeSpan First, int Count)> TimeListing(InfluxConnection connection)
{
    TimeSpan total = TimeSpan.MaxValue, first = TimeSpan.MaxValue;
    var count = 0;
    for (var i = 0; i < 3; i++)
    {
        count = 0;
        var sw = Stopwatch.StartNew();
        var firstSeen = TimeSpan.Zero;
        await foreach (var token in connection.Backend.ListAsync(TokenQuery.All, default))
            if (count++ == 0) firstSeen = sw.Elapsed;
        total = Min(total, sw.Elapsed);
        first = Min(first, firstSeen);
    }

    return (total, first, count);
}

static Task<InfluxConnection> Connect(EmulatorServer server) =>
    InfluxConnection.OpenAsync(new ConnectionSettings(server.Url, new TokenSecret(server.SetupToken), "bench") { Org = "my-org", Timeout = TimeSpan.FromMinutes(5) }, default);

static async Task Warmup(InfluxConnection connection)
{
    for (var i = 0; i < 50; i++) await connection.Backend.GetAsync("0fffffffffffffff", default);
}

static async Task<List<InfluxToken>> Ids(InfluxConnection connection, string pattern) =>
    (await TokenSweeper.PlanAsync(connection, new SweepOptions { Description = new[] { pattern }, MaxRevocations = int.MaxValue }, default)).ToRevoke.ToList();

// Exactly what Invoke-InfluxTokenSweep does after planning: the ordered runner over a SweepRun (re-read, then revoke),
// or over TokenSweeper.RevokeAsync for bulk revocation.
static async Task<int> RevokeAll(ITokenBackend backend, IReadOnlyList<InfluxToken> tokens, int throttle, SweepRun? sweep = null)
{
    // On a thread of its own, as a cmdlet's pipeline thread is: not a thread-pool thread blocked while it waits.
    var revoked = 0;
    var done = new TaskCompletionSource();
    var thread = new Thread(() =>
    {
        using var runner = new OrderedRunner<InfluxToken, (TokenRevocation Result, Exception? Error)>(sweep?.Concurrency ?? throttle,
            (t, ct) => sweep is null ? TokenSweeper.RevokeAsync(backend, t, RevokeAction.Delete, ct) : sweep.RevokeAsync(t, ct), default);
        foreach (var t in tokens)
            foreach (var o in runner.Add(t)) if (o.Result.Result.Outcome == RevokeOutcome.Revoked) revoked++;
        foreach (var o in runner.Drain()) if (o.Result.Result.Outcome == RevokeOutcome.Revoked) revoked++;
        done.SetResult();
    }) { IsBackground = true, Name = "pipeline" };
    thread.Start();
    await done.Task;
    return revoked;
}

// The load generator: a bare HttpClient, the same concurrency, no module code.
static async Task<double> PlainDeletes(EmulatorServer server, List<string> ids, int concurrency)
{
    using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 256 };
    using var client = new HttpClient(handler) { BaseAddress = server.Url };
    var next = -1;
    var sw = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
    {
        int i;
        while ((i = Interlocked.Increment(ref next)) < ids.Count)
        {
            using var request = new HttpRequestMessage(HttpMethod.Delete, "api/v2/authorizations/" + ids[i]);
            request.Headers.Authorization = new AuthenticationHeaderValue("Token", server.SetupToken);
            using var response = await client.SendAsync(request);
            if ((int)response.StatusCode != 204) throw new InvalidOperationException("DELETE answered " + response.StatusCode);
        }
    }));
    return ids.Count / sw.Elapsed.TotalSeconds;
}

// System.Text.Json over the bytes in memory, into the client's own wire types (internal to Core: through its JSON context).
static int JsonDocumentCount(byte[] bytes) => InfluxTokens.Backends.V2.V2JsonProbe.CountAuthorizations(bytes);

// Serves a recorded list (and what connecting asks) from memory.
sealed class MemoryHandler(byte[] list) : HttpMessageHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var path = request.RequestUri!.AbsolutePath;
        var response = new HttpResponseMessage(path == "/ping" ? System.Net.HttpStatusCode.NoContent : System.Net.HttpStatusCode.OK);
        if (path == "/ping") response.Headers.Add("X-Influxdb-Build", "OSS");
        else if (path == "/api/v2/resources") response.Content = new StringContent(JsonSerializer.Serialize(ResourceTypeSet.Oss2.Types));
        else response.Content = new StreamContent(new MemoryStream(list, writable: false));
        return Task.FromResult(response);
    }
}
