using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Threading;
using InfluxTokens.Backends;
using InfluxTokens.Tokens;

namespace InfluxTokens.Commands.Completion
{
    /// <summary>Org names.</summary>
    public sealed class OrgNameCompleter : InfluxCompleter
    {
        private protected override IReadOnlyList<CompletionCandidate> Candidates(InfluxConnection connection, string word, CancellationToken ct) =>
            CompletionCandidates.Names(connection.Backend.ListNamesAsync(NameKind.Org, ct).GetAwaiter().GetResult(), word);
    }
}
