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
    /// <summary>Token descriptions, the names admins know tokens by.</summary>
    public sealed class DescriptionCompleter : InfluxCompleter
    {
        private protected override IReadOnlyList<CompletionCandidate> Candidates(InfluxConnection connection, string word, CancellationToken ct) =>
            CompletionCandidates.Descriptions(ModuleSession.Current.CompletionTokens(connection, ct), word);
    }
}
