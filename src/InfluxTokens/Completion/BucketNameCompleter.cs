using System.Collections.Generic;
using System.Threading;
using InfluxTokens.Backends;
using InfluxTokens.Tokens;

namespace InfluxTokens.Commands.Completion
{
    /// <summary>Bucket names of the connection's default org.</summary>
    public sealed class BucketNameCompleter : InfluxCompleter
    {
        private protected override IReadOnlyList<CompletionCandidate> Candidates(InfluxConnection connection, string word, CancellationToken ct) =>
            CompletionCandidates.Names(CallerThread.Wait(connection.Backend.ListNamesAsync(NameKind.Bucket, ct)), word);
    }
}
