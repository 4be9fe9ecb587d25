using System.Runtime.ExceptionServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using InfluxTokens.Http;
using InfluxTokens.Tests.Infrastructure;

namespace InfluxTokens.Tests.Core.Http;

public class StreamingJsonArrayTests
{
    private sealed class Item
    {
        public string? Id { get; set; }
        public string? Pad { get; set; }
    }

    private static readonly JsonTypeInfo<Item> ItemType = (JsonTypeInfo<Item>)System.Text.Json.JsonSerializerOptions.Default.GetTypeInfo(typeof(Item));

    private static string Document(int count, int pad = 10) =>
        "{\"links\":{\"self\":\"/x\",\"nested\":[1,{\"a\":[]}]},\"authorizations\":["
        + string.Join(",", Enumerable.Range(0, count).Select(i => $"{{\"Id\":\"{i}\",\"Pad\":\"{new string('x', pad)}\",\"extra\":{{\"deep\":[1,2,{{\"x\":\"]}}\"}}]}}}}"))
        + "],\"after\":true}";

    private static async Task<List<Item?>> ReadAll(Stream s, string? property = "authorizations")
    {
        var list = new List<Item?>();
        await foreach (var item in StreamingJsonArray.ReadAsync(s, property, ItemType, default)) list.Add(item);
        return list;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(4096)]
    public async Task Elements_arrive_whole_however_the_bytes_are_cut(int chunk)
    {
        var items = await ReadAll(new Trickle(Encoding.UTF8.GetBytes(Document(300)), chunk));
        Assert.Equal(Enumerable.Range(0, 300).Select(i => i.ToString()), items.Select(i => i!.Id));
    }

    [Fact]
    public async Task Elements_cut_by_a_read_are_found_without_an_exception()
    {
        var thread = Environment.CurrentManagedThreadId; // the reads complete at once, so the whole listing runs here
        var thrown = 0;
        EventHandler<FirstChanceExceptionEventArgs> count = (_, e) =>
        {
            if (e.Exception is JsonException && Environment.CurrentManagedThreadId == thread) thrown++;
        };
        AppDomain.CurrentDomain.FirstChanceException += count;
        try
        {
            Assert.Equal(300, (await ReadAll(new Trickle(Encoding.UTF8.GetBytes(Document(300)), 1000))).Count);
        }
        finally
        {
            AppDomain.CurrentDomain.FirstChanceException -= count;
        }

        Assert.Equal(0, thrown); // before: one a read, a large share of a listing's time
    }

    [Fact]
    public async Task An_element_larger_than_the_buffer_is_read_too()
    {
        var items = await ReadAll(new Trickle(Encoding.UTF8.GetBytes(Document(3, pad: 300_000)), 10_000));
        Assert.Equal(3, items.Count);
        Assert.Equal(300_000, items[2]!.Pad!.Length);
    }

    [Fact]
    public async Task The_first_element_is_out_before_the_rest_has_arrived()
    {
        var bytes = Encoding.UTF8.GetBytes(Document(1000));
        var firstEnd = Encoding.UTF8.GetString(bytes).IndexOf("},{\"Id\":\"1\"", StringComparison.Ordinal) + 2;
        var stream = new Trickle(bytes, 64 * 1024, holdAt: firstEnd);
        await using var e = StreamingJsonArray.ReadAsync(stream, "authorizations", ItemType, default).GetAsyncEnumerator();
        Assert.True(await e.MoveNextAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal("0", e.Current!.Id); // while the stream still holds back everything after it
        stream.Release.SetResult();
        var rest = 0;
        while (await e.MoveNextAsync()) rest++;
        Assert.Equal(999, rest);
    }

    [Fact]
    public async Task A_root_array_is_read_and_broken_documents_are_errors()
    {
        var items = await ReadAll(new MemoryStream(Encoding.UTF8.GetBytes("[{\"Id\":\"a\"},null,{\"Id\":\"b\"}]")), property: null);
        Assert.Equal(new[] { "a", null, "b" }, items.Select(i => i?.Id));

        var truncated = Document(10)[..^40];
        await Assert.ThrowsAnyAsync<JsonException>(() => ReadAll(new MemoryStream(Encoding.UTF8.GetBytes(truncated))));
        await Assert.ThrowsAnyAsync<JsonException>(() => ReadAll(new MemoryStream(Encoding.UTF8.GetBytes("{\"authorizations\":[{\"Id\":\"a\"}"))));
        Assert.Contains("no 'authorizations' array", (await Assert.ThrowsAnyAsync<JsonException>(() => ReadAll(new MemoryStream(Encoding.UTF8.GetBytes("{\"links\":{}}"))))).Message);
        await Assert.ThrowsAnyAsync<JsonException>(() => ReadAll(new MemoryStream(Encoding.UTF8.GetBytes("<html>502</html>"))));
        await Assert.ThrowsAnyAsync<JsonException>(() => ReadAll(new MemoryStream(Encoding.UTF8.GetBytes("{\"authorizations\":[{\"Id\":5}]}"))));
    }
}
