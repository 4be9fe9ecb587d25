using InfluxDB.Emulator;
using InfluxTokens.Connections;
using InfluxTokens.Permissions;
using InfluxTokens.Tests.Infrastructure;

namespace InfluxTokens.Tests.Core.Connections;

public class OssConnectionTests(OssEmulator emu) : IClassFixture<OssEmulator>
{
    [Fact]
    public async Task Opening_detects_oss_and_verifies_the_token()
    {
        using var connection = await InfluxConnection.OpenAsync(new ConnectionSettings(emu.Url, new TokenSecret(emu.Server.SetupToken), "test") { Org = "my-org" }, default);
        Assert.Equal(InfluxProduct.InfluxDB2Oss, connection.Product);
        Assert.Equal("v2.7.12", connection.ServerVersion);
        Assert.True(connection.ProductDetected);
        Assert.Equal(InfluxProduct.InfluxDB2Oss, connection.Backend.Product);
        Assert.Equal($"{emu.Url.ToString().TrimEnd('/')} (InfluxDB OSS 2.x, org my-org)", connection.ToString());
        Assert.DoesNotContain(emu.Server.SetupToken, connection.ToString());
    }

    [Fact]
    public async Task A_wrong_token_fails_at_connect_time()
    {
        var ex = await Assert.ThrowsAsync<InfluxApiException>(() => InfluxConnection.OpenAsync(new ConnectionSettings(emu.Url, new TokenSecret("wrong"), "test"), default));
        Assert.Equal(InfluxErrorKind.Unauthorized, ex.Kind);
        Assert.Equal("unauthorized access", ex.ServerMessage);
    }

    [Fact]
    public async Task A_given_product_skips_detection()
    {
        using var connection = await InfluxConnection.OpenAsync(
            new ConnectionSettings(emu.Url, new TokenSecret(emu.Server.SetupToken), "test") { Product = InfluxProduct.InfluxDB2Oss }, default);
        Assert.False(connection.ProductDetected);
        Assert.Null(connection.ServerVersion);
    }
}

public class CloudConnectionTests(CloudEmulator emu) : IClassFixture<CloudEmulator>
{
    [Fact]
    public async Task Opening_detects_cloud()
    {
        using var connection = await InfluxConnection.OpenAsync(new ConnectionSettings(emu.Url, new TokenSecret(emu.Server.SetupToken), "test"), default);
        Assert.Equal(InfluxProduct.InfluxDB2Cloud, connection.Product);
        Assert.Equal(InfluxProduct.InfluxDB2Cloud, connection.Backend.Product);
    }
}

/// <summary>InfluxDB 3 Core and Enterprise authenticate /ping by default (their specs: 401), so detection must send the token.</summary>
public class V3DetectionTests
{
    [Theory]
    [InlineData(EmulatorMode.Core, InfluxProduct.InfluxDB3Core)]
    [InlineData(EmulatorMode.Enterprise, InfluxProduct.InfluxDB3Enterprise)]
    public async Task A_server_with_default_settings_is_detected(EmulatorMode mode, InfluxProduct expected)
    {
        await using var server = await EmulatorServer.StartAsync(new EmulatorOptions { Mode = mode });
        using var connection = await InfluxConnection.OpenAsync(new ConnectionSettings(server.Url, new TokenSecret(server.SetupToken), "test"), default);
        Assert.Equal(expected, connection.Product);
        Assert.Equal("3.6.0", connection.ServerVersion);
    }

    [Fact]
    public async Task A_refused_token_is_reported_as_not_authenticated_not_as_another_product()
    {
        await using var server = await EmulatorServer.StartAsync(new EmulatorOptions { Mode = EmulatorMode.Core });
        var ex = await Assert.ThrowsAsync<InfluxTokensException>(() =>
            InfluxConnection.OpenAsync(new ConnectionSettings(server.Url, new TokenSecret("apiv3_wrong"), "test"), default));
        Assert.Equal(InfluxErrorKind.Unauthorized, ex.Kind);
        Assert.Contains("refused the token on GET /ping (HTTP 401)", ex.Message);
        Assert.DoesNotContain("apiv3_wrong", ex.Message);
    }

    [Fact]
    public async Task A_server_without_an_influxdb_ping_is_told_to_name_its_product()
    {
        await using var server = await EmulatorServer.StartAsync(new EmulatorOptions { Mode = EmulatorMode.Clustered });
        server.Faults.Fail("GET", "^/ping$", 404);
        var ex = await Assert.ThrowsAsync<InfluxTokensException>(() =>
            InfluxConnection.OpenAsync(new ConnectionSettings(server.Url, new TokenSecret(server.SetupToken), "test"), default));
        Assert.Equal(InfluxErrorKind.NotSupported, ex.Kind);
        Assert.Contains("name the product", ex.Message);
    }
}

public class ProductDetectionTests
{
    private static readonly Uri Url = new("http://influx:8086");

    [Theory]
    [InlineData("OSS", "v2.7.12", InfluxProduct.InfluxDB2Oss)]
    [InlineData("OSS", "2.9.1", InfluxProduct.InfluxDB2Oss)]
    [InlineData("Cloud", null, InfluxProduct.InfluxDB2Cloud)]
    [InlineData("cloud2", null, InfluxProduct.InfluxDB2Cloud)]
    [InlineData(null, null, InfluxProduct.InfluxDB2Oss)]
    [InlineData("Core", "3.6.0", InfluxProduct.InfluxDB3Core)]
    [InlineData("Enterprise", "3.6.0", InfluxProduct.InfluxDB3Enterprise)]
    [InlineData(null, "3.1.0", InfluxProduct.InfluxDB3Core)]
    public void Ping_headers_name_the_product(string? build, string? version, InfluxProduct expected) =>
        Assert.Equal(expected, ProductDetection.FromPing(build, version, Url));

    [Theory]
    [InlineData("OSS", "1.8.10", "InfluxDB 1.x has users, not API tokens")]
    public void Products_this_version_cannot_manage_are_refused_with_the_reason(string build, string version, string says)
    {
        var ex = Assert.Throws<InfluxTokensException>(() => ProductDetection.FromPing(build, version, Url));
        Assert.Equal(InfluxErrorKind.NotSupported, ex.Kind);
        Assert.Contains(says, ex.Message);
    }

    [Fact]
    public void Resource_lists_tell_cloud_from_oss()
    {
        Assert.True(ProductDetection.LooksLikeCloud(ResourceTypeSet.Cloud2.Types));
        Assert.False(ProductDetection.LooksLikeCloud(ResourceTypeSet.Oss2.Types));
    }
}
