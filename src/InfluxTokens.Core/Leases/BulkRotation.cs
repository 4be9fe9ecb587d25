using System;
using System.Collections.Generic;
using System.Threading;
using InfluxTokens.Tokens;
using InfluxTokens.Tokens.Events;

namespace InfluxTokens.Leases
{
    /// <summary>Rotating one token or many, as events: every replacement is reported, with a failure where the old token was not ended as asked.</summary>
    public sealed class BulkRotation : IDisposable
    {
        private readonly BulkRun<(string Id, object Target), IssuedInfluxToken> _run;

        public BulkRotation(InfluxConnection connection, RotationOptions options, int throttleLimit, CancellationToken cancellationToken)
        {
            _run = new BulkRun<(string Id, object Target), IssuedInfluxToken>(throttleLimit,
                (item, ct) => TokenRotator.RotateAsync(connection, TokenOperations.NormalizeId(item.Id), options, ct),
                Report, null, item => item.Target, item => "token " + item.Id, "Rotating InfluxDB tokens", cancellationToken);
        }

        public IEnumerable<BulkEvent> Add(string id, object target) => _run.Add((id, target));

        public IEnumerable<BulkEvent> Finish() => _run.Finish();

        private static IEnumerable<BulkEvent> Report((string Id, object Target) item, IssuedInfluxToken replacement)
        {
            yield return new ItemDone(replacement); // the replacement and its value are never lost
            if (replacement.OldTokenFailure is { } failure)
                yield return new ItemFailed(new RotationIncompleteException(replacement, failure), replacement);
        }

        public void Dispose() => _run.Dispose();
    }
}
