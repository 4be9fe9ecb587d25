using System.Collections.Generic;
using System.Threading;
using InfluxTokens.Backends;

namespace InfluxTokens.Commands.Completion
{
    /// <summary>Bucket names of the connection's default org.</summary>
    public sealed class BucketNameCompleter : InfluxCompleter
    {
        private protected override IReadOnlyList<CompletionCandidate> Candidates(InfluxConnection connection, string word, CancellationToken ct) =>
            CompletionCandidates.Names(connection.Backend.ListNamesAsync(NameKind.Bucket, ct).GetAwaiter().GetResult(), word);
    }
}
