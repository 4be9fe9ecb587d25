using System.Text.Json;

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
    public void Anything_else_falls_through(string text) =>
        Assert.False(InfluxTokens.Backends.WireTime.TryRfc3339(text, out _));
}
