using InfluxTokens.Leases;
namespace InfluxTokens.Tests.Core.Leases;

public class LeaseMarkerTests
{
    private static readonly DateTimeOffset When = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_marker_is_readable_and_at_the_end()
    {
        Assert.Equal("sensor-17 telemetry [lease until 2026-11-24T12:00:00Z]", LeaseMarker.Compose("sensor-17 telemetry", When));
        Assert.Equal("[lease until 2026-11-24T12:00:00Z]", LeaseMarker.Compose("", When));
        Assert.Equal("no lease", LeaseMarker.Compose("no lease", null));
        Assert.Equal("x [lease until 2026-11-24T12:00:00Z]", LeaseMarker.Compose("x", When.AddMilliseconds(999).ToOffset(TimeSpan.FromHours(2))));
    }

    /// <summary>Property test: any human text the module accepts comes back intact with its expiry.</summary>
    [Fact]
    public void Round_trips_for_random_descriptions_and_times()
    {
        var random = new Random(20261124);
        const string alphabet = "abcXYZ 0123456789-_:/[]()#'\"{}<>=.,;!?éß€☃\t";
        var cases = 0;
        for (var i = 0; i < 5000; i++)
        {
            var length = random.Next(0, 40);
            var human = new string(Enumerable.Range(0, length).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());
            if (i % 7 == 0) human += " [lease until 2026-01-01]";      // look-alike tails
            if (i % 11 == 0) human = "[lease until 2030-01-01T00:00:00Z] " + human; // a marker-like head is just text
            var expires = DateTimeOffset.FromUnixTimeSeconds(random.NextInt64(0, 4_102_444_800));
            string raw;
            try
            {
                raw = LeaseMarker.Compose(human, expires);
            }
            catch (InfluxTokensException)
            {
                Assert.NotEqual(ExpirySource.None, LeaseMarker.Read(human).Source); // refused only when it would be ambiguous
                continue;
            }

            var (back, at, source) = LeaseMarker.Read(raw);
            Assert.Equal(human, back);
            Assert.Equal(expires, at);
            Assert.Equal(ExpirySource.Lease, source);
            Assert.Equal((human, (DateTimeOffset?)null, ExpirySource.None), LeaseMarker.Read(LeaseMarker.Compose(human, null)));
            cases++;
        }

        Assert.True(cases > 4500, $"only {cases} cases ran");
    }

    [Theory]
    [InlineData("rotate before the lease until 2026-11-24T12:00:00Z")]       // no brackets
    [InlineData("x [lease until 2026-11-24]")]                              // no time
    [InlineData("x [lease until 2026-13-40T00:00:00Z]")]                     // not a date
    [InlineData("x[lease until 2026-11-24T12:00:00Z]")]                      // glued to the text
    [InlineData("x [lease until 2026-11-24T12:00:00Z] (copied)")]            // not at the end
    [InlineData("x [Lease until 2026-11-24T12:00:00Z]")]                     // another spelling
    [InlineData("x [lease until 2026-11-24T12:00:00+02:00]")]                // not UTC
    [InlineData("x [lease until 0000-01-01T00:00:00Z]")]                     // no year 0
    [InlineData("OCKAM:abc")]
    [InlineData("ockam/id/not-a-date")]
    public void Look_alike_text_is_not_a_lease(string description)
    {
        var (human, at, source) = LeaseMarker.Read(description);
        Assert.Equal((description, null, ExpirySource.None), (human, at, source));
        Assert.Equal(description + " [lease until 2026-11-24T12:00:00Z]", LeaseMarker.Compose(description, When));
    }

    [Fact]
    public void Ockam_leases_are_recognised()
    {
        var rust = LeaseMarker.Read("OCKAM:I0123abcd:1700000000");
        Assert.Equal((DateTimeOffset.FromUnixTimeSeconds(1700000000), ExpirySource.Ockam), (rust.ExpiresAt!.Value, rust.Source));
        var elixir = LeaseMarker.Read("ockam/I0123abcd/2023-11-14T22:13:20Z");
        Assert.Equal((DateTimeOffset.FromUnixTimeSeconds(1700000000), ExpirySource.Ockam), (elixir.ExpiresAt!.Value, elixir.Source));
        Assert.Equal("Ockam lease I0123abcd", LeaseMarker.HumanText("OCKAM:I0123abcd:1700000000"));
        Assert.Equal("Ockam lease I0123abcd", LeaseMarker.HumanText("ockam/I0123abcd/2023-11-14T22:13:20Z"));
    }

    [Theory]
    [InlineData("sneaky [lease until 2000-01-01T00:00:00Z]")]
    [InlineData("[lease until 2000-01-01T00:00:00Z]")]
    [InlineData("OCKAM:x:1")]
    public void Text_that_would_read_as_a_lease_is_refused_with_a_clear_message(string human)
    {
        var ex = Assert.Throws<InfluxTokensException>(() => LeaseMarker.Compose(human, null));
        Assert.Contains("reads as a lease marker", ex.Message);
        Assert.Contains("give the expiry as an expiry", ex.Message);
    }
}

public class LeaseDurationTests
{
    [Theory]
    [InlineData("90m", 90 * 60)]
    [InlineData("12h", 12 * 3600)]
    [InlineData("7d", 7 * 86400)]
    [InlineData("1d12h", 36 * 3600)]
    [InlineData("2w", 14 * 86400)]
    [InlineData("1h30m15s", 5415)]
    [InlineData(" 7D ", 7 * 86400)]
    [InlineData("01:30:00", 5400)]
    [InlineData("7.00:00:00", 7 * 86400)]
    [InlineData("PT90M", 5400)]
    [InlineData("P7D", 7 * 86400)]
    [InlineData("p1dt12h", 36 * 3600)]
    public void Accepts_the_forms_admins_type(string text, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), LeaseDuration.Parse(text).Value);

    [Theory]
    [InlineData("", "is not a duration")]
    [InlineData("7", "is not a duration")]
    [InlineData("7x", "is not a duration")]
    [InlineData("1.5h", "is not a duration")]
    [InlineData("h", "is not a duration")]
    [InlineData("12h7d", "is not a duration")]
    [InlineData("-5m", "is not a duration")]
    [InlineData("0m", "must be positive")]
    [InlineData("00:00:00", "must be positive")]
    [InlineData("100000d", "longer than the 3660 days")]
    public void Refuses_anything_else_naming_the_text_and_the_forms(string text, string says)
    {
        var ex = Assert.Throws<FormatException>(() => LeaseDuration.Parse(text));
        Assert.Contains(says, ex.Message);
        Assert.Contains("'" + text.Trim() + "'", ex.Message);
        if (says == "is not a duration") Assert.Contains("90m, 12h, 7d or 1d12h", ex.Message);
    }

    [Fact]
    public void Binds_from_a_timespan_and_prints_short()
    {
        Assert.Equal("1d12h", new LeaseDuration(TimeSpan.FromHours(36)).ToString());
        Assert.Equal("1h30m", LeaseDuration.Parse("90m").ToString());
        Assert.Throws<ArgumentException>(() => new LeaseDuration(TimeSpan.Zero));
    }
}
