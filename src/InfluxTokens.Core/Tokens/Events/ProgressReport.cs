namespace InfluxTokens.Tokens.Events
{
    /// <summary>Where a long operation stands, at most a few times a second.</summary>
    public sealed class ProgressReport : BulkEvent
    {
        public ProgressReport(string activity, string status, int? percent = null, string? current = null, bool completed = false)
        {
            Activity = activity;
            Status = status;
            Percent = percent;
            Current = current;
            Completed = completed;
        }

        public string Activity { get; }
        public string Status { get; }
        public int? Percent { get; }
        public string? Current { get; }

        /// <summary>The operation is over: the progress display can go.</summary>
        public bool Completed { get; }
    }
}
