using System;
using System.Buffers;
using System.Collections.Generic;
using System.IO;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Threading;

namespace InfluxTokens.Http
{
    /// <summary>Reads one complete array element, the cursor's reader on its first token.</summary>
    internal delegate T? JsonElementReader<T>(ref JsonCursor cursor);

    /// <summary>
    /// Yields the elements of a JSON array as the bytes arrive: the array under a top-level property
    /// (<c>{"links":…,"authorizations":[…]}</c>) or the document itself (<c>[…]</c>). Each element is
    /// deserialized once it is complete in the buffer, so memory holds one element (and one read buffer),
    /// not the response, and the first token is out before the last one has been sent.
    /// </summary>
    internal static class StreamingJsonArray
    {
        private const int InitialBuffer = 128 * 1024;

        /// <summary>A token's JSON is under a kilobyte: the size assumed before the first element of a read is seen.</summary>
        private const int ExpectedElement = 1024;

        private enum Phase { FindProperty, ExpectArray, Elements, Done, Missing }

        public static IAsyncEnumerable<T?> ReadAsync<T>(Stream stream, string? property, JsonTypeInfo<T> type, CancellationToken cancellationToken) =>
            ReadAsync(stream, property, ElementsAs(type), cancellationToken);

        /// <summary>Reads each element with the general deserializer, as <paramref name="type"/>.</summary>
        public static JsonElementReader<T> ElementsAs<T>(JsonTypeInfo<T> type) => (ref JsonCursor cursor) => JsonSerializer.Deserialize(ref cursor.Reader, type);

        /// <summary>As above, each element read by <paramref name="element"/>, which throws <see cref="JsonException"/> where the buffer ends.</summary>
        public static async IAsyncEnumerable<T?> ReadAsync<T>(Stream stream, string? property, JsonElementReader<T> element,
            [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            var buffer = ArrayPool<byte>.Shared.Rent(InitialBuffer);
            var state = new JsonReaderState();
            var phase = property is null ? Phase.ExpectArray : Phase.FindProperty;
            var propertyUtf8 = property is null ? null : Encoding.UTF8.GetBytes(property);
            int start = 0, end = 0;
            var final = false;
            var items = new List<T?>();
            try
            {
                while (true)
                {
                    items.Clear();
                    var consumed = Parse(buffer, start, end, final, ref state, ref phase, propertyUtf8, items, element);
                    start += consumed;
                    foreach (var item in items) yield return item;
                    if (phase == Phase.Done) yield break;
                    if (phase == Phase.Missing) throw new JsonException("the document has no '" + property + "' array");
                    if (final) throw new JsonException("the document ends in the middle of the array");

                    // Keep the unparsed tail, then read more after it (growing only for an element larger than the buffer).
                    if (start > 0)
                    {
                        Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
                        end -= start;
                        start = 0;
                    }

                    if (end == buffer.Length)
                    {
                        var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                        Buffer.BlockCopy(buffer, 0, larger, 0, end);
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = larger;
                    }

                    var read = await stream.ReadAsync(buffer, end, buffer.Length - end, cancellationToken).ConfigureAwait(false);
                    if (read == 0) final = true;
                    end += read;
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }

        /// <summary>Parses what the buffer holds; returns the bytes consumed (up to the last complete element).</summary>
        private static int Parse<T>(byte[] buffer, int start, int end, bool final, ref JsonReaderState state, ref Phase phase,
            byte[]? property, List<T?> items, JsonElementReader<T> read)
        {
            var cursor = new JsonCursor(new ReadOnlySpan<byte>(buffer, start, end - start), final, state);
            var lastElement = ExpectedElement;
            while (true)
            {
                var checkpoint = cursor;
                ref var reader = ref cursor.Reader;
                if (!reader.Read()) return Rewind(checkpoint, ref state);
                switch (phase)
                {
                    case Phase.FindProperty:
                        if (reader.TokenType == JsonTokenType.StartObject && reader.CurrentDepth == 0) continue;
                        if (reader.TokenType == JsonTokenType.EndObject && reader.CurrentDepth == 0)
                        {
                            phase = Phase.Missing;
                            return cursor.Position;
                        }

                        if (reader.TokenType != JsonTokenType.PropertyName || reader.CurrentDepth != 1)
                            throw new JsonException("the document is not a JSON object");
                        if (reader.ValueTextEquals(property)) phase = Phase.ExpectArray;
                        else if (!reader.TrySkip()) return Rewind(checkpoint, ref state);
                        break;

                    case Phase.ExpectArray:
                        if (reader.TokenType == JsonTokenType.Null)
                        {
                            phase = Phase.Missing;
                            return cursor.Position;
                        }

                        if (reader.TokenType != JsonTokenType.StartArray) throw new JsonException("expected an array");
                        phase = Phase.Elements;
                        break;

                    case Phase.Elements:
                        if (reader.TokenType == JsonTokenType.EndArray)
                        {
                            phase = Phase.Done;
                            return cursor.Position;
                        }

                        // One pass per element; an element cut by the end of the data fails to read and is retried with more.
                        // Where the data left is short of twice the last element, a skip tells first whether this one is
                        // whole: a failed read is an exception, and one per read cost a listing as much as most of its parse steps.
                        var element = cursor;
                        var at = cursor.Position;
                        if (!final && cursor.Input.Length - at < 2 * lastElement)
                        {
                            var probe = reader;
                            if (!probe.TrySkip()) return Rewind(checkpoint, ref state);
                        }

                        try
                        {
                            items.Add(read(ref element));
                            lastElement = element.Position - at;
                        }
                        catch (JsonException) when (!final)
                        {
                            return Rewind(checkpoint, ref state);
                        }

                        cursor = element;
                        break;
                }
            }
        }

        private static int Rewind(in JsonCursor checkpoint, ref JsonReaderState state)
        {
            state = checkpoint.Reader.CurrentState;
            return checkpoint.Position;
        }
    }
}
