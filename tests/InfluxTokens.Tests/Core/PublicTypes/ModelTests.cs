using System.Text.Json;
using InfluxTokens.Leases;

namespace InfluxTokens.Tests.Core.PublicTypes;

public class ModelTests
{
    private const string Value = "s3cr3t-token-value-AAAAAAAAAAAAAAAAAAAAAAAAAAAA==";

    private static InfluxToken Token() => new(
        "0a1b2c3d4e5f6071", "sensor 17", TokenStatus.Active,
        new[] { Permission.Parse("write:orgs/acme/buckets/telemetry"), Permission.Parse("read:buckets") },
        InfluxProduct.InfluxDB2Oss, secret: new TokenSecret(Value));

    [Fact]
    public void Every_product_has_its_documented_name()
    {
        foreach (var product in Enum.GetValues<InfluxProduct>())
            Assert.StartsWith("InfluxDB ", product.DisplayName());
        Assert.Equal("InfluxDB Cloud Dedicated", InfluxProduct.CloudDedicated.DisplayName());
    }

    [Fact]
    public void A_secret_never_prints_itself()
    {
        var secret = new TokenSecret(Value);
        Assert.Equal(TokenSecret.Redacted, secret.ToString());
        Assert.Equal(TokenSecret.Redacted, $"{secret}");
        Assert.Equal("{}", JsonSerializer.Serialize(secret));
        Assert.Empty(typeof(TokenSecret).GetProperties());
    }

    [Fact]
    public void A_token_object_carries_its_value_without_showing_it()
    {
        var token = Token();
        Assert.Equal("0a1b2c3d4e5f6071 (sensor 17)", token.ToString());
        var json = JsonSerializer.Serialize(token);
        Assert.DoesNotContain(Value, json);
        Assert.Contains("sensor 17", json);
        Assert.Equal(Value, token.Secret!.Reveal());
        Assert.Null(token.WithoutSecret().Secret);
        Assert.Equal(token.Permissions, token.WithoutSecret().Permissions);
    }

    [Fact]
    public void A_token_reads_its_human_description_from_the_stored_one_or_keeps_it_as_given()
    {
        const string Raw = "sensor 17 [lease until 2030-01-02T03:04:05Z]";
        var (human, expires, source) = InfluxTokens.Leases.LeaseMarker.Read(Raw);
        var token = new InfluxToken("0a1b2c3d4e5f6071", human, TokenStatus.Active, Array.Empty<Permission>(), InfluxProduct.InfluxDB2Oss,
            expiresAt: expires, expirySource: source, rawDescription: Raw);
        Assert.Equal("sensor 17", token.Description);
        Assert.Same(token.Description, token.Description);
        Assert.Equal(Raw, token.RawDescription);
        Assert.Equal("0a1b2c3d4e5f6071 (sensor 17)", token.ToString());

        // A description that is not the start of the stored one (only a caller of the public constructor makes one): kept as given.
        var named = new InfluxToken("t1", "the name", TokenStatus.Active, Array.Empty<Permission>(), InfluxProduct.InfluxDB3Core, rawDescription: "stored");
        Assert.Equal("the name", named.Description);
        Assert.Equal("stored", named.RawDescription);
        Assert.Equal("the name", named.WithoutSecret().Description);
        Assert.Equal("sensor 17", new InfluxToken("0a1b2c3d4e5f6071", "sensor 17", TokenStatus.Active, Array.Empty<Permission>(), InfluxProduct.InfluxDB2Oss).RawDescription);
    }

    /// <summary>The copy without a value (and a token type built on one) carries every other field of the token as it is.</summary>
    [Fact]
    public void A_copy_without_its_value_keeps_every_other_field()
    {
        var token = new InfluxToken("0a1b2c3d4e5f6071", "sensor 17", TokenStatus.Inactive, new[] { Permission.Parse("read:buckets") }, InfluxProduct.InfluxDB2Cloud,
            "00000000000000aa", "acme", "00000000000000bb", "ops", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddDays(1), new TokenSecret(Value),
            new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.Zero), ExpirySource.Lease, "sensor 17 [create 0123456789abcdef] [lease until 2030-01-02T03:04:05Z]",
            DateTimeOffset.UnixEpoch.AddDays(2))
        {
            NativeExpiresAt = DateTimeOffset.UnixEpoch.AddDays(3),
            HashPrefix = "abc",
        };
        var copy = token.WithoutSecret();
        Assert.Null(copy.Secret);
        var fields = typeof(InfluxToken).GetFields(System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Public);
        Assert.True(fields.Length > 15, "the token's fields were not found");
        foreach (var field in fields.Where(f => !f.Name.Contains(nameof(InfluxToken.Secret), StringComparison.Ordinal)))
            Assert.True(Equals(field.GetValue(token), field.GetValue(copy)), field.Name + " was not copied");
    }

    /// <summary>
    /// Property test: whatever a server stores (the module's own markers, near misses of them, someone else's text), a token
    /// made from it gives back exactly that stored description and the human text read from it, whether it keeps the
    /// stored text or only its parts.
    /// </summary>
    [Fact]
    public void A_token_gives_back_every_stored_description_exactly()
    {
        var random = new Random(20261202);
        const string alphabet = "ab XY09-_[]():é☃\t";
        string Text(int max) => new(Enumerable.Range(0, random.Next(0, max)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());
        string Tag() => random.Next(10) switch { 0 => "0000000000000000", 1 => "0A1B2C3D4E5F6071", 2 => "0a1b2c3d4e5f607", _ => random.NextInt64().ToString("x16") };
        string Lease() => random.Next(6) switch
        {
            0 => "[lease until 2026-13-01T00:00:00Z]",
            _ => "[lease until " + DateTimeOffset.FromUnixTimeSeconds(random.NextInt64(0, 253_402_300_799)).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'") + "]",
        };
        string Gap() => random.Next(8) switch { 0 => "", 1 => "  ", _ => " " };
        var composed = 0;
        for (var i = 0; i < 20_000; i++)
        {
            var raw = random.Next(5) switch
            {
                0 => Text(12),
                1 => Text(12) + Gap() + Lease(),
                2 => Text(12) + Gap() + "[create " + Tag() + "]" + Gap() + Lease(),
                3 => Gap() + "[create " + Tag() + "]" + Gap() + Lease(),
                _ => Text(6) + Gap() + Lease() + Gap() + Lease(),
            };
            var (human, expires, source) = LeaseMarker.Read(raw);
            var token = new InfluxToken("0a1b2c3d4e5f6071", human, TokenStatus.Active, Array.Empty<Permission>(), InfluxProduct.InfluxDB2Oss,
                expiresAt: expires, expirySource: source, rawDescription: raw, secret: new TokenSecret("v"));
            Assert.Equal(raw, token.RawDescription);
            Assert.Equal(human, token.Description);
            var copy = token.WithoutSecret(); // a copy made from the token's own parts
            Assert.NotSame(token, copy);
            Assert.Equal((raw, human), (copy.RawDescription, copy.Description));
            if (expires is not null && LeaseMarker.TryDecompose(raw, human, expires.Value, out _)) composed++;
        }

        Assert.InRange(composed, 5_000, 15_000); // both ways of keeping it are exercised

        // A description given that is not the start of the stored text (only the public constructor's callers make one),
        // however long, is kept as given, and so is the stored text.
        var unlike = new InfluxToken("0a1b2c3d4e5f6071", "y", TokenStatus.Active, Array.Empty<Permission>(), InfluxProduct.InfluxDB2Oss,
            expiresAt: new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.Zero), expirySource: ExpirySource.Lease, rawDescription: "x [lease until 2030-01-02T03:04:05Z]");
        Assert.Equal(("y", "x [lease until 2030-01-02T03:04:05Z]"), (unlike.Description, unlike.RawDescription));

        // The expiry given must be the one the marker records for the stored text to be composed again from it.
        const string Stored = "x [lease until 2030-01-02T03:04:05Z]";
        var other = new InfluxToken("0a1b2c3d4e5f6071", "x", TokenStatus.Active, Array.Empty<Permission>(), InfluxProduct.CloudDedicated,
            expiresAt: new DateTimeOffset(2031, 1, 1, 0, 0, 0, TimeSpan.Zero), expirySource: ExpirySource.Lease, rawDescription: Stored);
        Assert.Equal(Stored, other.RawDescription);
    }

    [Theory]
    [InlineData("0a1b2c3d4e5f6071")] // 2.x: kept as its 64 bits
    [InlineData("0000000000000000")]
    [InlineData("ffffffffffffffff")]
    [InlineData("0A1B2C3D4E5F6071")] // uppercase: kept as given, never lowercased behind the caller's back
    [InlineData("0a1b2c3d4e5f607")]
    [InlineData("0a1b2c3d4e5f60712")]
    [InlineData("0a1b2c3d4e5f607g")]
    [InlineData("a0e5ab55-8c4f-4d2c-9d7e-1f2a3b4c5d6e")] // Cloud Dedicated
    [InlineData("ingest-17")] // InfluxDB 3 Core names its tokens
    public void A_token_id_reads_back_exactly_as_given(string id)
    {
        var token = new InfluxToken(id, "", TokenStatus.Active, Array.Empty<Permission>(), InfluxProduct.InfluxDB2Oss);
        Assert.Equal(id, token.Id);
        Assert.Same(token.Id, token.Id);
        Assert.Equal(id, token.WithoutSecret().Id);
    }

    [Fact]
    public void Times_are_the_instants_given_in_utc_and_none_stays_none()
    {
        var created = new DateTimeOffset(2026, 11, 30, 14, 0, 0, TimeSpan.FromHours(2));
        var observed = new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
        var token = new InfluxToken("0a1b2c3d4e5f6071", "", TokenStatus.Active, Array.Empty<Permission>(), InfluxProduct.InfluxDB2Oss,
            createdAt: created, expiresAt: observed.AddHours(1), expirySource: ExpirySource.Lease, observedAt: observed);
        Assert.Equal(created, token.CreatedAt);
        Assert.Equal(TimeSpan.Zero, token.CreatedAt!.Value.Offset);
        Assert.Equal(TimeSpan.FromHours(24), token.Age);
        Assert.Null(token.UpdatedAt);
        Assert.Equal(TimeSpan.FromHours(1), token.TimeLeft);
        Assert.False(token.IsExpired);
        Assert.Equal(observed, token.ObservedAt);

        // The earliest time there is is a time, not "none" (Go's zero time reads as 0001-01-01).
        var ancient = new InfluxToken("0a1b2c3d4e5f6071", "", TokenStatus.Active, Array.Empty<Permission>(), InfluxProduct.InfluxDB2Oss,
            createdAt: DateTimeOffset.MinValue, expiresAt: DateTimeOffset.MinValue, expirySource: ExpirySource.Lease, observedAt: observed);
        Assert.Equal(DateTimeOffset.MinValue, ancient.CreatedAt);
        Assert.True(ancient.IsExpired);
        Assert.Equal(TimeSpan.Zero, ancient.TimeLeft);

        var never = new InfluxToken("0a1b2c3d4e5f6071", "", TokenStatus.Active, Array.Empty<Permission>(), InfluxProduct.InfluxDB2Oss, observedAt: observed);
        Assert.Null(never.ExpiresAt);
        Assert.Null(never.TimeLeft);
        Assert.Null(never.Age);
        Assert.False(never.IsExpired);
        Assert.Contains("NoExpiry", never.Risk);
    }

    [Fact]
    public void The_permission_summary_is_short_and_readable()
    {
        Assert.Equal("write:orgs/acme/buckets/telemetry +1", Token().PermissionSummary);
    }

    [Fact]
    public void Secure_strings_round_trip_and_comparison_is_exact()
    {
        var secret = new TokenSecret(Value);
        using var secure = secret.ToSecureString();
        Assert.True(secure.IsReadOnly());
        Assert.Equal(Value, TokenSecret.FromSecureString(secure).Reveal());
        Assert.True(secret.Matches(Value));
        Assert.False(secret.Matches(Value[..^1] + "x"));
        Assert.False(secret.Matches(Value + "x"));
        Assert.False(secret.Matches(null));
        Assert.Throws<ArgumentException>(() => new TokenSecret(""));
    }
}

public class WireTimeTests
{
    [Theory]
    [InlineData("2026-11-24T07:52:09Z", "2026-11-24T07:52:09.0000000+00:00")]
    [InlineData("2026-11-24T07:52:09.077Z", "2026-11-24T07:52:09.0770000+00:00")]
    [InlineData("2026-11-24T07:52:09.123456789Z", "2026-11-24T07:52:09.1234567+00:00")]
    [InlineData("2026-11-24T09:52:09+02:00", "2026-11-24T07:52:09.0000000+00:00")]
    [InlineData("2026-11-24T02:52:09.5-05:00", "2026-11-24T07:52:09.5000000+00:00")]
    [InlineData("2026-11-24T07:52:09.331", "2026-11-24T07:52:09.3310000+00:00")]   // system.tokens: no zone, UTC
    [InlineData("2024-02-29T00:00:00Z", "2024-02-29T00:00:00.0000000+00:00")]
    [InlineData("0001-01-01T00:00:00Z", "0001-01-01T00:00:00.0000000+00:00")]
    [InlineData("9999-12-31T23:59:59.9999999Z", "9999-12-31T23:59:59.9999999+00:00")]
    public void Rfc3339_is_read_directly(string text, string expected)
    {
        Assert.True(InfluxTokens.Backends.WireTime.TryRfc3339(text, out var t));
        Assert.Equal(expected, t.ToString("o"));
        Assert.Equal(t, InfluxTokens.Backends.WireTime.Parse(text));
    }

    [Theory]
    [InlineData("2023-02-29T00:00:00Z")]
    [InlineData("2026-13-01T00:00:00Z")]
    [InlineData("2026-11-24T24:00:00Z")]
    [InlineData("2026-11-24T07:52")]
    [InlineData("2026-11-24T07:52:09+0200")]
    [InlineData("yesterday")]
    [InlineData("0000-01-01T00:00:00Z")]          // no year 0
    [InlineData("0001-01-01T00:00:00+01:00")]     // before the calendar once in UTC
    [InlineData("9999-12-31T23:59:59-01:00")]     // after it
    public void Anything_else_falls_through(string text) =>
        Assert.False(InfluxTokens.Backends.WireTime.TryRfc3339(text, out _));
}
