using System;
using System.Collections.Generic;
using System.Text.Json;
using InfluxTokens.Http;

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
        private readonly byte[] _lastTime = new byte[LongestTimestamp];
        private int _lastTimeLength;
        private DateTimeOffset _lastTimeValue;
        private byte[]? _permissionBytes;
        private int _permissionDepth;
        private JsonReaderState _afterPermissions;
        private List<V2Permission?>? _permissions;

        /// <param name="readValues">False for a listing to show: each token's value is skipped, never made into a string.</param>
        public V2ListReader(bool readValues = true) => _readValues = readValues;

        /// <summary>
        /// The mapped permissions of the tokens this reader reads: tokens sharing a permission set (the same wire list,
        /// read once) share one mapped list.
        /// </summary>
        public RepeatedPermissions<List<V2Permission?>> Mapped { get; } = new RepeatedPermissions<List<V2Permission?>>();

        public V2Authorization? Read(ref JsonCursor cursor)
        {
            ref var reader = ref cursor.Reader;
            if (reader.TokenType == JsonTokenType.Null) return null;
            if (reader.TokenType != JsonTokenType.StartObject) throw new JsonException("an authorization is not a JSON object");
            var a = new V2Authorization();
            while (true)
            {
                Next(ref reader);
                if (reader.TokenType == JsonTokenType.EndObject) return a;
                switch (FieldOf(ref reader))
                {
                    case Field.Id: a.Id = Text(ref reader); break;
                    case Field.Token when _readValues: a.Token = Text(ref reader); break;
                    case Field.Status: a.Status = _status.Read(ref reader); break;
                    case Field.Description: a.Description = Text(ref reader); break;
                    case Field.OrgId: a.OrgId = _orgId.Read(ref reader); break;
                    case Field.Org: a.Org = _org.Read(ref reader); break;
                    case Field.UserId: a.UserId = _userId.Read(ref reader); break;
                    case Field.User: a.User = _user.Read(ref reader); break;
                    case Field.CreatedAt:
                        a.CreatedAt = Time(ref reader, out var created);
                        a.CreatedAtTime = created;
                        break;
                    case Field.UpdatedAt:
                        a.UpdatedAt = Time(ref reader, out var updated);
                        a.UpdatedAtTime = updated;
                        break;
                    case Field.Permissions: a.Permissions = Permissions(ref cursor); break;
                    default:
                        Next(ref reader);
                        if (!reader.TrySkip()) throw new JsonException("the element continues past the buffer");
                        break;
                }
            }
        }

        private enum Field { Other, Id, Token, Status, Description, OrgId, Org, UserId, User, CreatedAt, UpdatedAt, Permissions }

        /// <summary>The property the reader is on: its name's length picks the one or two names it can be.</summary>
        private static Field FieldOf(ref Utf8JsonReader reader)
        {
            Span<byte> unescaped = stackalloc byte[reader.ValueIsEscaped ? reader.ValueSpan.Length : 0];
            var name = reader.ValueIsEscaped ? unescaped.Slice(0, reader.CopyString(unescaped)) : reader.ValueSpan;
            return name.Length switch
            {
                2 => name.SequenceEqual("id"u8) ? Field.Id : Field.Other,
                3 => name.SequenceEqual("org"u8) ? Field.Org : Field.Other,
                4 => name.SequenceEqual("user"u8) ? Field.User : Field.Other,
                5 => name.SequenceEqual("token"u8) ? Field.Token : name.SequenceEqual("orgID"u8) ? Field.OrgId : Field.Other,
                6 => name.SequenceEqual("status"u8) ? Field.Status : name.SequenceEqual("userID"u8) ? Field.UserId : Field.Other,
                9 => name.SequenceEqual("createdAt"u8) ? Field.CreatedAt : name.SequenceEqual("updatedAt"u8) ? Field.UpdatedAt : Field.Other,
                11 => name.SequenceEqual("description"u8) ? Field.Description : name.SequenceEqual("permissions"u8) ? Field.Permissions : Field.Other,
                _ => Field.Other,
            };
        }

        /// <summary>
        /// The permissions, the cursor on their name. Tokens minted alike carry the same bytes here (the separator, the
        /// array): after the first, those bytes are recognised and stepped over, in the state reading them left the reader
        /// in, and the list read the first time is shared.
        /// </summary>
        private List<V2Permission?>? Permissions(ref JsonCursor cursor)
        {
            var from = cursor.Position;
            var depth = cursor.Reader.CurrentDepth;
            if (_permissionBytes is not null && depth == _permissionDepth && cursor.Input.Slice(from).StartsWith(_permissionBytes))
            {
                cursor.ContinueAt(from + _permissionBytes.Length, _afterPermissions);
                return _permissions;
            }

            ref var reader = ref cursor.Reader;
            Next(ref reader);
            if (reader.TokenType == JsonTokenType.Null) return null;
            if (reader.TokenType != JsonTokenType.StartArray) throw new JsonException("permissions is not an array");
            _permissions = JsonSerializer.Deserialize(ref reader, V2Json.Default.ListV2Permission)!;
            _permissionBytes = cursor.Input.Slice(from, cursor.Position - from).ToArray();
            _permissionDepth = depth;
            _afterPermissions = reader.CurrentState;
            return _permissions;
        }

        /// <summary>
        /// A timestamp: read in place when it is RFC 3339 (the string is then null and <paramref name="parsed"/> set),
        /// kept as text for the general parsers otherwise. The same bytes as the last time read (an <c>updatedAt</c>
        /// equal to its <c>createdAt</c>) give the same value.
        /// </summary>
        private string? Time(ref Utf8JsonReader reader, out DateTimeOffset? parsed)
        {
            parsed = null;
            Next(ref reader);
            if (reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped && reader.ValueSpan.Length <= LongestTimestamp)
            {
                var bytes = reader.ValueSpan;
                if (_lastTimeLength != 0 && bytes.SequenceEqual(_lastTime.AsSpan(0, _lastTimeLength)))
                {
                    parsed = _lastTimeValue;
                    return null;
                }

                Span<char> chars = stackalloc char[bytes.Length];
                for (var i = 0; i < bytes.Length; i++) chars[i] = (char)bytes[i];
                if (WireTime.TryRfc3339(chars, out var value))
                {
                    bytes.CopyTo(_lastTime);
                    _lastTimeLength = bytes.Length;
                    _lastTimeValue = value;
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
