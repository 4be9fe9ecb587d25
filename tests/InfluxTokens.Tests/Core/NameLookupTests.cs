using InfluxDB.Emulator;
using InfluxTokens.Backends;
using InfluxTokens.Tests.Infrastructure;

namespace InfluxTokens.Tests.Core;

/// <summary>A bulk mint on a fresh connection: concurrent creates share each name lookup instead of repeating it.</summary>
public class NameLookupTests
{
    private static TokenSpec Spec(int i, params string[] permissions) => new()
    {
        Description = "bulk-" + i,
        Permissions = permissions.Select(Permission.Parse).ToList(),
    };

    private static int Count(RequestRecorder recorder, string path) =>
        recorder.Sent.Count(r => r.Method == "GET" && r.Uri.AbsolutePath == path);

    [Fact]
    public async Task Ten_concurrent_creates_look_each_name_up_once()
    {
        await using var server = await EmulatorServer.StartAsync(new EmulatorOptions());
        var recorder = new RequestRecorder();
        using var connection = await Scenario.OpenAsync(server, TimeProvider.System, server.SetupToken, handler: recorder);
        server.Faults.Latency = TimeSpan.FromMilliseconds(50); // every lookup is still in flight when the last create asks

        var specs = Enumerable.Range(0, 10).Select(i => Spec(i, "write:buckets/my-bucket", "read:users/my-user")).ToList();
        var tokens = await Task.WhenAll(specs.Select(s => Task.Run(() => connection.Backend.CreateAsync(s, CancellationToken.None))));

        Assert.All(tokens, t => Assert.Equal($"write:orgs/{server.Org.Id}/buckets/{server.Bucket.Id}", t.Permissions[0].ToString()));
        Assert.Equal(1, Count(recorder, "/api/v2/orgs"));
        Assert.Equal(1, Count(recorder, "/api/v2/buckets"));
        Assert.Equal(1, Count(recorder, "/api/v2/users"));
        Assert.Equal(10, recorder.Sent.Count(r => r.Method == "POST" && r.Uri.AbsolutePath == "/api/v2/authorizations"));
    }

    [Fact]
    public async Task A_fresh_connection_looks_the_bucket_up_by_the_orgs_name_while_it_looks_the_org_up()
    {
        await using var server = await EmulatorServer.StartAsync(new EmulatorOptions());
        var holder = new OrgLookupHolder();
        using var connection = await Scenario.OpenAsync(server, TimeProvider.System, server.SetupToken, handler: holder);
        holder.Armed = true;

        var token = await connection.Backend.CreateAsync(Spec(0, "write:buckets/my-bucket"), CancellationToken.None);

        Assert.True(holder.BucketAskedWhileOrgHeld, "the bucket lookup waited for the org lookup");
        Assert.Contains("org=my-org", holder.BucketQuery);
        Assert.Equal(server.Org.Id, token.OrgId);
        Assert.Equal($"write:orgs/{server.Org.Id}/buckets/{server.Bucket.Id}", token.Permissions[0].ToString());
    }

    [Theory]
    [InlineData("no-such-org", null, "No organization named 'no-such-org'")]
    [InlineData(null, "no-such-user", "No user named 'no-such-user'")]
    public async Task When_lookups_made_at_once_all_fail_the_org_is_reported_first_then_the_user(string? org, string? user, string expected)
    {
        await using var server = await EmulatorServer.StartAsync(new EmulatorOptions());
        using var connection = await Scenario.OpenAsync(server, TimeProvider.System, server.SetupToken);
        var spec = Spec(0, "write:buckets/no-such-bucket");
        spec.Org = org;
        spec.User = user;

        var ex = await Assert.ThrowsAsync<InfluxTokensException>(() => connection.Backend.CreateAsync(spec, CancellationToken.None));

        Assert.Equal(InfluxErrorKind.NotFound, ex.Kind);
        Assert.StartsWith(expected, ex.Message);
    }

    [Fact]
    public async Task A_same_named_bucket_of_another_org_is_not_taken_where_the_org_filter_is_dropped()
    {
        // InfluxDB Cloud ignores org and orgID on GET /buckets (both contracts), and so may a proxy: the answer can
        // hold a same-named bucket of another org, which must not end up in the token.
        await using var server = await EmulatorServer.StartAsync(new EmulatorOptions());
        var other = server.V2.AddOrg("other-org");
        server.V2.AddBucket(other.Id, "my-bucket");
        using var connection = await Scenario.OpenAsync(server, TimeProvider.System, server.SetupToken, handler: new OrgFilterDropper());
        var spec = Spec(0, "write:buckets/my-bucket");
        spec.Org = "other-org";

        var ex = await Assert.ThrowsAsync<InfluxTokensException>(() => connection.Backend.CreateAsync(spec, CancellationToken.None));

        Assert.Equal(InfluxErrorKind.NotFound, ex.Kind);
        Assert.StartsWith("No bucket named 'my-bucket' exists in org other-org", ex.Message);
        Assert.DoesNotContain(server.V2.Authorizations(), a => a.OrgId == other.Id);
    }

    [Fact]
    public async Task Org_and_bucket_names_holding_a_slash_do_not_share_a_lookup()
    {
        await using var server = await EmulatorServer.StartAsync(new EmulatorOptions());
        var a = server.V2.AddOrg("a");
        var ab = server.V2.AddOrg("a/b");
        var inA = server.V2.AddBucket(a.Id, "b/c");
        var inAb = server.V2.AddBucket(ab.Id, "c");
        using var connection = await Scenario.OpenAsync(server, TimeProvider.System, server.SetupToken);
        var first = Spec(0, "write:buckets/b%2Fc");
        first.Org = "a";
        var second = Spec(1, "write:buckets/c");
        second.Org = "a/b";

        var inOrgA = await connection.Backend.CreateAsync(first, CancellationToken.None);
        var inOrgAb = await connection.Backend.CreateAsync(second, CancellationToken.None);

        Assert.Equal($"write:orgs/{a.Id}/buckets/{inA.Id}", inOrgA.Permissions[0].ToString());
        Assert.Equal($"write:orgs/{ab.Id}/buckets/{inAb.Id}", inOrgAb.Permissions[0].ToString());
    }

    /// <summary>A proxy that drops the org filter from bucket lookups, as InfluxDB Cloud ignores it.</summary>
    private sealed class OrgFilterDropper() : DelegatingHandler(new HttpClientHandler())
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var uri = request.RequestUri!;
            if (uri.AbsolutePath == "/api/v2/buckets")
            {
                var kept = uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
                    .Where(pair => !pair.StartsWith("org=", StringComparison.Ordinal) && !pair.StartsWith("orgID=", StringComparison.Ordinal));
                request.RequestUri = new UriBuilder(uri) { Query = string.Join("&", kept) }.Uri;
            }

            return base.SendAsync(request, cancellationToken);
        }
    }

    /// <summary>Holds the org lookup until a bucket lookup is sent (or 5 s pass): a create that asks in turn cannot get past it.</summary>
    private sealed class OrgLookupHolder() : DelegatingHandler(new HttpClientHandler())
    {
        private readonly TaskCompletionSource _bucketAsked = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public volatile bool Armed;
        public bool BucketAskedWhileOrgHeld { get; private set; }
        public string BucketQuery { get; private set; } = "";

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var path = request.RequestUri!.AbsolutePath;
            if (Armed && path == "/api/v2/buckets")
            {
                BucketQuery = Uri.UnescapeDataString(request.RequestUri.Query);
                _bucketAsked.TrySetResult();
            }

            if (Armed && path == "/api/v2/orgs")
                BucketAskedWhileOrgHeld = await Task.WhenAny(_bucketAsked.Task, Task.Delay(TimeSpan.FromSeconds(5), cancellationToken)) == _bucketAsked.Task;
            return await base.SendAsync(request, cancellationToken);
        }
    }

    [Fact]
    public async Task Concurrent_all_access_creates_read_the_caller_and_the_resource_types_once()
    {
        await using var server = await EmulatorServer.StartAsync(new EmulatorOptions());
        var recorder = new RequestRecorder();
        using var connection = await Scenario.OpenAsync(server, TimeProvider.System, server.SetupToken, handler: recorder);
        server.Faults.Latency = TimeSpan.FromMilliseconds(50);
        var before = Count(recorder, "/api/v2/resources"); // connecting may read them for its own reasons

        await Task.WhenAll(Enumerable.Range(0, 10).Select(i => Task.Run(() =>
            connection.Backend.CreateAsync(new TokenSpec { Description = "all-" + i, Preset = PermissionPreset.AllAccess }, CancellationToken.None))));

        Assert.Equal(1, Count(recorder, "/api/v2/me"));
        Assert.True(Count(recorder, "/api/v2/resources") - before <= 1);
    }

    [Fact]
    public async Task A_failed_lookup_is_not_kept_and_a_later_create_asks_again()
    {
        await using var server = await EmulatorServer.StartAsync(new EmulatorOptions());
        var recorder = new RequestRecorder();
        using var connection = await Scenario.OpenAsync(server, TimeProvider.System, server.SetupToken, handler: recorder);

        var missing = await Task.WhenAll(Enumerable.Range(0, 5).Select(i => Assert.ThrowsAsync<InfluxTokensException>(() =>
            connection.Backend.CreateAsync(Spec(i, "write:buckets/later"), CancellationToken.None))));
        Assert.All(missing, ex => Assert.Equal(InfluxErrorKind.NotFound, ex.Kind));
        var asked = Count(recorder, "/api/v2/buckets");

        server.V2.AddBucket(server.Org.Id, "later");
        var token = await connection.Backend.CreateAsync(Spec(9, "write:buckets/later"), CancellationToken.None);
        Assert.Equal(asked + 1, Count(recorder, "/api/v2/buckets"));
        Assert.StartsWith($"write:orgs/{server.Org.Id}/buckets/", token.Permissions[0].ToString());
    }

    [Fact]
    public async Task A_caller_whose_token_is_not_cancelled_gets_its_answer_when_the_first_caller_gives_up()
    {
        await using var server = await EmulatorServer.StartAsync(new EmulatorOptions());
        using var connection = await Scenario.OpenAsync(server, TimeProvider.System, server.SetupToken);
        server.Faults.Latency = TimeSpan.FromMilliseconds(200);

        using var first = new CancellationTokenSource();
        var abandoned = connection.Backend.CreateAsync(Spec(0, "write:buckets/my-bucket"), first.Token);
        var patient = connection.Backend.CreateAsync(Spec(1, "write:buckets/my-bucket"), CancellationToken.None);
        first.CancelAfter(50);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => abandoned);
        Assert.Equal($"write:orgs/{server.Org.Id}/buckets/{server.Bucket.Id}", (await patient).Permissions[0].ToString());
    }
}
