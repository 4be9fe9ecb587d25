namespace InfluxTokens.Commands.Completion
{
    /// <summary>One tab-completion candidate: what is inserted, and what the list shows beside it.</summary>
    public sealed class CompletionCandidate
    {
        public CompletionCandidate(string completionText, string listItemText, string toolTip)
        {
            CompletionText = completionText;
            ListItemText = listItemText;
            ToolTip = toolTip;
        }

        public string CompletionText { get; }
        public string ListItemText { get; }
        public string ToolTip { get; }
    }
}
