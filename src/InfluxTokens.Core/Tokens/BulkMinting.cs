using System;
using System.Collections.Generic;
using System.Threading;
using InfluxTokens.Backends;
using InfluxTokens.Tokens.Events;

namespace InfluxTokens.Tokens
{
    /// <summary>
    /// Minting one token or a CSV's worth, as events in input order: each new token with its value (never lost,
    /// whatever an activation check finds), what to know about its activation, and failures per token.
    /// </summary>
    public sealed class BulkMinting : IDisposable
    {
        private readonly BulkRun<TokenSpec, (IssuedInfluxToken Issued, ActivationResult? Activation)> _run;
        private readonly bool _delayedActivation;
        private readonly bool _waitForActivation;

        /// <param name="activationTimeout">Where new tokens take time to start working: how long to wait for each; null not to wait.</param>
        public BulkMinting(InfluxConnection connection, bool asPlainText, TimeSpan? activationTimeout, int throttleLimit, CancellationToken cancellationToken)
        {
            _delayedActivation = connection.Backend.Features.HasFlag(TokenFeatures.DelayedActivation);
            _waitForActivation = activationTimeout is not null && _delayedActivation;
            var wait = _waitForActivation;
            _run = new BulkRun<TokenSpec, (IssuedInfluxToken, ActivationResult?)>(throttleLimit, async (spec, ct) =>
            {
                var issued = await TokenOperations.NewAsync(connection.Backend, spec, asPlainText, ct).ConfigureAwait(false);
                var activation = wait ? await TokenActivation.WaitForAsync(connection, issued, activationTimeout!.Value, ct).ConfigureAwait(false) : null;
                return (issued, activation);
            }, Report, null, spec => spec.Description, spec => "token '" + spec.Description + "'", "Minting InfluxDB tokens", cancellationToken);
        }

        public IEnumerable<BulkEvent> Add(TokenSpec spec) => _run.Add(spec);

        public IEnumerable<BulkEvent> Finish() => _run.Finish();

        private IEnumerable<BulkEvent> Report(TokenSpec spec, (IssuedInfluxToken Issued, ActivationResult? Activation) minted)
        {
            if (_delayedActivation && !_waitForActivation)
                yield return new Notice("Token " + minted.Issued.Id + " may take from a few seconds to a few minutes to start working (until then it gets 401); waiting for activation waits for it.", isWarning: true);
            else if (minted.Activation?.Message is { } message)
                yield return new Notice(message, isWarning: true);
            yield return new ItemDone(minted.Issued);
        }

        public void Dispose() => _run.Dispose();
    }
}
