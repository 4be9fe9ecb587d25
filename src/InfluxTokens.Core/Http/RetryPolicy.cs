using System;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;

namespace InfluxTokens.Http
{
    /// <summary>
    /// When and how long to wait before trying a request again: exponential backoff with jitter (each wait is
    /// between half and all of base × 2^(attempt-1), capped), or the server's <c>Retry-After</c>; bounded in
    /// attempts and in total time, and cut short by cancellation.
    /// </summary>
    public sealed class RetryPolicy
    {
        private readonly object _gate = new object();
        private readonly Random _jitter;

        public RetryPolicy(int seed = 0) => _jitter = seed == 0 ? new Random() : new Random(seed);

        /// <summary>Tries in all, the first included (default 4).</summary>
        public int MaxAttempts { get; set; } = 4;

        public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(250);

        public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(8);

        /// <summary>No retry starts once this much time has passed since the first try (default 30 s).</summary>
        public TimeSpan MaxTotal { get; set; } = TimeSpan.FromSeconds(30);

        /// <summary>How to wait (tests pass one that does not sleep).</summary>
        public Func<TimeSpan, CancellationToken, Task> Delay { get; set; } = (d, ct) => Task.Delay(d, ct);

        /// <summary>No retries at all.</summary>
        public static RetryPolicy None => new RetryPolicy { MaxAttempts = 1 };

        /// <summary>The wait before try <paramref name="attempt"/> + 1, or null when no further try fits.</summary>
        public TimeSpan? Next(int attempt, TimeSpan elapsed, TimeSpan? retryAfter)
        {
            if (attempt >= MaxAttempts) return null;
            TimeSpan wait;
            if (retryAfter is { } asked) wait = asked;
            else
            {
                var ceiling = Math.Min(MaxDelay.Ticks, BaseDelay.Ticks * (1L << Math.Min(attempt - 1, 20)));
                double factor;
                lock (_gate) factor = 0.5 + _jitter.NextDouble() * 0.5;
                wait = TimeSpan.FromTicks((long)(ceiling * factor));
            }

            return elapsed + wait > MaxTotal ? (TimeSpan?)null : wait;
        }

        /// <summary>The policy by value (two defaults read the same), e.g. for a connection's identity.</summary>
        public override string ToString() =>
            MaxAttempts.ToString(CultureInfo.InvariantCulture) + " tries, waits " + BaseDelay.ToString("c", CultureInfo.InvariantCulture) + " to "
            + MaxDelay.ToString("c", CultureInfo.InvariantCulture) + ", none after " + MaxTotal.ToString("c", CultureInfo.InvariantCulture);
    }
}
