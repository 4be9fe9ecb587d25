using System.Collections;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Security;
using System.Text.Json;
using InfluxDB.Client;
using InfluxDB.Emulator;
using InfluxTokens;
using InfluxTokens.Backends;
using InfluxTokens.Backends.V2;
using InfluxTokens.Bench;
using InfluxTokens.Connections;
using InfluxTokens.Http;
using InfluxTokens.Leases;
using InfluxTokens.Tokens;
using InfluxTokens.Permissions;
using BenchScenario = InfluxTokens.Bench.Scenario;
using PeerPermission = InfluxDB.Client.Api.Domain.Permission;
using PeerResource = InfluxDB.Client.Api.Domain.PermissionResource;

// InfluxTokens against the emulator on loopback, InfluxData's C# client beside it, and the floors (docs/performance.md).
//   dotnet run -c Release --project bench/InfluxTokens.Bench [-- --quick]
var quick = args.Contains("--quick");
// A fleet run makes new runspaces: its warm-up takes this many rounds (FleetAsync says why).
var fleetWarmUpRounds = quick ? 1 : 5;
var repetitions = quick ? 2 : 5;
const int Throttle = 32;
var latency = TimeSpan.FromMilliseconds(10);
var only = args.SkipWhile(a => a != "--only").Skip(1).FirstOrDefault(); // one scenario by name, for working on it

Console.WriteLine($"InfluxTokens benchmark — {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}, "
                  + $"{System.Runtime.InteropServices.RuntimeInformation.OSDescription}, {DateTime.UtcNow:u}{(quick ? ", --quick" : "")}");
Console.WriteLine($"Each scenario: a warm-up round (a run of every contender; the fleet has {fleetWarmUpRounds}, printed with their compiling), then {repetitions} repetitions, contenders interleaved (each repetition starts from the next one);");
Console.WriteLine("median and min of the wall time; ratios to the module taken per repetition (median [lowest-highest]); allocated = bytes allocated by the");
Console.WriteLine("whole process (the in-process emulator included), median; peak heap + = highest managed heap (sampled every 2 ms) above the heap after a full GC before the run;");
Console.WriteLine("CPU = processor time of the whole process (client and emulator) during the run, median: on 2 cores, CPU close to 2 x wall means the machine, not waiting, bounds the run.");
Console.WriteLine("late = the rig's own error: how late, past the latency asked, the emulator let a held answer go (mean over the run's requests, in ms; median of the runs);");
Console.WriteLine("the emulator handles a request half way through the latency and answers at its end (docs/emulator.md).");
Console.WriteLine();

if (args.SkipWhile(a => a != "--min-threads").Skip(1).FirstOrDefault() is { } minThreads) // diagnosis: is the thread pool short?
    ThreadPool.SetMinThreads(int.Parse(minThreads, System.Globalization.CultureInfo.InvariantCulture), int.Parse(minThreads, System.Globalization.CultureInfo.InvariantCulture));
using var pwsh = new PowerShellHost();
await RigAsync();

if (only is null or "list") await ListingAsync(quick ? 10_000 : 100_000, full: true);
if (only is null or "list") await ListingAsync(10_000, full: false);
if (only is null or "revoke") await RevokeAsync(quick ? 500 : 2_000);
if (only is null or "create") await CreateConcurrentAsync(quick ? 300 : 1_000);
if (only is null or "create") await CreateSequentialAsync(quick ? 100 : 1_000);
if (only is null or "sweep") await SweepAsync(quick ? 5_000 : 50_000, quick ? 1_000 : 10_000);
using var allocProbe = args.Contains("--alloc-types") ? new AllocProbe() : null; // diagnosis of the fleet, the scenario it was made for
if (only is null or "fleet") await FleetAsync(quick ? 2_000 : 20_000, quick ? 400 : 4_000);
Targets.PrintAll();
return;

// 0. The rig: every latency bound divides by the emulator's latency, so first show that it holds what it is asked ----
async Task RigAsync()
{
    await using var server = await EmulatorServer.StartAsync(new EmulatorOptions());
    using var http = new HttpClient { BaseAddress = server.Url };
    async Task<TimeSpan> RoundTrip()
    {
        var times = new List<TimeSpan>();
        for (var i = 0; i < 60; i++)
        {
            var sw = Stopwatch.StartNew();
            using var response = await http.GetAsync("/health");
            times.Add(sw.Elapsed);
        }

        return Stats.Median(times.Skip(10));
    }

    var bare = await RoundTrip();
    server.Faults.Latency = latency;
    var held = await RoundTrip();
    Console.WriteLine($"== The rig: GET /health one at a time on a warm connection, median of 50: {bare.TotalMilliseconds:F2} ms at latency 0, "
                      + $"{held.TotalMilliseconds:F2} ms at latency {latency.TotalMilliseconds} ms (held {(held - bare).TotalMilliseconds:F2} ms for {latency.TotalMilliseconds} asked)");
    Console.WriteLine();
}

// 1. Listing ---------------------------------------------------------------------------------------------------------
async Task ListingAsync(int n, bool full)
{
    await using var server = await EmulatorServer.StartAsync(new EmulatorOptions());
    server.V2.SeedLeases(n, n / 5, server.Org, server.User, server.Bucket);
    using var connection = await Connect(server);
    await Warmup(connection);
    using var http = new HttpClient();
    var bytes = await ReadAllAsync(http, server, "api/v2/authorizations");
    var total = server.V2.Authorizations().Count;
    using var peer = Peer(server);
    using var memory = await InfluxConnection.OpenAsync(new ConnectionSettings(new Uri("http://memory"), new TokenSecret("t"), "bench") { Org = "my-org" },
        default, new MemoryHandler(bytes));
    if (full) pwsh.Invoke("Connect-InfluxServer @ConnectArgs", new Hashtable { ["ConnectArgs"] = ConnectArgs(server) });

    var s = new BenchScenario($"Listing {total:N0} tokens ({bytes.Length / 1_048_576.0:F1} MiB of JSON, {bytes.Length / total:N0} bytes a token), warm, latency 0",
        "one emulator, one warm connection per contender", repetitions);
    var module = s.Add(new Contender("module: Core, streamed (each token dropped)",
        "await foreach over connection.Backend.ListAsync(TokenQuery.All): HTTP, streamed parse, mapping into InfluxToken",
        _ => Measure.RunAsync(async () => Check(total, await CountAsync(connection))), isReference: true));
    var unread = s.Add(new Contender("module: Core, streamed, values unread", "the same listing as Get-InfluxToken makes it (TokenQuery.WithoutValues: the values OSS 2.7 lists are skipped)",
        _ => Measure.RunAsync(async () => Check(total, await CountAsync(connection, withoutValues: true)))));
    s.Add(new Contender("module: Core, keeping every token (List)", "the same into a List<InfluxToken> (equal work with the peer)",
        _ => Measure.RunAsync(async () => Check(total, (await KeepAsync(connection)).Count))));
    s.Add(new Contender("peer: InfluxDB.Client 5.1.0 (keeps every token)", "GetAuthorizationsApi().FindAuthorizationsAsync(): a List<Authorization>",
        _ => Measure.RunAsync(async () => Check(total, (await peer.GetAuthorizationsApi().FindAuthorizationsAsync()).Count))));
    if (full)
    {
        s.Add(new Contender("System.Text.Json whole document (keeps every)", "JsonSerializer.DeserializeAsync of the HTTP stream into the module's wire types (V2AuthorizationList), no mapping",
            _ => Measure.RunAsync(async () => Check(total, await WholeDocumentAsync(http, server)))));
        s.Add(new Contender("System.Text.Json per element, streamed (dropped)", "the module's StreamingJsonArray over the HTTP stream into wire types, no mapping: the parse the module pays",
            _ => Measure.RunAsync(async () => Check(total, await WireElementsAsync(http, server)))));
        s.Add(new Contender("module: Core, in-memory transport (streamed)", "as the first, over an HttpMessageHandler serving the same bytes from memory: the module alone, no socket, no emulator",
            _ => Measure.RunAsync(async () => Check(total, await CountAsync(memory)))));
        s.Add(new Contender("pwsh: $all = Get-InfluxToken", "Microsoft.PowerShell.SDK 7.6.9 runspace, the staged module, connected once: $all = Get-InfluxToken; $all.Count",
            _ => Measure.Run(() => Check(total, (int)pwsh.Invoke("$all = Get-InfluxToken; $n = $all.Count; $all = $null; $n")[0].BaseObject))));
        pwsh.Invoke("$null", new Hashtable { ["listed"] = await KeepAsync(connection) });
        s.Add(new Contender("pwsh floor: $all = Write-Output $listed", "PowerShell's own per-object cost: the same tokens, listed beforehand, written one by one by a compiled cmdlet and collected",
            _ => Measure.Run(() => Check(total, (int)pwsh.Invoke("$all = Write-Output $listed; $n = $all.Count; $all = $null; $n")[0].BaseObject))));
        // Where the cmdlet's time goes, layer by layer: Core's filter and copy, the pipeline thread's blocking wait, PowerShell's writes.
        s.Add(new Contender("layer: Core's Get-InfluxToken operation", "TokenOperations.GetAsync (the cmdlet's filter, over a listing that leaves token values unread), await foreach",
            _ => Measure.RunAsync(async () => Check(total, await CountOperationAsync(connection)))));
        s.Add(new Contender("layer: ... consumed as the cmdlet does", "the same, on a thread of its own that waits for each MoveNextAsync with CallerThread, as StoppableCmdlet.Stream does",
            _ => Measure.RunAsync(async () => Check(total, await Measure.OnOwnThread(() => CountBlocking(connection))))));
        s.Add(new Contender("pwsh: Get-InfluxToken | Out-Null", "the cmdlet, each token dropped as it comes out (equal work with the Core's streamed listing)",
            _ => Measure.Run(() => pwsh.Invoke("Get-InfluxToken | Out-Null"))));
        var buffer = new byte[128 * 1024];
        s.Add(new Contender("floor: bytes into a reused buffer", "a bare HttpClient GET of the same list, ResponseHeadersRead, read into one reused 128 KiB buffer",
            _ => Measure.RunAsync(async () => Check(bytes.Length, (int)await ReadIntoAsync(http, server.Url, server.SetupToken, "api/v2/authorizations", buffer)))));
        s.Add(new Contender("floor: Utf8JsonReader over the bytes", "every JSON token of the list already in memory (no HTTP, no objects)",
            _ => Measure.Run(() => ReadTokens(bytes))));
    }

    await s.RunAsync();
    if (full) pwsh.Invoke("Remove-Variable listed");
    if (!full)
    {
        Console.WriteLine();
        return;
    }

    var floor = s.Contenders.First(c => c.Name.StartsWith("floor: bytes", StringComparison.Ordinal));
    var inMemory = s.Contenders.First(c => c.Name.Contains("in-memory", StringComparison.Ordinal));
    var getToken = s.Contenders.First(c => c.Name.StartsWith("pwsh: $all", StringComparison.Ordinal));
    var perToken = Stats.Median(inMemory.Samples.Select(x => (double)x.Allocated)) / total;
    var overHttp = Stats.Median(module.Samples.Zip(floor.Samples, (m, f) => (double)(m.Allocated - f.Allocated))) / total;
    Console.WriteLine($"   allocated per token: module alone (in-memory transport) {perToken:N0} B; over HTTP, beyond what the bare read allocates (the emulator's share) {overHttp:N0} B; JSON {bytes.Length / total:N0} B a token");
    Targets.Check($"Core listing / bytes-into-a-buffer floor, {total:N0} tokens (paired median)", Stats.Paired(module, floor).Median, 1.6);
    Targets.Check($"Core listing allocation per token, module alone", perToken / 1000, 1.2, unit: " KB");
    // Equal work: Get-InfluxToken lists without values, so its reference is the Core's listing without values.
    Targets.Check($"$all = Get-InfluxToken / Core streamed listing, values unread as the cmdlet lists, {total:N0} tokens (paired median)", Stats.Paired(getToken, unread).Median, 1.5);
    var streamed = s.Contenders.First(c => c.Name.StartsWith("pwsh: Get-InfluxToken | Out-Null", StringComparison.Ordinal));
    Console.WriteLine($"   $all = Get-InfluxToken / Core streamed listing with values read (the first contender): {BenchScenario.Format(Stats.Paired(getToken, module))}");
    Console.WriteLine($"   at equal work: Get-InfluxToken | Out-Null / Core streamed, values unread {BenchScenario.Format(Stats.Paired(streamed, unread))}");
    Console.WriteLine();
}

// 2. Revocation ------------------------------------------------------------------------------------------------------
async Task RevokeAsync(int n)
{
    await using var server = await EmulatorServer.StartAsync(new EmulatorOptions());
    using var connection = await Connect(server);
    await Warmup(connection);
    using var peer = Peer(server);
    using var bare = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { BaseAddress = server.Url };
    pwsh.Invoke("Connect-InfluxServer @ConnectArgs", new Hashtable { ["ConnectArgs"] = ConnectArgs(server) });
    server.Faults.Latency = latency;
    var bound = Bound(n, latency);

    var s = new BenchScenario($"Revoking {n:N0} tokens, {Throttle} in flight, latency {latency.TotalMilliseconds} ms",
        $"each run revokes {n:N0} freshly seeded tokens; lower bound ceil({n}/{Throttle}) x {latency.TotalMilliseconds} ms = {BenchScenario.Seconds(bound)}", repetitions);
    var module = s.Add(new Contender("module: Core", "TokenSweeper.RevokeAsync through the OrderedRunner (throttle 32) on a thread of its own, as Revoke-InfluxToken runs it",
        async rep =>
        {
            var tokens = await SeedAsync(server, connection, n, $"core{rep + 1}");
            return await Measure.RunAsync(async () => Check(n, await RevokeAll(connection.Backend, tokens, Throttle)));
        }, isReference: true));
    s.Add(new Contender("peer: InfluxDB.Client, Task.WhenAll", "DeleteAuthorizationAsync(id) for every id under Task.WhenAll, a SemaphoreSlim(32) keeping 32 in flight",
        async rep =>
        {
            var ids = (await SeedAsync(server, connection, n, $"peer{rep + 1}")).Select(t => t.Id).ToList();
            var api = peer.GetAuthorizationsApi();
            using var gate = new SemaphoreSlim(Throttle);
            return await Measure.RunAsync(() => Task.WhenAll(ids.Select(async id =>
            {
                await gate.WaitAsync();
                try { await api.DeleteAuthorizationAsync(id); }
                finally { gate.Release(); }
            })));
        }));
    s.Add(new Contender("pwsh: $tokens | Revoke-InfluxToken -ThrottleLimit 32", "the listed tokens piped to Revoke-InfluxToken -ThrottleLimit 32 -Force in the SDK runspace",
        async rep =>
        {
            var tokens = await SeedAsync(server, connection, n, $"pwsh{rep + 1}");
            return await Measure.Run(() => pwsh.Invoke("$input | Revoke-InfluxToken -ThrottleLimit 32 -Force", input: tokens));
        }));
    var bareDeletes = s.Add(new Contender("load generator: bare HttpClient", "32 tasks sending DELETE /api/v2/authorizations/{id} on one HttpClient, no module code",
        async rep =>
        {
            var ids = (await SeedAsync(server, connection, n, $"bare{rep + 1}")).Select(t => t.Id).ToList();
            return await Measure.RunAsync(() => PlainDeletes(bare, server.SetupToken, ids, Throttle));
        }));
    await s.RunAsync();
    Check(0, server.V2.Authorizations().Count(a => a.Description.Contains("[lease", StringComparison.Ordinal)));
    Targets.Check($"revoking {n:N0} at {Throttle} in flight / bound (module median)", module.Median / bound, 1.2,
        machine: $"a bare HttpClient's same DELETEs {bareDeletes.Median / bound:F2}x the bound");
    Console.WriteLine();
}

// 3. Minting, concurrent ---------------------------------------------------------------------------------------------
async Task CreateConcurrentAsync(int n)
{
    await using var server = await EmulatorServer.StartAsync(new EmulatorOptions());
    using var peer = Peer(server);
    server.Faults.Latency = latency;
    var bound = Bound(n, latency);
    var csv = Path.Combine(Path.GetTempPath(), $"influxtokens-bench-{Environment.ProcessId}.csv");
    var s = new BenchScenario($"Minting {n:N0} tokens, {Throttle} at once, latency {latency.TotalMilliseconds} ms",
        $"each run on a fresh connection (its name lookups included); lower bound ceil({n}/{Throttle}) x {latency.TotalMilliseconds} ms = {BenchScenario.Seconds(bound)}", repetitions);
    var module = s.Add(new Contender("module: Core", "TokenOperations.NewAsync (write:buckets/my-bucket, a 30-day lease) through the OrderedRunner (throttle 32) on a thread of its own, as New-InfluxToken runs it",
        async rep =>
        {
            using var connection = await Connect(server);
            var specs = Enumerable.Range(0, n).Select(i => MintSpec($"core{rep + 1}-{i}")).ToList();
            return await Measure.RunAsync(async () =>
                Check(n, (await OnPipelineThread(specs, Throttle, (spec, ct) => TokenOperations.NewAsync(connection.Backend, spec, false, ct))).Count(f => f.Error is null)));
        }, isReference: true));
    var cmdlet = s.Add(new Contender("pwsh: Import-Csv | New-InfluxToken -ThrottleLimit 32", "a CSV of Description,Write,ExpiresIn rows piped to New-InfluxToken -ThrottleLimit 32 -Force, after a fresh Connect-InfluxServer",
        async rep =>
        {
            await File.WriteAllLinesAsync(csv, new[] { "Description,Write,ExpiresIn" }.Concat(Enumerable.Range(0, n).Select(i => $"pwsh{rep + 1}-{i},my-bucket,30d")));
            pwsh.Invoke("Connect-InfluxServer @ConnectArgs", new Hashtable { ["ConnectArgs"] = ConnectArgs(server) });
            return await Measure.Run(() => Check(n, pwsh.Invoke("Import-Csv $Csv | New-InfluxToken -ThrottleLimit 32 -Force", new Hashtable { ["Csv"] = csv }).Count));
        }));
    s.Add(new Contender("peer: InfluxDB.Client, 32 at once", "FindBucketByNameAsync once, then CreateAuthorizationAsync for each under Task.WhenAll, a SemaphoreSlim(32)",
        async rep =>
        {
            using var fresh = Peer(server);
            return await Measure.RunAsync(async () =>
            {
                var bucket = await fresh.GetBucketsApi().FindBucketByNameAsync("my-bucket");
                using var gate = new SemaphoreSlim(Throttle);
                await Task.WhenAll(Enumerable.Range(0, n).Select(async i =>
                {
                    await gate.WaitAsync();
                    try { await fresh.GetAuthorizationsApi().CreateAuthorizationAsync(PeerSpec(bucket.OrgID, bucket.Id, $"peer{rep + 1}-{i}")); }
                    finally { gate.Release(); }
                }));
            });
        }));
    var barePosts = s.Add(new Contender("load generator: bare HttpClient", "32 tasks sending the same POST /api/v2/authorizations body (ids known beforehand) on one HttpClient, no module code",
        async rep =>
        {
            using var bare = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { BaseAddress = server.Url };
            return await Measure.RunAsync(() => PlainCreates(bare, server, n, $"bare{rep + 1}", Throttle));
        }));
    await s.RunAsync();
    File.Delete(csv);
    var machine = $"a bare HttpClient's same POSTs {barePosts.Median / bound:F2}x the bound";
    Targets.Check($"minting {n:N0} at {Throttle} / bound, Core (median)", module.Median / bound, 1.25, machine: machine);
    Targets.Check($"minting {n:N0} with Import-Csv | New-InfluxToken -ThrottleLimit 32 / bound (median)", cmdlet.Median / bound, 1.25, machine: machine);
    Console.WriteLine();
}

// 4. Minting, one at a time ------------------------------------------------------------------------------------------
async Task CreateSequentialAsync(int n)
{
    await using var server = await EmulatorServer.StartAsync(new EmulatorOptions());
    using var peer = Peer(server);
    server.Faults.Latency = latency;
    var s = new BenchScenario($"Minting {n:N0} tokens one at a time, latency {latency.TotalMilliseconds} ms",
        $"each run on a fresh connection; lower bound {n} x {latency.TotalMilliseconds} ms = {BenchScenario.Seconds(latency * n)}", repetitions);
    s.Add(new Contender("module: Core, one at a time", "await TokenOperations.NewAsync for each spec in turn",
        async rep =>
        {
            using var connection = await Connect(server);
            return await Measure.RunAsync(async () =>
            {
                for (var i = 0; i < n; i++) await TokenOperations.NewAsync(connection.Backend, MintSpec($"seq-core{rep + 1}-{i}"), false, default);
            });
        }, isReference: true));
    s.Add(new Contender("peer: InfluxDB.Client, one at a time", "FindBucketByNameAsync once, then await CreateAuthorizationAsync for each in turn",
        async rep =>
        {
            using var fresh = Peer(server);
            return await Measure.RunAsync(async () =>
            {
                var bucket = await fresh.GetBucketsApi().FindBucketByNameAsync("my-bucket");
                for (var i = 0; i < n; i++) await fresh.GetAuthorizationsApi().CreateAuthorizationAsync(PeerSpec(bucket.OrgID, bucket.Id, $"seq-peer{rep + 1}-{i}"));
            });
        }));
    await s.RunAsync();
    Console.WriteLine();
}

// 5. The sweep -------------------------------------------------------------------------------------------------------
async Task SweepAsync(int fleet, int expired)
{
    const int SequentialSample = 200;
    var bound = new List<TimeSpan>();
    var speedUp = new List<double>();
    var floors = new List<TimeSpan>();
    var roundsTime = Bound(expired, latency); // ceil(expired / Throttle) rounds of the latency
    var plans = new List<TimeSpan>();
    var revoking = new List<double>();
    var s = new BenchScenario($"Sweep: {fleet:N0} tokens, {expired:N0} expired leases, latency {latency.TotalMilliseconds} ms, ThrottleLimit {Throttle}, with the re-check",
        "each run on a fresh emulator; the plan (one streamed list) then a GET and a DELETE per due token through SweepRun", repetitions);
    var module = s.Add(new Contender("module: Core sweep", "SweepSession: the plan, then each due token re-read and revoked (BulkRun over SweepRun), on a thread of its own, as Invoke-InfluxTokenSweep drives it",
        async rep =>
        {
            await using var server = await EmulatorServer.StartAsync(new EmulatorOptions());
            server.V2.SeedLeases(fleet, expired, server.Org, server.User, server.Bucket);
            server.V2.SeedLeases(SequentialSample, SequentialSample, server.Org, server.User, server.Bucket, prefix: "sequential");
            using var connection = await Connect(server);
            await Warmup(connection);
            server.Faults.Latency = latency;
            // The floor of the list, warm, at the same latency: its bytes read by a bare client into a reused buffer.
            using var http = new HttpClient();
            var buffer = new byte[128 * 1024];
            var floor = TimeSpan.MaxValue;
            for (var i = 0; i < 3; i++)
            {
                var sw = Stopwatch.StartNew();
                await ReadIntoAsync(http, server.Url, server.SetupToken, "api/v2/authorizations", buffer);
                floor = sw.Elapsed < floor ? sw.Elapsed : floor;
            }

            TimeSpan list = default;
            var options = new SweepOptions { MaxRevocations = expired, Description = new[] { "fleet-*" } };
            var sample = await Measure.RunAsync(async () =>
            {
                var sw = Stopwatch.StartNew();
                Check(expired, await CoreSweepAsync(connection, options, () => list = sw.Elapsed));
            });

            // One at a time, with the same re-check, on a sample: the per-token cost of a sequential sweep.
            var samplePlan = await TokenSweeper.PlanAsync(connection, new SweepOptions { Description = new[] { "sequential-*" }, MaxRevocations = SequentialSample }, default);
            using var sequentialRun = new SweepRun(connection.Backend, samplePlan, 1);
            var seq = Stopwatch.StartNew();
            Check(SequentialSample, await RevokeAll(connection.Backend, samplePlan.ToRevoke, 1, sequentialRun));
            var sequentialWall = list + seq.Elapsed / SequentialSample * expired;
            if (rep >= 0)
            {
                floors.Add(floor);
                plans.Add(list);
                revoking.Add((sample.Elapsed - list) / roundsTime);
                bound.Add(floor + roundsTime);
                speedUp.Add(sequentialWall / sample.Elapsed);
            }

            return sample;
        }, isReference: true));
    await s.RunAsync();
    var ratios = module.Samples.Zip(bound, (m, b) => m.Elapsed / b).ToList();
    Console.WriteLine($"   floor of the list (bare read into a reused buffer, warm, same latency, best of 3 per run): median {BenchScenario.Seconds(Stats.Median(floors))}");
    // Where the wall goes: the plan (its list, the own-token check, the sort) against that floor, the revoking against its rounds.
    Console.WriteLine($"   the module's plan per run: median {BenchScenario.Seconds(Stats.Median(plans))}; the revoking after it / ceil({expired}/{Throttle}) x {latency.TotalMilliseconds} ms per run: {string.Join(", ", revoking.Select(r => r.ToString("F2")))}");
    Console.WriteLine($"   bound per run = that floor + ceil({expired}/{Throttle}) x {latency.TotalMilliseconds} ms: median {BenchScenario.Seconds(Stats.Median(bound))}");
    Console.WriteLine($"   wall / bound per run: {string.Join(", ", ratios.Select(r => r.ToString("F2")))}");
    Console.WriteLine($"   sequential (SweepRun at 1, same re-check, {SequentialSample} tokens timed, scaled to {expired:N0}, plus the run's list time) / wall per run: {string.Join(", ", speedUp.Select(r => r.ToString("F1")))}");
    Targets.Check("sweep wall / honest bound (median of the per-run ratios)", Stats.Median(ratios), 1.3,
        machine: $"the rig's held answers {Stats.Median(module.Samples.Select(x => x.HeldLate)).TotalMilliseconds:F2} ms late");
    Targets.Check("sweep speed-up over one at a time (median)", Stats.Median(speedUp), 25, atMost: false);
    Console.WriteLine();
}

// 6. A fleet ---------------------------------------------------------------------------------------------------------
async Task FleetAsync(int tokens, int expired)
{
    var modes = new[] { EmulatorMode.Oss, EmulatorMode.Cloud, EmulatorMode.Core, EmulatorMode.Enterprise };
    const string Sweep = """
        $input | ForEach-Object -ThrottleLimit 4 -Parallel {
            Import-Module $using:Manifest
            $connect = $_
            Connect-InfluxServer @connect
            Invoke-InfluxTokenSweep -Description 'fleet-*' -Force -MaxRevocations 100000 -ThrottleLimit 32 | Select-Object -Last 1
        }
        """;
    const string StartUp = """
        $input | ForEach-Object -ThrottleLimit 4 -Parallel {
            Import-Module $using:Manifest
            $connect = $_
            Connect-InfluxServer @connect
        }
        """;
    var singles = modes.ToDictionary(m => m, _ => new List<TimeSpan>());
    var manifest = new Hashtable { ["Manifest"] = PowerShellHost.Manifest };
    int Revoked(IEnumerable<Hashtable> splats) => pwsh.Invoke(Sweep, manifest, splats).Sum(o => (int)o.Properties["Revoked"].Value);

    // Every run meets fresh servers (seeded, warmed), disposed after it.
    async Task<Sample> OnFreshFleetAsync(int seeded, int due, Func<List<EmulatorServer>, Task<Sample>> run)
    {
        var servers = await StartFleetAsync(modes, seeded, due);
        try
        {
            return await run(servers);
        }
        finally
        {
            foreach (var server in servers) await server.DisposeAsync();
        }
    }

    // Several warm-up rounds, not one: a runspace runs PowerShell's start-up code once, and the runtime optimises a method
    // after some 30 calls, so with one round (12 runspaces) the timed runs still compiled 0.4-0.8 s of PowerShell.
    var s = new BenchScenario($"A fleet: {string.Join(", ", modes)}, {tokens:N0} tokens each ({expired:N0} expired), latency {latency.TotalMilliseconds} ms",
        "fresh emulators per run; the same script in the SDK runspace: ForEach-Object -Parallel { Import-Module; Connect-InfluxServer; Invoke-InfluxTokenSweep -ThrottleLimit 32 }", repetitions,
        warmUpRounds: fleetWarmUpRounds);
    var fleet = s.Add(new Contender("four servers at once", "the four connection splats piped to one ForEach-Object -Parallel -ThrottleLimit 4",
        rep => OnFreshFleetAsync(tokens, expired, servers =>
        {
            var input = servers.Select(ConnectArgs).ToList();
            return Measure.Run(() => Check(modes.Length * expired, Revoked(input)));
        }), isReference: true));
    var alone = s.Add(new Contender("each server alone (the slowest of four)", "the same pipeline over one splat at a time, in turn; the figure is the slowest one's wall",
        rep => OnFreshFleetAsync(tokens, expired, async servers =>
        {
            var walls = await EachAloneAsync(servers, server => Measure.Run(() => Check(expired, Revoked(new[] { ConnectArgs(server) }))));
            if (rep >= 0)
                for (var i = 0; i < modes.Length; i++) singles[modes[i]].Add(walls[i].Elapsed);
            return walls.MaxBy(w => w.Elapsed)!;
        })));
    s.Add(new Contender("four at once, start-up only", "the same ForEach-Object -Parallel over the four splats, Import-Module and Connect-InfluxServer only: what the fleet pays before sweeping",
        rep => OnFreshFleetAsync(0, 0, servers =>
        {
            var input = servers.Select(ConnectArgs).ToList();
            return Measure.Run(() => pwsh.Invoke(StartUp, manifest, input));
        })));
    s.Add(new Contender("the module's Core, four at once", "what the fleet is without PowerShell: per server a connection opened and Core's sweep (SweepSession, as the cmdlet drives it), all four at once",
        rep => OnFreshFleetAsync(tokens, expired, servers =>
        {
            var options = new SweepOptions { MaxRevocations = 100_000, Description = new[] { "fleet-*" } };
            return Measure.RunAsync(async () => Check(modes.Length * expired, (await Task.WhenAll(servers.Select(async server =>
            {
                using var connection = await Connect(server);
                return await CoreSweepAsync(connection, options);
            }))).Sum()));
        })));
    var bareFleet = s.Add(new Contender("load generator: bare, four at once", "the requests a sweep sends, from a bare HttpClient per server, all four at once: the list read into a reused buffer, then for each due token (known beforehand) a GET on 2.x and a DELETE, 32 deletes in flight and re-reads 32 ahead as the sweep has; no module, no PowerShell",
        rep => OnFreshFleetAsync(tokens, expired, async servers =>
        {
            var clients = servers.Select(_ => BareClient()).ToList();
            try
            {
                var due = servers.Select(server => DueOf(server, expired)).ToList();
                return await Measure.RunAsync(async () =>
                    Check(modes.Length * expired, (await Task.WhenAll(servers.Select((server, i) => BareSweepAsync(clients[i], server, due[i], Throttle)))).Sum()));
            }
            finally
            {
                foreach (var client in clients) client.Dispose();
            }
        })));
    var bareAlone = s.Add(new Contender("load generator: bare, each alone (slowest)", "the same bare requests to one server at a time, in turn; the figure is the slowest one's wall",
        rep => OnFreshFleetAsync(tokens, expired, async servers =>
            (await EachAloneAsync(servers, async server =>
            {
                using var client = BareClient();
                var due = DueOf(server, expired);
                return await Measure.RunAsync(async () => Check(expired, await BareSweepAsync(client, server, due, Throttle)));
            })).MaxBy(w => w.Elapsed)!)));
    await s.RunAsync();
    Console.WriteLine("   each alone, median: " + string.Join(", ", modes.Select(m => $"{m} {BenchScenario.Seconds(Stats.Median(singles[m]))}")));
    var (bareMedian, bareLow, bareHigh) = Stats.Paired(bareFleet, bareAlone);
    Console.WriteLine($"   the machine: a bare HttpClient's four at once / its slowest alone (paired): {bareMedian:F2} [{bareLow:F2}-{bareHigh:F2}]");
    Targets.Check("fleet of four at once / slowest single sweep (paired median)", Stats.Paired(fleet, alone).Median, 1.3,
        machine: $"a bare HttpClient per server, four at once / alone {bareMedian:F2}x");
    if (args.Contains("--alloc-types")) AllocProbe.Print();
    Console.WriteLine();
}

// Helpers ------------------------------------------------------------------------------------------------------------
static void Check(long expected, long actual)
{
    if (expected != actual) throw new InvalidOperationException($"expected {expected}, got {actual}: a contender did not do the whole work");
}

static TimeSpan Bound(int n, TimeSpan latency) => latency * Math.Ceiling(n / (double)Throttle);

static Task<InfluxConnection> Connect(EmulatorServer server) =>
    InfluxConnection.OpenAsync(new ConnectionSettings(server.Url, new TokenSecret(server.SetupToken), "bench")
    {
        Org = server.Options.Mode is EmulatorMode.Oss or EmulatorMode.Cloud ? "my-org" : null,
        Timeout = TimeSpan.FromMinutes(5),
    }, default);

static Hashtable ConnectArgs(EmulatorServer server)
{
    var token = new SecureString();
    foreach (var c in server.SetupToken) token.AppendChar(c);
    var args = new Hashtable { ["Url"] = server.Url, ["Token"] = token, ["TimeoutSec"] = 300 };
    if (server.Options.Mode is EmulatorMode.Oss or EmulatorMode.Cloud) args["Org"] = "my-org";
    return args;
}

static InfluxDBClient Peer(EmulatorServer server) =>
    new(new InfluxDBClientOptions(server.Url.ToString()) { Token = server.SetupToken, Timeout = TimeSpan.FromMinutes(5) });

// A fresh emulator builds its routing tables on its first request and compiles them on a background thread, and its
// service container compiles what it resolves often: a fleet of four fresh servers did that inside the timed run, 4 x the JIT
// of one. Here, outside any timing, each server is connected to and sent a read and a delete of a token it does not have,
// and the pause after seeding lets the compiling finish, so every run meets a warm server, as a real one is.
static async Task WarmFreshServerAsync(EmulatorServer server)
{
    var absent = server.Options.Mode is EmulatorMode.Oss or EmulatorMode.Cloud ? "0fffffffffffffff" : "no-such-token";
    using var connection = await Connect(server);
    await connection.Backend.GetAsync(absent, default);
    try { await connection.Backend.DeleteAsync(absent, default); }
    catch (InfluxApiException ex) when (ex.StatusCode == 404) { } // not found, as asked
}

// A warm connection (the scenario's own, reused by its runs): 50 reads of a token the server does not have.
static async Task Warmup(InfluxConnection connection)
{
    for (var i = 0; i < 50; i++) await connection.Backend.GetAsync("0fffffffffffffff", default);
}

static async Task<int> CountAsync(InfluxConnection connection, bool withoutValues = false)
{
    var n = 0;
    await foreach (var _ in connection.Backend.ListAsync(new TokenQuery { WithoutValues = withoutValues }, default)) n++;
    return n;
}

static async Task<int> CountOperationAsync(InfluxConnection connection)
{
    var n = 0;
    await foreach (var _ in TokenOperations.GetAsync(connection.Backend, new TokenFilter(), default)) n++;
    return n;
}

static int CountBlocking(InfluxConnection connection) =>
    CallerThread.Enumerate(TokenOperations.GetAsync(connection.Backend, new TokenFilter(), default), default).Count();

static async Task<List<InfluxToken>> KeepAsync(InfluxConnection connection)
{
    var all = new List<InfluxToken>();
    await foreach (var t in connection.Backend.ListAsync(TokenQuery.All, default)) all.Add(t);
    return all;
}

static HttpRequestMessage ListRequest(Uri url, string token, string path, string scheme = "Token")
{
    var request = new HttpRequestMessage(HttpMethod.Get, new Uri(url, path));
    request.Headers.Authorization = new AuthenticationHeaderValue(scheme, token);
    return request;
}

static async Task<byte[]> ReadAllAsync(HttpClient http, EmulatorServer server, string path)
{
    using var request = ListRequest(server.Url, server.SetupToken, path);
    using var response = await http.SendAsync(request);
    return await response.Content.ReadAsByteArrayAsync();
}

static async Task<long> ReadIntoAsync(HttpClient http, Uri url, string token, string path, byte[] buffer, string scheme = "Token")
{
    using var request = ListRequest(url, token, path, scheme);
    using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    await using var stream = await response.Content.ReadAsStreamAsync();
    long total = 0;
    int read;
    while ((read = await stream.ReadAsync(buffer)) > 0) total += read;
    return total;
}

static async Task<int> WholeDocumentAsync(HttpClient http, EmulatorServer server)
{
    using var request = ListRequest(server.Url, server.SetupToken, "api/v2/authorizations");
    using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    await using var stream = await response.Content.ReadAsStreamAsync();
    return (await JsonSerializer.DeserializeAsync(stream, V2Json.Default.V2AuthorizationList))!.Authorizations!.Count;
}

static async Task<int> WireElementsAsync(HttpClient http, EmulatorServer server)
{
    using var request = ListRequest(server.Url, server.SetupToken, "api/v2/authorizations");
    using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    await using var stream = await response.Content.ReadAsStreamAsync();
    var n = 0;
    await foreach (var _ in StreamingJsonArray.ReadAsync(stream, "authorizations", V2Json.Default.V2Authorization, default)) n++;
    return n;
}

static void ReadTokens(byte[] bytes)
{
    var reader = new Utf8JsonReader(bytes);
    while (reader.Read()) { }
}

// Seeds n expired leases named prefix-i and lists them back through Core (outside any timing).
static async Task<List<InfluxToken>> SeedAsync(EmulatorServer server, InfluxConnection connection, int n, string prefix)
{
    server.V2.SeedLeases(n, n, server.Org, server.User, server.Bucket, prefix);
    var plan = await TokenSweeper.PlanAsync(connection, new SweepOptions { Description = new[] { prefix + "-*" }, MaxRevocations = int.MaxValue }, default);
    Check(n, plan.ToRevoke.Count);
    return plan.ToRevoke.ToList();
}

static TokenSpec MintSpec(string description) => new()
{
    Description = description,
    Permissions = new[] { Permission.Parse("write:buckets/my-bucket") },
    ExpiresAt = DateTimeOffset.UtcNow.AddDays(30),
};

static InfluxDB.Client.Api.Domain.AuthorizationPostRequest PeerSpec(string orgId, string bucketId, string description) =>
    new(orgId, null, new List<PeerPermission> { new(PeerPermission.ActionEnum.Write, new PeerResource("buckets", bucketId, null, orgId, null)) }, null,
        LeaseMarker.Compose(description, DateTimeOffset.UtcNow.AddDays(30)));

// On a thread of its own, as a cmdlet's pipeline thread is: the ordered runner, fed and drained there.
static Task<List<Finished<TIn, TOut>>> OnPipelineThread<TIn, TOut>(IReadOnlyList<TIn> items, int throttle, Func<TIn, CancellationToken, Task<TOut>> work) =>
    Measure.OnOwnThread(() =>
    {
        var results = new List<Finished<TIn, TOut>>(items.Count);
        using var runner = new OrderedRunner<TIn, TOut>(throttle, work, default);
        foreach (var item in items) results.AddRange(runner.Add(item));
        results.AddRange(runner.Drain());
        return results;
    });

// What Revoke-InfluxToken and Invoke-InfluxTokenSweep do after listing: the ordered runner over TokenSweeper.RevokeAsync,
// or over a SweepRun (re-read, then revoke).
static async Task<int> RevokeAll(ITokenBackend backend, IReadOnlyList<InfluxToken> tokens, int throttle, SweepRun? sweep = null)
{
    var outcomes = await OnPipelineThread(tokens, sweep?.Concurrency ?? throttle,
        (t, ct) => sweep is null ? TokenSweeper.RevokeAsync(backend, t, RevokeAction.Delete, ct) : sweep.RevokeAsync(t, ct));
    return outcomes.Count(o => o.Error is null && o.Result.Error is null && o.Result.Result.Outcome == RevokeOutcome.Revoked);
}

// The bare load generators: `concurrency` workers taking the next of n requests until none is left.
static Task Workers(int n, int concurrency, Func<int, Task> one)
{
    var next = -1;
    return Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
    {
        int i;
        while ((i = Interlocked.Increment(ref next)) < n) await one(i);
    }));
}

static Task PlainDeletes(HttpClient client, string token, List<string> ids, int concurrency) =>
    Workers(ids.Count, concurrency, async i =>
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, "api/v2/authorizations/" + ids[i]);
        request.Headers.Authorization = new AuthenticationHeaderValue("Token", token);
        using var response = await client.SendAsync(request);
        if ((int)response.StatusCode != 204) throw new InvalidOperationException("DELETE answered " + response.StatusCode);
    });

static Task PlainCreates(HttpClient client, EmulatorServer server, int n, string prefix, int concurrency) =>
    Workers(n, concurrency, async i =>
    {
        var body = JsonSerializer.Serialize(new
        {
            orgID = server.Org.Id,
            description = LeaseMarker.Compose($"{prefix}-{i}", DateTimeOffset.UtcNow.AddDays(30)),
            permissions = new[] { new { action = "write", resource = new { type = "buckets", id = server.Bucket.Id, orgID = server.Org.Id } } },
        });
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/v2/authorizations") { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Token", server.SetupToken);
        using var response = await client.SendAsync(request);
        if ((int)response.StatusCode != 201) throw new InvalidOperationException("POST answered " + response.StatusCode);
        await response.Content.ReadAsByteArrayAsync();
    });

// Core's sweep exactly as the cmdlet drives it: SweepSession (the plan, then each due token re-read and revoked), the
// revoking on a thread of its own, as a pipeline thread is; the tokens revoked, as the sweep's own summary counts them.
static async Task<int> CoreSweepAsync(InfluxConnection connection, SweepOptions options, Action? planned = null)
{
    using var sweep = await SweepSession.StartAsync(connection, options, Throttle, default);
    planned?.Invoke();
    return await Measure.OnOwnThread(() =>
    {
        var events = sweep.Opening().Concat(sweep.Due.SelectMany(sweep.Add)).Concat(sweep.Finish());
        return events.OfType<InfluxTokens.Tokens.Events.ItemDone>().Select(e => e.Result).OfType<SweepSummary>().Single().Revoked;
    });
}

// One server at a time, in turn: each one's own timed run.
static async Task<List<Sample>> EachAloneAsync(List<EmulatorServer> servers, Func<EmulatorServer, Task<Sample>> one)
{
    var walls = new List<Sample>();
    foreach (var server in servers) walls.Add(await one(server));
    return walls;
}

static HttpClient BareClient() => new(new SocketsHttpHandler { MaxConnectionsPerServer = 256 });

// The due tokens of a seeded fleet server, as the sweep would find them: 2.x ids, InfluxDB 3 names.
static List<string> DueOf(EmulatorServer server, int expired) => server.Options.Mode is EmulatorMode.Oss or EmulatorMode.Cloud
    ? server.V2.Authorizations()
        .Where(a => a.Description.StartsWith("fleet-", StringComparison.Ordinal) && int.Parse(a.Description.AsSpan(6, a.Description.IndexOf(' ') - 6)) < expired)
        .Select(a => a.Id).ToList()
    : Enumerable.Range(0, expired).Select(i => "fleet-" + i).ToList();

// A sweep's requests with no decisions: the list into a reused buffer, then per due token a re-read (2.x) and a delete,
// `throttle` deletes in flight and the re-reads up to `throttle` ahead of them, as SweepRun has it.
static async Task<int> BareSweepAsync(HttpClient http, EmulatorServer server, List<string> due, int throttle)
{
    var v2 = server.Options.Mode is EmulatorMode.Oss or EmulatorMode.Cloud;
    var scheme = v2 ? "Token" : "Bearer";
    await ReadIntoAsync(http, server.Url, server.SetupToken,
        v2 ? "api/v2/authorizations" : "api/v3/query_sql?db=_internal&format=json&q=" + Uri.EscapeDataString("SELECT * FROM system.tokens"), new byte[128 * 1024], scheme);
    using var deletes = new SemaphoreSlim(throttle);
    var revoked = 0;
    await Workers(due.Count, v2 ? 2 * throttle : throttle, async i =>
    {
        if (v2)
        {
            using var read = Request(HttpMethod.Get, "api/v2/authorizations/" + due[i]);
            using var current = await http.SendAsync(read);
            if ((int)current.StatusCode != 200) throw new InvalidOperationException("GET answered " + current.StatusCode);
            await current.Content.ReadAsByteArrayAsync();
        }

        await deletes.WaitAsync();
        try
        {
            using var delete = Request(HttpMethod.Delete, v2 ? "api/v2/authorizations/" + due[i] : "api/v3/configure/token?token_name=" + due[i]);
            using var response = await http.SendAsync(delete);
            if ((int)response.StatusCode != (v2 ? 204 : 200)) throw new InvalidOperationException("DELETE answered " + response.StatusCode);
        }
        finally
        {
            deletes.Release();
        }

        Interlocked.Increment(ref revoked);
    });
    return revoked;

    HttpRequestMessage Request(HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, new Uri(server.Url, path));
        request.Headers.Authorization = new AuthenticationHeaderValue(scheme, server.SetupToken);
        return request;
    }
}

static async Task<List<EmulatorServer>> StartFleetAsync(EmulatorMode[] modes, int tokens, int expired)
{
    var servers = new List<EmulatorServer>();
    foreach (var mode in modes)
    {
        var server = await EmulatorServer.StartAsync(new EmulatorOptions { Mode = mode });
        if (mode is EmulatorMode.Oss or EmulatorMode.Cloud) server.V2.SeedLeases(tokens, expired, server.Org, server.User, server.Bucket);
        else server.Core!.SeedTokens(tokens, expired);
        await WarmFreshServerAsync(server);
        servers.Add(server);
    }

    await Task.Delay(1100); // InfluxDB 3 leases seeded to expire "now" are past by then; the routing tables compile meanwhile
    foreach (var server in servers) server.Faults.Latency = TimeSpan.FromMilliseconds(10);
    return servers;
}

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
