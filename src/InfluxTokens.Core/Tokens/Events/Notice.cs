namespace InfluxTokens.Tokens.Events
{
    /// <summary>Something to tell the user: a warning, or a detail for those who ask for one.</summary>
    public sealed class Notice : BulkEvent
    {
        public Notice(string text, bool isWarning)
        {
            Text = text;
            IsWarning = isWarning;
        }

        public string Text { get; }
        public bool IsWarning { get; }
    }
}
