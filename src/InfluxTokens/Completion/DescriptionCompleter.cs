using System.Collections.Generic;
using System.Threading;

namespace InfluxTokens.Commands.Completion
{
    /// <summary>Token descriptions, the names admins know tokens by.</summary>
    public sealed class DescriptionCompleter : InfluxCompleter
    {
        private protected override IReadOnlyList<CompletionCandidate> Candidates(InfluxConnection connection, string word, CancellationToken ct) =>
            CompletionCandidates.Descriptions(ModuleSession.Current.CompletionTokens(connection, ct), word);
    }
}
