using System.Reflection;
using System.Text;
using System.Text.Json;
using InfluxDB.Emulator;
using InfluxTokens.Backends;
using InfluxTokens.Backends.V2;
using InfluxTokens.Http;
using InfluxTokens.Tokens;
using InfluxTokens.Tests.Infrastructure;

namespace InfluxTokens.Tests.Core;

/// <summary>The 2.x list's own reader reads exactly what the general deserializer reads, wherever the buffer cuts it.</summary>
public class V2ListReaderTests
{
    // Shapes a server may send: escapes, nulls, unknown nested properties, other timestamp forms, a changing permission set.
    private static string Authorization(int i) => i switch
    {
        0 => """{"id":"0000000000000000","token":null,"status":"active","description":null,"orgID":"00000000000000aa","permissions":null,"createdAt":"","updatedAt":"2026-01-02T03:04:05.123456789Z"}""",
        1 => """{"\u0069d":"0000000000000001","st\u0061tus":"in\u0061ctive","org":"my\"org","user":null,"links":{"self":"/x","n":[1,{"a":[]}]},"permi\u0073sions":[{"action":"read","resource":{"type":"orgs"}}],"createdAt":"2026-01-02T03:04:05+02:00","updatedAt":"Jan 2 2026"}""",
        _ => $$$"""{"id":"{{{i:x16}}}","token":"t{{{i}}}","status":"active","description":"lease-{{{i}}} [lease until 2026-12-31T00:00:00Z]","orgID":"00000000000000aa","org":"my-org","userID":"00000000000000bb","user":"my-user","permissions":[{"action":"write","resource":{"type":"buckets","id":"00000000000000cc","orgID":"00000000000000aa","name":null}}{{{(i % 50 == 0 ? ",{\"action\":\"read\",\"resource\":{\"type\":\"orgs\",\"id\":\"00000000000000aa\"}}" : "")}}}],"createdAt":"2026-11-30T10:00:{{{i % 60:00}}}Z","updatedAt":"2026-11-30T10:00:00Z","extra":[null,true,{"]":"}"}]}""",
    };

    private static byte[] Document(int count, int shift) => Encoding.UTF8.GetBytes(
        "{\"links\":{\"pad\":\"" + new string('x', shift) + "\"},\"authorizations\":[" + string.Join(",", Enumerable.Range(0, count).Select(Authorization)) + "]}");

    [Theory]
    [InlineData(0)]
    [InlineData(77)]
    [InlineData(1_001)]
    public async Task Every_field_matches_the_general_deserializer_across_buffer_boundaries(int shift)
    {
        var bytes = Document(2_000, shift);
        var expected = JsonSerializer.Deserialize(bytes, V2Json.Default.V2AuthorizationList)!.Authorizations!;
        var reader = new V2ListReader();
        var read = new List<V2Authorization?>();
        await foreach (var a in StreamingJsonArray.ReadAsync<V2Authorization>(new MemoryStream(bytes), "authorizations", reader.Read, default)) read.Add(a);

        Assert.Equal(expected.Count, read.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            var (e, a) = (expected[i]!, read[i]!);
            Assert.Equal((e.Id, e.Token, e.Status, e.Description, e.OrgId, e.Org, e.UserId, e.User), (a.Id, a.Token, a.Status, a.Description, a.OrgId, a.Org, a.UserId, a.User));
            Assert.Equal(WireTime.Parse(e.CreatedAt), a.CreatedAtTime ?? WireTime.Parse(a.CreatedAt));
            Assert.Equal(WireTime.Parse(e.UpdatedAt), a.UpdatedAtTime ?? WireTime.Parse(a.UpdatedAt));
            Assert.Equal(JsonSerializer.Serialize(e.Permissions), JsonSerializer.Serialize(a.Permissions));
        }

        Assert.Same(read[2]!.Permissions, read[3]!.Permissions); // the same bytes, read once
        Assert.NotSame(read[49]!.Permissions, read[50]!.Permissions);
        Assert.Same(read[2]!.OrgId, read[3]!.OrgId);
    }

    [Fact]
    public async Task A_string_field_holding_a_number_is_malformed()
    {
        var bytes = Encoding.UTF8.GetBytes("""{"authorizations":[{"id":"0000000000000001","status":42}]}""");
        var reader = new V2ListReader();
        await Assert.ThrowsAsync<JsonException>(async () =>
        {
            await foreach (var _ in StreamingJsonArray.ReadAsync<V2Authorization>(new MemoryStream(bytes), "authorizations", reader.Read, default)) { }
        });
    }

    [Theory]
    [InlineData(":[{\"action\":\"read\",\"resource\":{\"type\":\"buckets\"}}]")]
    [InlineData(" : [ ]")]
    public async Task After_a_permission_list_read_before_is_stepped_over_the_rest_is_still_read_and_checked(string permissions)
    {
        // The third token repeats the bytes of the first two (stepped over, not read again); its status is malformed.
        string Token(int i, string status) => $$"""{"id":"{{i:x16}}","permissions"{{permissions}},"status":{{status}},"createdAt":"2026-11-30T10:00:0{{i}}Z"}""";
        var good = Encoding.UTF8.GetBytes("{\"authorizations\":[" + Token(1, "\"active\"") + "," + Token(2, "\"inactive\"") + "]}");
        var read = new List<V2Authorization?>();
        await foreach (var a in StreamingJsonArray.ReadAsync<V2Authorization>(new MemoryStream(good), "authorizations", new V2ListReader().Read, default)) read.Add(a);
        Assert.Equal(["active", "inactive"], read.Select(a => a!.Status));
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 10, 0, 2, TimeSpan.Zero), read[1]!.CreatedAtTime);
        Assert.Same(read[0]!.Permissions, read[1]!.Permissions);

        var bad = Encoding.UTF8.GetBytes("{\"authorizations\":[" + Token(1, "\"active\"") + "," + Token(2, "\"active\"") + "," + Token(3, "42") + "]}");
        await Assert.ThrowsAsync<JsonException>(async () =>
        {
            await foreach (var _ in StreamingJsonArray.ReadAsync<V2Authorization>(new MemoryStream(bad), "authorizations", new V2ListReader().Read, default)) { }
        });
    }

    [Fact]
    public async Task Listed_tokens_equal_the_same_tokens_read_one_by_one_and_share_identical_permission_sets()
    {
        await using var server = await EmulatorServer.StartAsync(new EmulatorOptions());
        server.V2.SeedLeases(300, 100, server.Org, server.User, server.Bucket);
        using var connection = await Scenario.OpenAsync(server, TimeProvider.System, server.SetupToken);
        var listed = new List<InfluxToken>();
        await foreach (var t in connection.Backend.ListAsync(TokenQuery.All, default)) listed.Add(t);

        Assert.Equal(301, listed.Count);
        foreach (var t in listed)
        {
            var one = (await connection.Backend.GetAsync(t.Id, default))!;
            Assert.Equal((one.Description, one.RawDescription, one.Status, one.OrgId, one.Org, one.UserId, one.User, one.CreatedAt, one.UpdatedAt, one.ExpiresAt, one.ExpirySource),
                (t.Description, t.RawDescription, t.Status, t.OrgId, t.Org, t.UserId, t.User, t.CreatedAt, t.UpdatedAt, t.ExpiresAt, t.ExpirySource));
            Assert.Equal(one.Permissions.Select(p => p.ToString()), t.Permissions.Select(p => p.ToString()));
            Assert.Equal(one.Secret?.Reveal(), t.Secret?.Reveal());
        }

        var fleet = listed.Where(t => t.Description.StartsWith("fleet-", StringComparison.Ordinal)).ToList();
        Assert.All(fleet, t => Assert.Same(fleet[0].Permissions, t.Permissions));
    }
    [Fact]
    public async Task A_listing_to_show_leaves_every_value_unread_while_a_listing_for_checks_reads_them()
    {
        await using var server = await EmulatorServer.StartAsync(new EmulatorOptions()); // OSS 2.7 lists values
        server.V2.SeedLeases(50, 10, server.Org, server.User, server.Bucket);
        using var connection = await Scenario.OpenAsync(server, TimeProvider.System, server.SetupToken);
        var recording = DispatchProxy.Create<ITokenBackend, RecordingBackend>();
        ((RecordingBackend)(object)recording).Inner = connection.Backend;

        var shown = new List<InfluxToken>();
        await foreach (var t in TokenOperations.GetAsync(recording, new TokenFilter(), default)) shown.Add(t);
        var unread = new List<InfluxToken>();
        await foreach (var t in connection.Backend.ListAsync(new TokenQuery { WithoutValues = true }, default)) unread.Add(t);
        var checkedList = new List<InfluxToken>();
        await foreach (var t in connection.Backend.ListAsync(TokenQuery.All, default)) checkedList.Add(t);

        Assert.True(((RecordingBackend)(object)recording).Queries.Single().WithoutValues);
        Assert.Equal(51, shown.Count);
        Assert.All(shown, t => Assert.Null(t.Secret));
        Assert.All(unread, t => Assert.Null(t.Secret)); // never read, so never copied away either
        Assert.All(checkedList, t => Assert.NotNull(t.Secret)); // the own-token guard compares these
    }

    /// <summary>The real backend, with the queries it was asked for.</summary>
    public class RecordingBackend : DispatchProxy
    {
        public ITokenBackend Inner { get; set; } = null!;
        public List<TokenQuery> Queries { get; } = new();

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            if (targetMethod!.Name == nameof(ITokenBackend.ListAsync)) Queries.Add((TokenQuery)args![0]!);
            return targetMethod.Invoke(Inner, args);
        }
    }
}
