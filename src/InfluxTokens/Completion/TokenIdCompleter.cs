using System.Collections.Generic;
using System.Threading;

namespace InfluxTokens.Commands.Completion
{
    /// <summary>Token ids, with each token's description beside it; typing part of a description finds the id.</summary>
    public sealed class TokenIdCompleter : InfluxCompleter
    {
        private protected override IReadOnlyList<CompletionCandidate> Candidates(InfluxConnection connection, string word, CancellationToken ct) =>
            CompletionCandidates.TokenIds(ModuleSession.Current.CompletionTokens(connection, ct), word);
    }
}
