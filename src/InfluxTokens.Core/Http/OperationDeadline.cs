using System;
using System.Globalization;
using System.Threading;

namespace InfluxTokens.Http
{
    /// <summary>
    /// A bound on a whole command, for unattended callers: every request it makes, their retries and waits
    /// included, stops when the time is up. The connection's timeout bounds each try of one request (and the
    /// wait for each further part of a streamed list); the retry policy bounds how long a request keeps being
    /// retried (30 s by default); this bounds everything together. Pass <see cref="Token"/> wherever the
    /// command passes its cancellation token; when work stops with an <see cref="OperationCanceledException"/>,
    /// <see cref="Expired"/> tells this bound from the user's own cancellation.
    /// </summary>
    public sealed class OperationDeadline : IDisposable
    {
        private readonly CancellationTokenSource _source;
        private readonly CancellationToken _caller;

        /// <param name="limit">The bound; null for none (the token then only follows <paramref name="cancellationToken"/>).</param>
        /// <param name="cancellationToken">The caller's own cancellation (Ctrl+C).</param>
        public OperationDeadline(TimeSpan? limit, CancellationToken cancellationToken)
        {
            if (limit is { } l && l <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(limit), "A whole-operation limit must be positive.");
            Limit = limit;
            _caller = cancellationToken;
            _source = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            if (limit is { } bound) _source.CancelAfter(bound);
        }

        public TimeSpan? Limit { get; }

        /// <summary>Cancelled when the limit passes or the caller cancels.</summary>
        public CancellationToken Token => _source.Token;

        /// <summary>The limit passed (not the caller's cancellation).</summary>
        public bool Expired => Limit is not null && _source.IsCancellationRequested && !_caller.IsCancellationRequested;

        /// <summary>The error to report once <see cref="Expired"/>: what stopped, and that work already done stands.</summary>
        public OperationDeadlineExceededException ExpiredError() =>
            new OperationDeadlineExceededException(
                "The command did not finish within its whole-operation limit of " + (Limit ?? TimeSpan.Zero).TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)
                + " s; what was done before the limit stands and was reported, the rest was not attempted.");

        public void Dispose() => _source.Dispose();
    }
}
