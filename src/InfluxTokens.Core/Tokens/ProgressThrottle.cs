using System;

namespace InfluxTokens.Tokens
{
    /// <summary>
    /// When a bulk command should update its progress bar: at the first call, then at most four times a
    /// second, so progress never slows a revocation of thousands down.
    /// </summary>
    public sealed class ProgressThrottle
    {
        public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);
        private readonly TimeProvider _clock;
        private DateTimeOffset? _last;

        public ProgressThrottle(TimeProvider? clock = null) => _clock = clock ?? TimeProvider.System;

        /// <summary>True when an update is due now (and counts it as made).</summary>
        public bool Due()
        {
            var now = _clock.GetUtcNow();
            if (_last is { } last && now - last < Interval) return false;
            _last = now;
            return true;
        }
    }
}
