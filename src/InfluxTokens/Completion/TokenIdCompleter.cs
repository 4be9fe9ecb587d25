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
    /// <summary>Token ids, with each token's description beside it; typing part of a description finds the id.</summary>
    public sealed class TokenIdCompleter : InfluxCompleter
    {
        private protected override IReadOnlyList<CompletionCandidate> Candidates(InfluxConnection connection, string word, CancellationToken ct) =>
            CompletionCandidates.TokenIds(ModuleSession.Current.CompletionTokens(connection, ct), word);
    }
}
