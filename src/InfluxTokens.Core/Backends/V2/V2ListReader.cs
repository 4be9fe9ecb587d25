using System;
using System.Collections.Generic;
using System.Text.Json;

namespace InfluxTokens.Backends.V2
{
    /// <summary>
    /// Reads the authorizations of one list response, element by element, into the wire types without the
    /// per-token garbage of a general deserializer: values that repeat from token to token (status, org, user,
    /// the permission set) are made once and shared while they repeat, and timestamps are read from the bytes
    /// without a string. One instance per listing; not thread-safe.
    /// </summary>
    internal sealed class V2ListReader
    {
        private const int LongestTimestamp = 64;

        private readonly RepeatedString _status = new RepeatedString();
        private readonly RepeatedString _orgId = new RepeatedString();
        private readonly RepeatedString _org = new RepeatedString();
        private readonly RepeatedString _userId = new RepeatedString();
        private readonly RepeatedString _user = new RepeatedString();
        private readonly bool _readValues;
        private byte[]? _permissionBytes;
        private List<V2Permission?>? _permissions;

        /// <param name="readValues">False for a listing to show: each token's value is skipped, never made into a string.</param>
        public V2ListReader(bool readValues = true) => _readValues = readValues;

        /// <summary>
        /// The mapped permissions of the tokens this reader reads: tokens sharing a permission set (the same wire list,
        /// read once) share one mapped list.
        /// </summary>
        public RepeatedPermissions<List<V2Permission?>> Mapped { get; } = new RepeatedPermissions<List<V2Permission?>>();

        public V2Authorization? Read(ref Utf8JsonReader reader, ReadOnlySpan<byte> input)
        {
            if (reader.TokenType == JsonTokenType.Null) return null;
            if (reader.TokenType != JsonTokenType.StartObject) throw new JsonException("an authorization is not a JSON object");
            var a = new V2Authorization();
            while (true)
            {
                Next(ref reader);
                if (reader.TokenType == JsonTokenType.EndObject) return a;
                if (reader.ValueTextEquals("id"u8)) a.Id = Text(ref reader);
                else if (reader.ValueTextEquals("token"u8) && _readValues) a.Token = Text(ref reader);
                else if (reader.ValueTextEquals("status"u8)) a.Status = _status.Read(ref reader);
                else if (reader.ValueTextEquals("description"u8)) a.Description = Text(ref reader);
                else if (reader.ValueTextEquals("orgID"u8)) a.OrgId = _orgId.Read(ref reader);
                else if (reader.ValueTextEquals("org"u8)) a.Org = _org.Read(ref reader);
                else if (reader.ValueTextEquals("userID"u8)) a.UserId = _userId.Read(ref reader);
                else if (reader.ValueTextEquals("user"u8)) a.User = _user.Read(ref reader);
                else if (reader.ValueTextEquals("createdAt"u8))
                {
                    a.CreatedAt = Time(ref reader, out var created);
                    a.CreatedAtTime = created;
                }
                else if (reader.ValueTextEquals("updatedAt"u8))
                {
                    a.UpdatedAt = Time(ref reader, out var updated);
                    a.UpdatedAtTime = updated;
                }
                else if (reader.ValueTextEquals("permissions"u8)) a.Permissions = Permissions(ref reader, input);
                else
                {
                    Next(ref reader);
                    if (!reader.TrySkip()) throw new JsonException("the element continues past the buffer");
                }
            }
        }

        /// <summary>An identical permission array (byte for byte) yields the list read last time.</summary>
        private List<V2Permission?>? Permissions(ref Utf8JsonReader reader, ReadOnlySpan<byte> input)
        {
            Next(ref reader);
            if (reader.TokenType == JsonTokenType.Null) return null;
            if (reader.TokenType != JsonTokenType.StartArray) throw new JsonException("permissions is not an array");
            var start = (int)reader.TokenStartIndex;
            var array = reader;
            if (!reader.TrySkip()) throw new JsonException("the element continues past the buffer");
            var bytes = input.Slice(start, (int)reader.BytesConsumed - start);
            if (_permissionBytes is not null && bytes.SequenceEqual(_permissionBytes)) return _permissions;
            _permissions = JsonSerializer.Deserialize(ref array, V2Json.Default.ListV2Permission)!;
            _permissionBytes = bytes.ToArray();
            return _permissions;
        }

        /// <summary>
        /// A timestamp: read in place when it is RFC 3339 (the string is then null and <paramref name="parsed"/> set),
        /// kept as text for the general parsers otherwise.
        /// </summary>
        private static string? Time(ref Utf8JsonReader reader, out DateTimeOffset? parsed)
        {
            parsed = null;
            Next(ref reader);
            if (reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped && reader.ValueSpan.Length <= LongestTimestamp)
            {
                var bytes = reader.ValueSpan;
                Span<char> chars = stackalloc char[bytes.Length];
                for (var i = 0; i < bytes.Length; i++) chars[i] = (char)bytes[i];
                if (WireTime.TryRfc3339(chars, out var value))
                {
                    parsed = value;
                    return null;
                }
            }

            return String(ref reader);
        }

        private static string? Text(ref Utf8JsonReader reader)
        {
            Next(ref reader);
            return String(ref reader);
        }

        /// <summary>A string or null, as the deserializer would take it: anything else is malformed.</summary>
        private static string? String(ref Utf8JsonReader reader) =>
            reader.TokenType switch
            {
                JsonTokenType.String => reader.GetString(),
                JsonTokenType.Null => null,
                _ => throw new JsonException("expected a string, found " + reader.TokenType),
            };

        private static void Next(ref Utf8JsonReader reader)
        {
            if (!reader.Read()) throw new JsonException("the element continues past the buffer");
        }

        /// <summary>The last value read for one property: the same bytes again give the same string.</summary>
        private sealed class RepeatedString
        {
            private byte[]? _bytes;
            private string? _value;

            public string? Read(ref Utf8JsonReader reader)
            {
                Next(ref reader);
                if (reader.TokenType != JsonTokenType.String || reader.ValueIsEscaped) return String(ref reader);
                if (_bytes is not null && reader.ValueSpan.SequenceEqual(_bytes)) return _value;
                _value = reader.GetString();
                _bytes = reader.ValueSpan.ToArray();
                return _value;
            }
        }
    }
}
