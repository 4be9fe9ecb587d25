using System;
using System.Threading;
using System.Threading.Tasks;
using InfluxTokens.Backends;
using InfluxTokens.Tokens;

namespace InfluxTokens.Leases
{
    /// <summary>
    /// The revocations of one sweep, as many at once as the throttle limit allows, each preceded by its re-read
    /// (<see cref="RevokeAsync"/>). The re-reads run ahead with a budget of their own, so that checking every token
    /// costs little wall time: feed the tokens through an ordered runner of <see cref="Concurrency"/>.
    /// </summary>
    public sealed class SweepRun : IDisposable
    {
        private readonly ITokenBackend _backend;
        private readonly SweepPlan _plan;
        private readonly SemaphoreSlim _revocations;

        public SweepRun(ITokenBackend backend, SweepPlan plan, int throttleLimit)
        {
            if (throttleLimit < 1) throw new ArgumentOutOfRangeException(nameof(throttleLimit));
            _backend = backend ?? throw new ArgumentNullException(nameof(backend));
            _plan = plan ?? throw new ArgumentNullException(nameof(plan));
            _revocations = new SemaphoreSlim(throttleLimit, throttleLimit);
            Concurrency = Math.Min(OrderedRunner<int, int>.MaxThrottleLimit, 2 * throttleLimit);
        }

        /// <summary>Tokens in hand at once: the revocations (at most the throttle limit) and the re-reads ahead of them.</summary>
        public int Concurrency { get; }

        public Task<(TokenRevocation Result, Exception? Error)> RevokeAsync(InfluxToken token, CancellationToken cancellationToken) =>
            TokenSweeper.RevokeAsync(_backend, _plan, token, _revocations, cancellationToken);

        public void Dispose() => _revocations.Dispose();
    }
}
