using InfluxTokens.Tests.Infrastructure;
using InfluxTokens.Tokens;

namespace InfluxTokens.Tests.Core.Tokens;

public class ProgressThrottleTests
{
    [Fact]
    public void The_first_update_is_at_once_then_at_most_four_a_second()
    {
        var clock = new ManualClock();
        var progress = new ProgressThrottle(clock);
        Assert.True(progress.Due());
        Assert.False(progress.Due());
        clock.Advance(TimeSpan.FromMilliseconds(249));
        Assert.False(progress.Due());
        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(progress.Due());
        Assert.False(progress.Due()); // counted from the last update made, not the last asked
    }
}
