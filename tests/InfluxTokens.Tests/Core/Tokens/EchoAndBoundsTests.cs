using InfluxTokens.Backends;
using InfluxTokens.Http;
using InfluxTokens.Leases;
using InfluxTokens.Permissions;
using InfluxTokens.Tests.Infrastructure;
using InfluxTokens.Text;
using InfluxTokens.Tokens;

namespace InfluxTokens.Tests.Core.Tokens;

/// <summary>Bad input and hostile text: what the module echoes, and the bounds it keeps.</summary>
public class EchoAndBoundsTests
{
    private const string Token = "Zm9vYmFyLXNlY3JldC10b2tlbi12YWx1ZS0wMTIzNDU2Nzg5QUJDREVG==";

    [Fact]
    public void A_token_where_the_url_belongs_is_never_quoted()
    {
        var fromEnv = Assert.Throws<InfluxTokensException>(() => InfluxTokens.Connections.ConnectionSettingsResolver.Resolve(
            name => name switch { "INFLUX_HOST" => Token, "INFLUX_TOKEN" => "http://localhost:8086", _ => null }, "/nonexistent-home", _ => null));
        Assert.DoesNotContain(Token.Substring(0, 12), fromEnv.Message);
        Assert.Contains("INFLUX_HOST", fromEnv.Message);
        Assert.Contains("may be a token", fromEnv.Message);
    }

    [Theory]
    [InlineData("https://user:s3cr3t-pa55word@influx.example:8086")]
    [InlineData("ftp://user:s3cr3t-pa55word@influx.example")]
    [InlineData("https://influx.example:8086/?token=s3cr3t-pa55word")]
    public void A_password_or_query_in_a_url_is_refused_without_being_echoed(string url)
    {
        var ex = Assert.Throws<ArgumentException>(() => InfluxServerOptions.ParseUrl(url));
        Assert.DoesNotContain("s3cr3t", ex.Message);
        Assert.DoesNotContain("s3cr3t", InfluxServerOptions.Describe(url));
    }

    [Theory]
    [InlineData("99999999d")]
    [InlineData("P99999999D")]
    [InlineData("99999999999999999999w")]
    public void Enormous_durations_get_the_modules_own_message(string text)
    {
        var ex = Assert.Throws<FormatException>(() => LeaseDuration.Parse(text));
        Assert.Contains("longer than the 3660 days (10 years) allowed", ex.Message);
        Assert.DoesNotContain("TimeSpan", ex.Message);
    }

    [Fact]
    public async Task An_expiry_beyond_ten_years_is_refused_like_a_duration_that_long()
    {
        // -ExpiresAt ([datetime]::MaxValue) is refused by the cmdlet (tests/InfluxTokens.Module.Tests, PipelineTests); Core refuses the spec.
        await using var s = await Scenario.StartAsync();
        var spec = new TokenSpec { Description = "far", Preset = PermissionPreset.AllAccess, ExpiresAt = s.Clock.GetUtcNow().AddYears(20) };
        Assert.Contains("10 years", (await Assert.ThrowsAsync<InfluxTokensException>(() => s.Backend.CreateAsync(spec, default))).Message);
    }

    [Fact]
    public async Task Control_characters_and_direction_overrides_are_escaped_wherever_text_is_shown()
    {
        await using var s = await Scenario.StartAsync();
        var evil = "ok\u001b]0;pwned\u0007\u0000\u202Egnp.exe";
        var t = await s.MintAsync(evil, "1h");
        var listed = Assert.Single(await s.TokensAsync(), x => x.Id == t.Id);
        Assert.Equal(evil, listed.Description);                                            // the data itself is kept
        foreach (var shown in new[] { listed.ToString(), listed.DisplayDescription, Display.Safe(evil) })
        {
            Assert.DoesNotContain(shown, c => c < ' ' || c == '\u202E');
            Assert.Contains("\\u001B]0;pwned\\u0007\\u0000\\u202Egnp.exe", shown);
        }

        var bad = Assert.Throws<PermissionFormatException>(() => Permission.Parse("read:bu\u202Eckets\u0000/x", ResourceTypeSet.Oss2));
        Assert.DoesNotContain(bad.Message, c => c < ' ' || c == '\u202E');
        Assert.Contains("\\u202E", bad.Message);
    }

    [Fact]
    public async Task Huge_descriptions_are_refused_and_never_echoed_whole()
    {
        await using var s = await Scenario.StartAsync();
        var huge = new string('x', 1_000_000);
        var ex = await Assert.ThrowsAsync<InfluxTokensException>(() => s.MintAsync(huge, "1h"));
        Assert.Contains("longer than the 1024 characters allowed", ex.Message);
        Assert.True(ex.Message.Length < 300, ex.Message.Length.ToString());
        Assert.Contains("longer than the 1024", Assert.Throws<InfluxTokensException>(() => TokenOperations.CheckUpdate(new TokenUpdate { Description = huge })).Message);

        var marker = new string('y', 5000) + " [lease until 2000-01-01T00:00:00Z]";
        var refused = Assert.Throws<InfluxTokensException>(() => LeaseMarker.EnsureNoMarker(marker));
        Assert.Contains("reads as a lease marker", refused.Message);
        Assert.True(refused.Message.Length < 600, refused.Message.Length.ToString());
        Assert.Contains("(5035 characters)", refused.Message);
    }

    [Theory]
    [InlineData("http://influx.example:8086/", true)]
    [InlineData("http://10.0.0.5:8086/", true)]
    [InlineData("http://localhost:8086/", false)]
    [InlineData("http://127.0.0.1:8086/", false)]
    [InlineData("http://[::1]:8086/", false)]
    [InlineData("https://influx.example/", false)]
    public void Cleartext_to_another_host_is_reported_on_the_connection(string url, bool warned)
    {
        var u = new Uri(url);
        Assert.Equal(warned, InfluxServerOptions.IsCleartextToRemote(u));
        var warnings = InfluxConnection.WarningsFor(u, u, skipCertificateCheck: false);
        Assert.Equal(warned, warnings.Any(w => w.Contains("clear text")));
    }

    [Fact]
    public async Task A_connection_carries_its_warnings()
    {
        await using var s = await Scenario.StartAsync();
        Assert.Empty(s.Connection.Warnings);                                              // the emulator listens on 127.0.0.1
        var w = InfluxConnection.WarningsFor(new Uri("https://h.example/"), new Uri("http://data.example/"), skipCertificateCheck: true);
        Assert.Equal(2, w.Count);
        Assert.Contains(w, x => x.Contains("'http://data.example/'") && x.Contains("clear text"));
        Assert.Contains(w, x => x.Contains("TLS certificate checks are off"));
    }
}
