using InfluxTokens.Connections;

namespace InfluxTokens.Tests.Core.Connections;

/// <summary>The fallback chain: INFLUX_* variables, then the influx CLI's active profile, field by field.</summary>
public class ConnectionSettingsTests
{
    private const string Home = "/home/admin";
    private const string DefaultConfig = "/home/admin/.influxdbv2/configs";
    private const string ProfileToken = "profile-token-XYZ==";

    private const string TwoProfiles = """
        [default]
          url = "http://influx-a:8086"
          token = "profile-token-XYZ=="
          org = "acme"
          active = true
        [staging]
          url = "https://influx-b:8086"   # a comment
          token = 'staging-token'
          org = "acme staging"
          previous = true
        #
        # [us-west]
        #   url = "https://us-west-2-1.aws.cloud2.influxdata.com"
        #   token = "XXX"
        """;

    private static ConnectionSettings Resolve(Dictionary<string, string>? env = null, Dictionary<string, string>? files = null) =>
        ConnectionSettingsResolver.Resolve(
            name => env is not null && env.TryGetValue(name, out var v) ? v : null,
            Home,
            path => files is not null && files.TryGetValue(path, out var text) ? text : null);

    [Fact]
    public void Environment_variables_alone_are_enough()
    {
        var s = Resolve(new() { ["INFLUX_HOST"] = "http://influx:8086", ["INFLUX_TOKEN"] = "env-token", ["INFLUX_ORG"] = "acme" });
        Assert.Equal("http://influx:8086/", s.Url.ToString());
        Assert.Equal("env-token", s.Token.Reveal());
        Assert.Equal("acme", s.Org);
        Assert.Null(s.OrgId);
        Assert.Equal("environment (INFLUX_HOST, INFLUX_TOKEN, INFLUX_ORG)", s.Source);
    }

    [Fact]
    public void The_active_profile_is_used_when_nothing_is_set()
    {
        var s = Resolve(files: new() { [DefaultConfig] = TwoProfiles });
        Assert.Equal("http://influx-a:8086/", s.Url.ToString());
        Assert.Equal(ProfileToken, s.Token.Reveal());
        Assert.Equal("acme", s.Org);
        Assert.Contains("influx CLI profile 'default'", s.Source);
    }

    [Fact]
    public void INFLUX_ACTIVE_CONFIG_picks_another_profile_and_single_quotes_are_literal()
    {
        var s = Resolve(new() { ["INFLUX_ACTIVE_CONFIG"] = "staging" }, new() { [DefaultConfig] = TwoProfiles });
        Assert.Equal("https://influx-b:8086/", s.Url.ToString());
        Assert.Equal("staging-token", s.Token.Reveal());
        Assert.Equal("acme staging", s.Org);
    }

    [Fact]
    public void Environment_variables_override_the_profile_field_by_field()
    {
        var s = Resolve(new() { ["INFLUX_ORG_ID"] = "0a1b2c3d4e5f6071", ["INFLUX_SKIP_VERIFY"] = "true" }, new() { [DefaultConfig] = TwoProfiles });
        Assert.Equal("http://influx-a:8086/", s.Url.ToString());
        Assert.Equal(ProfileToken, s.Token.Reveal());
        Assert.Equal("0a1b2c3d4e5f6071", s.OrgId);
        Assert.Null(s.Org);
        Assert.True(s.SkipCertificateCheck);
        Assert.Contains("environment (INFLUX_ORG_ID)", s.Source);
        Assert.Contains("profile 'default'", s.Source);
    }

    [Fact]
    public void INFLUX_CONFIGS_PATH_moves_the_file()
    {
        var s = Resolve(new() { ["INFLUX_CONFIGS_PATH"] = "/etc/influx/configs" }, new() { ["/etc/influx/configs"] = TwoProfiles });
        Assert.Equal(ProfileToken, s.Token.Reveal());
        var ex = Assert.Throws<InfluxTokensException>(() => Resolve(new() { ["INFLUX_CONFIGS_PATH"] = "/nowhere/configs" }));
        Assert.Contains("INFLUX_CONFIGS_PATH points to /nowhere/configs, which does not exist", ex.Message);
    }

    [Fact]
    public void A_token_alone_talks_to_localhost_like_the_cli()
    {
        var s = Resolve(new() { ["INFLUX_TOKEN"] = "t" });
        Assert.Equal("http://localhost:8086/", s.Url.ToString());
        Assert.Contains("default URL", s.Source);
    }

    [Fact]
    public void Nothing_configured_says_what_to_set()
    {
        var ex = Assert.Throws<InfluxTokensException>(() => Resolve());
        Assert.Equal(InfluxErrorKind.NotConnected, ex.Kind); // the module adds what to run in PowerShell
        Assert.Contains("INFLUX_HOST and INFLUX_TOKEN", ex.Message);
        Assert.Contains("influx config create", ex.Message);
    }

    [Fact]
    public void A_profile_without_a_token_is_named()
    {
        var ex = Assert.Throws<InfluxTokensException>(() => Resolve(files: new() { [DefaultConfig] = "[default]\n  url = \"http://x:8086\"\n  active = true\n" }));
        Assert.Contains("has no token in its profile 'default'", ex.Message);
    }

    [Theory]
    [InlineData("[default\nurl = \"x\"", 1, "expected a table header such as [default]")]
    [InlineData("url = \"http://x\"", 1, "before any [table] header")]
    [InlineData("[a]\ntoken = \"profile-token-XYZ==", 2, "not closed")]
    [InlineData("[a]\ntoken profile-token-XYZ==", 2, "expected 'key = value'")]
    [InlineData("[a]\nactive = yes", 2, "expected a quoted string, true, false or a number")]
    [InlineData("[a]\nactive = \"yes\"", 1, "'active' in [a] must be true or false")]
    [InlineData("[a]\ntoken = 5", 1, "'token' in [a] must be a quoted string")]
    [InlineData("[[a]]\ntoken = \"profile-token-XYZ==\"", 1, "expected a profile header")]
    [InlineData("[a]\n[a]", 2, "appears twice")]
    [InlineData("[a]\nurl = http://x", 2, "expected a quoted string")]
    public void A_broken_file_names_the_line_and_never_the_token(string text, int line, string says)
    {
        var ex = Assert.Throws<InfluxTokensException>(() => Resolve(files: new() { [DefaultConfig] = text }));
        Assert.Contains($"{DefaultConfig} cannot be read at line {line}", ex.Message);
        Assert.Contains(says, ex.Message);
        Assert.DoesNotContain(ProfileToken, ex.Message);
        Assert.Contains("INFLUX_HOST and INFLUX_TOKEN", ex.Message);
    }

    [Fact]
    public void Conflicting_settings_are_refused()
    {
        var both = Assert.Throws<InfluxTokensException>(() => Resolve(new() { ["INFLUX_TOKEN"] = "t", ["INFLUX_ORG"] = "a", ["INFLUX_ORG_ID"] = "0a1b2c3d4e5f6071" }));
        Assert.Contains("Both INFLUX_ORG and INFLUX_ORG_ID", both.Message);

        var twoActive = Assert.Throws<InfluxTokensException>(() => Resolve(files: new() { [DefaultConfig] = "[a]\ntoken=\"1\"\nactive=true\n[b]\ntoken=\"2\"\nactive=true" }));
        Assert.Contains("more than one profile active (a, b)", twoActive.Message);

        var unknown = Assert.Throws<InfluxTokensException>(() => Resolve(new() { ["INFLUX_ACTIVE_CONFIG"] = "prod" }, new() { [DefaultConfig] = TwoProfiles }));
        Assert.Contains("'prod', which", unknown.Message);
        Assert.Contains("it has: default, staging", unknown.Message);

        var badHost = Assert.Throws<InfluxTokensException>(() => Resolve(new() { ["INFLUX_HOST"] = "influx:8086", ["INFLUX_TOKEN"] = "t" }));
        Assert.StartsWith("INFLUX_HOST: ", badHost.Message);
    }

    [Fact]
    public void Escapes_in_basic_strings_are_read()
    {
        var profiles = InfluxCliConfig.Parse("[\"my profile\"]\ntoken = \"a\\\"b\\\\c\\u0041\"", "f");
        Assert.Equal("my profile", profiles[0].Name);
        Assert.Equal("a\"b\\cA", profiles[0].Token);
    }

    [Fact]
    public void A_profile_named_but_missing_is_refused_naming_those_there_are()
    {
        var cli = InfluxCliConfig.Parse("[a]\ntoken = \"t\"\n[b]\ntoken = \"t\"", "~/.influxdbv2/configs");
        Assert.Equal("INFLUX_ACTIVE_CONFIG names the profile 'c', which ~/.influxdbv2/configs does not have; it has: a, b.",
            Assert.Throws<InfluxTokensException>(() => InfluxCliConfig.Select(cli, "c", "~/.influxdbv2/configs")).Message);
        Assert.Equal("INFLUXCTL_PROFILE names the profile 'prod', which config.toml does not have; it has: no profiles.",
            Assert.Throws<InfluxTokensException>(() => InfluxctlConfig.Select(InfluxctlConfig.Parse("", "config.toml"), "prod", "config.toml")).Message);
    }

    [Fact]
    public void The_connection_key_depends_on_the_token_without_containing_it()
    {
        var a = new ConnectionSettings(new Uri("http://x:8086"), new TokenSecret("first-token-value"), "t");
        var b = new ConnectionSettings(new Uri("http://x:8086"), new TokenSecret("second-token-value"), "t");
        Assert.NotEqual(ConnectionKey.Of(a), ConnectionKey.Of(b));
        Assert.Equal(ConnectionKey.Of(a), ConnectionKey.Of(new ConnectionSettings(new Uri("http://x:8086"), new TokenSecret("first-token-value"), "other")));
        Assert.DoesNotContain("first-token-value", ConnectionKey.Of(a));
    }
}

/// <summary>influxctl's config.toml as the last fallback, for Cloud Dedicated and Clustered admins.</summary>
public class InfluxctlSettingsTests
{
    private const string Home = "/home/admin";
    private const string ConfigPath = "/home/admin/.config/influxctl/config.toml";
    private const string Management = "M.V1.secret-management-token";

    private const string Config = """
        [[profile]]
          name = "default"
          product = "dedicated"
          account_id = "11111111-1111-4111-8111-111111111111"
          cluster_id = "22222222-2222-4222-8222-222222222222"
          mgmt_token = "M.V1.secret-management-token"

        [[profile]]
          name = "onprem"
          product = "clustered"
          host = "influx.internal"
          port = 8443
          mgmt_token = 'M.V1.other'

          [profile.auth.oauth2]
            client_id = "abc"
            scopes = [
              "openid",
            ]
            parameters = { audience = "x" }
        """;

    private static ConnectionSettings Resolve(Dictionary<string, string>? env = null, string? text = Config, string path = ConfigPath) =>
        ConnectionSettingsResolver.Resolve(n => env is not null && env.TryGetValue(n, out var v) ? v : null, Home,
            p => p == path ? text : null, _ => false);

    [Fact]
    public void The_default_profile_connects_to_cloud_dedicated()
    {
        var s = Resolve();
        Assert.Equal((InfluxProduct.CloudDedicated, "https://console.influxdata.com/"), (s.Product!.Value, s.Url.ToString()));
        Assert.Equal(("11111111-1111-4111-8111-111111111111", "22222222-2222-4222-8222-222222222222"), (s.AccountId, s.ClusterId));
        Assert.Equal(Management, s.Token.Reveal());
        Assert.Contains("influxctl profile 'default'", s.Source);
    }

    [Fact]
    public void INFLUXCTL_PROFILE_picks_a_clustered_profile_with_its_host_and_port()
    {
        var s = Resolve(new() { ["INFLUXCTL_PROFILE"] = "onprem" });
        Assert.Equal((InfluxProduct.Clustered, "https://influx.internal:8443/"), (s.Product!.Value, s.Url.ToString()));
        Assert.Equal(s.Url, s.DataUrl);
        Assert.Contains("it has: default, onprem", Assert.Throws<InfluxTokensException>(() => Resolve(new() { ["INFLUXCTL_PROFILE"] = "x" })).Message);
    }

    [Fact]
    public void The_influx_cli_and_its_variables_come_first()
    {
        var s = Resolve(new() { ["INFLUX_TOKEN"] = "v2-token" });
        Assert.Null(s.Product);
        Assert.Equal("v2-token", s.Token.Reveal());
    }

    [Fact]
    public void Windows_keeps_it_under_APPDATA_and_a_profile_without_a_management_token_says_so()
    {
        var s = Resolve(new() { ["APPDATA"] = "/appdata" }, path: Path.Combine("/appdata", "influxctl", "config.toml"));
        Assert.Equal(InfluxProduct.CloudDedicated, s.Product);
        var ex = Assert.Throws<InfluxTokensException>(() => Resolve(text: "[[profile]]\nname = \"default\"\nproduct = \"dedicated\"\n"));
        Assert.Contains("has no mgmt_token", ex.Message);
        Assert.Contains("influxctl management create", ex.Message);
    }

    [Fact]
    public void A_broken_file_names_the_line_and_never_the_token()
    {
        var ex = Assert.Throws<InfluxTokensException>(() => Resolve(text: "[[profile]]\nname = \"default\"\nmgmt_token = \"M.V1.secret-management-token"));
        Assert.Contains("config.toml cannot be read at line 3", ex.Message);
        Assert.DoesNotContain(Management, ex.Message);
    }

    [Fact]
    public void Every_setting_but_its_source_takes_part_in_the_connection_key()
    {
        ConnectionSettings Fresh() => new(new Uri("http://x:8086"), new TokenSecret("first-token-value"), "env");
        var baseline = ConnectionKey.Of(Fresh());
        var changes = new Dictionary<string, Action<ConnectionSettings>>
        {
            ["Org"] = s => s.Org = "acme",
            ["OrgId"] = s => s.OrgId = "0a1b2c3d4e5f6071",
            ["SkipCertificateCheck"] = s => s.SkipCertificateCheck = true,
            ["Timeout"] = s => s.Timeout = TimeSpan.FromSeconds(5),
            ["Retry"] = s => s.Retry = new InfluxTokens.Http.RetryPolicy { MaxAttempts = 1 },
            ["Product"] = s => s.Product = InfluxProduct.Clustered,
            ["AccountId"] = s => s.AccountId = "a",
            ["ClusterId"] = s => s.ClusterId = "c",
            ["DataUrl"] = s => s.DataUrl = new Uri("https://data.example"),
        };
        var settable = typeof(ConnectionSettings).GetProperties().Where(p => p.CanWrite).Select(p => p.Name).Order();
        Assert.Equal(settable, changes.Keys.Order()); // a new setting must be added here too
        foreach (var (name, change) in changes)
        {
            var s = Fresh();
            change(s);
            Assert.True(ConnectionKey.Of(s) != baseline, name + " does not change the key");
        }

        Assert.Equal(baseline, ConnectionKey.Of(new ConnectionSettings(new Uri("http://x:8086"), new TokenSecret("first-token-value"), "other source")));
    }
}
