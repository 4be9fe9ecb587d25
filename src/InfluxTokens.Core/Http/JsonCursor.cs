using System;
using System.Text.Json;

namespace InfluxTokens.Http
{
    /// <summary>
    /// A <see cref="Utf8JsonReader"/> over one parse pass's input, and where in that input its bytes start. An element
    /// reader that meets bytes it has read before (the permission list that token after token repeats) steps over them
    /// with <see cref="ContinueAt"/> instead of tokenizing them again.
    /// </summary>
    internal ref struct JsonCursor
    {
        private readonly ReadOnlySpan<byte> _input;
        private readonly bool _final;
        private int _start;

        public Utf8JsonReader Reader;

        public JsonCursor(ReadOnlySpan<byte> input, bool final, JsonReaderState state)
        {
            _input = input;
            _final = final;
            _start = 0;
            Reader = new Utf8JsonReader(input, final, state);
        }

        /// <summary>The whole input of the pass; positions count from its start.</summary>
        public readonly ReadOnlySpan<byte> Input => _input;

        /// <summary>The bytes read so far.</summary>
        public readonly int Position => _start + (int)Reader.BytesConsumed;

        /// <summary>
        /// Goes on reading at <paramref name="position"/> in <paramref name="state"/>: the state a reader was in after the
        /// same bytes, read from the same point of the document's structure. (A later error's line and position then
        /// count from where that state was taken.)
        /// </summary>
        public void ContinueAt(int position, JsonReaderState state)
        {
            _start = position;
            Reader = new Utf8JsonReader(_input.Slice(position), _final, state);
        }
    }
}
