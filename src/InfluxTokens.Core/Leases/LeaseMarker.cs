using System;
using System.Globalization;
using System.Text.RegularExpressions;
using InfluxTokens.Backends;
using InfluxTokens.Text;

namespace InfluxTokens.Leases
{
    /// <summary>
    /// The lease marker: InfluxDB 2.x tokens have no expiry, and the description is the only field a client
    /// can write, so the lease is recorded at its end:
    /// <code>sensor-17 telemetry writer [lease until 2026-11-24T12:00:00Z]</code>
    /// The marker is the last thing in the description, has one fixed form (UTC, whole seconds), and is
    /// separated from the human text by one space; everything before it is the human description, kept
    /// intact. It stays readable in the InfluxDB UI and <c>influx auth list</c>. The module refuses human
    /// descriptions that would themselves read as a marker, so no description is ever ambiguous.
    /// </summary>
    public static class LeaseMarker
    {
        private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss'Z'";
        private const string Opening = "[lease until ";
        private const int MarkerLength = 34; // "[lease until " + "yyyy-MM-ddTHH:mm:ssZ" + "]"
        private static readonly Regex OckamRust = new Regex(@"^OCKAM:([^:\s]+):(\d{1,12})$", RegexOptions.CultureInvariant);
        private static readonly Regex OckamElixir = new Regex(@"^ockam/([^/\s]+)/(\S+)$", RegexOptions.CultureInvariant);

        /// <summary>The description to store: the human text, then the marker when there is an expiry.</summary>
        public static string Compose(string? human, DateTimeOffset? expiresAt) => Compose(human, expiresAt, null);

        /// <summary>
        /// As <see cref="Compose(string?, DateTimeOffset?)"/>, with a create tag (<see cref="NewCreateTag"/>) between the human
        /// text and the lease: <c>sensor-17 [create 0123456789abcdef] [lease until …]</c>.
        /// </summary>
        internal static string Compose(string? human, DateTimeOffset? expiresAt, string? createTag)
        {
            var text = human ?? string.Empty;
            EnsureNoMarker(text);
            return Composed(text, expiresAt, createTag);
        }

        /// <summary>The stored description made of its parts, the human text not checked (it was read out of a stored one).</summary>
        internal static string Composed(string human, DateTimeOffset? expiresAt, string? createTag)
        {
            var text = human;
            if (createTag is not null) text = text.Length == 0 ? TagOpening + createTag + "]" : text + " " + TagOpening + createTag + "]";
            if (expiresAt is null) return text;
            var marker = "[lease until " + Truncate(expiresAt.Value).ToString(TimeFormat, CultureInfo.InvariantCulture) + "]";
            return text.Length == 0 ? marker : text + " " + marker;
        }

        /// <summary>
        /// Whether <paramref name="raw"/> is exactly what <see cref="Composed"/> makes of <paramref name="human"/> (the human
        /// text <see cref="Read"/> found in it), a create tag and the lease <paramref name="expiresAt"/>; if so, the tag (64 bits,
        /// 0 for none). A listed token then keeps the short human text and the tag, not the stored text with its markers.
        /// </summary>
        internal static bool TryDecompose(string raw, string human, DateTimeOffset expiresAt, out ulong createTag)
        {
            createTag = 0;
            if (!LeaseAt(raw, out var markerAt, out var until) || until != expiresAt) return false;
            var text = human.Length;
            if (TagAt(raw, markerAt == 0 ? 0 : markerAt - 1, out var tagAt))
            {
                // A tag of 0 stands for none: such a description (one in 2^64) is kept whole.
                if (!HexId.TryPack(raw.AsSpan(tagAt + TagOpening.Length, TagHexLength), out createTag) || createTag == 0)
                {
                    createTag = 0;
                    return false;
                }

                text = text == 0 ? TagLength : text + 1 + TagLength;
            }

            // LeaseAt and TagAt checked each marker's form and the space before it; Composed's length pins where each one is.
            if (raw.Length == (text == 0 ? MarkerLength : text + 1 + MarkerLength) && string.CompareOrdinal(raw, 0, human, 0, human.Length) == 0) return true;
            createTag = 0;
            return false;
        }

        /// <summary>Splits a stored description into the human text and the expiry it records, if any.</summary>
        public static (string Human, DateTimeOffset? ExpiresAt, ExpirySource Source) Read(string? raw)
        {
            var text = raw ?? string.Empty;
            if (LeaseAt(text, out var at, out var until))
                return (WithoutCreateTag(at == 0 ? string.Empty : text.Substring(0, at - 1)), until, ExpirySource.Lease);

            var ockamPossible = text.StartsWith("OCKAM:", StringComparison.Ordinal) || text.StartsWith("ockam/", StringComparison.Ordinal);
            if (!ockamPossible) return (WithoutCreateTag(text), null, ExpirySource.None);
            var rust = OckamRust.Match(text);
            if (rust.Success && long.TryParse(rust.Groups[2].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var unix) && unix <= 253402300799)
                return (text, DateTimeOffset.FromUnixTimeSeconds(unix), ExpirySource.Ockam);

            var elixir = OckamElixir.Match(text);
            if (elixir.Success && DateTimeOffset.TryParse(elixir.Groups[2].Value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var iso)
                && elixir.Groups[2].Value.IndexOf('T') > 0)
                return (text, iso.ToUniversalTime(), ExpirySource.Ockam);

            return (text, null, ExpirySource.None);
        }

        /// <summary>Whether <paramref name="text"/> ends in a lease marker: where it starts, and the time it records.</summary>
        private static bool LeaseAt(string text, out int at, out DateTimeOffset until)
        {
            // Cheap tests first: most descriptions end in neither marker, and listing reads thousands of them.
            until = default;
            at = text.Length - MarkerLength;
            return at >= 0 && text[text.Length - 1] == ']' && string.CompareOrdinal(text, at, Opening, 0, Opening.Length) == 0
                && (at == 0 || text[at - 1] == ' ')
                && IsMarkerTime(text, at + Opening.Length)
                && WireTime.TryRfc3339(text.AsSpan(at + Opening.Length, 20), out until); // a listing reads one a token: no format parsed
        }

        /// <summary>Exactly <c>dddd-dd-ddTdd:dd:ddZ</c> at <paramref name="i"/> (the exact parse then checks it is a real time).</summary>
        private static bool IsMarkerTime(string s, int i)
        {
            const string Shape = "dddd-dd-ddTdd:dd:ddZ";
            for (var k = 0; k < Shape.Length; k++)
            {
                var c = s[i + k];
                if (Shape[k] == 'd' ? c < '0' || c > '9' : c != Shape[k]) return false;
            }

            return true;
        }

        /// <summary>
        /// The human part to keep when a lease is rewritten: the text before our marker, or, for an Ockam lease
        /// (whose whole description is the marker), "Ockam lease &lt;identifier&gt;".
        /// </summary>
        public static string HumanText(string? raw)
        {
            var (human, _, source) = Read(raw);
            if (source != ExpirySource.Ockam) return human;
            var m = OckamRust.Match(human);
            return "Ockam lease " + (m.Success ? m.Groups[1].Value : OckamElixir.Match(human).Groups[1].Value);
        }

        /// <summary>Refuses human text that would read as a lease or a create tag, so a description can never be mistaken for one.</summary>
        public static void EnsureNoMarker(string human)
        {
            var read = Read(human);
            if (read.Source == ExpirySource.None && read.Human.Length == human.Length) return;
            throw new InfluxTokensException(InfluxErrorKind.InvalidRequest,
                "The description '" + Display.Truncate(human, Display.EchoLimit) + "' reads as a lease marker ('[lease until …]' or '[create …]' at its end, or Ockam's 'OCKAM:…' form); "
                + "InfluxTokens writes those markers itself: give the expiry as an expiry and keep markers out of the description.");
        }

        // The create tag: a random value a create carries in the description, so that when the create's answer is
        // lost the module can find the token it made, and only that one (see CreateRecovery). It stays in the stored
        // description (removing it would cost a request per create) and is hidden from Description.
        private const string TagOpening = "[create ";
        private const int TagHexLength = 16;
        private const int TagLength = 8 + TagHexLength + 1; // "[create " + 16 hex digits + "]"

        /// <summary>A fresh create tag: 64 random bits in hex, unguessable by anyone else.</summary>
        internal static string NewCreateTag()
        {
            var bytes = new byte[TagHexLength / 2];
            using (var rng = System.Security.Cryptography.RandomNumberGenerator.Create()) rng.GetBytes(bytes);
            return BitConverter.ToString(bytes).Replace("-", string.Empty).ToLowerInvariant();
        }

        /// <summary>The create tag a stored description carries, or null.</summary>
        internal static string? CreateTagOf(string? raw)
        {
            var text = raw ?? string.Empty;
            var lease = Read(text);
            var beforeLease = lease.Source == ExpirySource.Lease ? text.Substring(0, text.Length - MarkerLength).TrimEnd(' ') : text;
            return TagAt(beforeLease, beforeLease.Length, out var at) ? beforeLease.Substring(at + TagOpening.Length, TagHexLength) : null;
        }

        private static string WithoutCreateTag(string human) =>
            TagAt(human, human.Length, out var at) ? (at == 0 ? string.Empty : human.Substring(0, at - 1)) : human;

        /// <summary>Whether the first <paramref name="end"/> characters of <paramref name="text"/> end in a create tag, and where it starts.</summary>
        private static bool TagAt(string text, int end, out int at)
        {
            at = end - TagLength;
            if (at < 0 || text[end - 1] != ']' || string.CompareOrdinal(text, at, TagOpening, 0, TagOpening.Length) != 0 || (at > 0 && text[at - 1] != ' '))
                return false;
            for (var k = at + TagOpening.Length; k < end - 1; k++)
            {
                var c = text[k];
                if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) return false;
            }

            return true;
        }

        private static DateTimeOffset Truncate(DateTimeOffset t)
        {
            var utc = t.ToUniversalTime();
            return new DateTimeOffset(utc.Ticks - utc.Ticks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
        }
    }
}
