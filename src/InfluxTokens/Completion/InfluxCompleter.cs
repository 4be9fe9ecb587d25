using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Threading;

namespace InfluxTokens.Commands.Completion
{
    /// <summary>
    /// The argument completers. Candidates are matched and quoted by CompletionCandidates (<see cref="CompletionCandidates"/>); here they are only
    /// fetched with a short deadline and wrapped. A completer never throws: no connection, no candidates.
    /// </summary>
    public abstract class InfluxCompleter : IArgumentCompleter
    {
        private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(3);

        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            try
            {
                using var cts = new CancellationTokenSource(Deadline);
                var connection = fakeBoundParameters?["Connection"] as InfluxConnection ?? ModuleSession.Current.Resolve(cts.Token);
                return Candidates(connection, wordToComplete, cts.Token)
                    .Select(c => new CompletionResult(c.CompletionText, c.ListItemText, CompletionResultType.ParameterValue, c.ToolTip))
                    .ToList();
            }
            catch (Exception ex) when (ErrorCatalog.IsExpected(ex) || ex is OperationCanceledException)
            {
                return Array.Empty<CompletionResult>();
            }
        }

        private protected abstract IReadOnlyList<CompletionCandidate> Candidates(InfluxConnection connection, string word, CancellationToken ct);
    }
}
