using System.Collections.Generic;
using System.Threading;
using InfluxTokens.Backends;

namespace InfluxTokens.Commands.Completion
{
    /// <summary>Org names.</summary>
    public sealed class OrgNameCompleter : InfluxCompleter
    {
        private protected override IReadOnlyList<CompletionCandidate> Candidates(InfluxConnection connection, string word, CancellationToken ct) =>
            CompletionCandidates.Names(connection.Backend.ListNamesAsync(NameKind.Org, ct).GetAwaiter().GetResult(), word);
    }
}
