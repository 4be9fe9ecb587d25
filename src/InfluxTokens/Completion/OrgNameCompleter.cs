using System.Collections.Generic;
using System.Threading;
using InfluxTokens.Backends;
using InfluxTokens.Tokens;

namespace InfluxTokens.Commands.Completion
{
    /// <summary>Org names.</summary>
    public sealed class OrgNameCompleter : InfluxCompleter
    {
        private protected override IReadOnlyList<CompletionCandidate> Candidates(InfluxConnection connection, string word, CancellationToken ct) =>
            CompletionCandidates.Names(CallerThread.Wait(connection.Backend.ListNamesAsync(NameKind.Org, ct)), word);
    }
}
