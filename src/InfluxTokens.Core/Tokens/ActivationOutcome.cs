namespace InfluxTokens.Tokens
{
    /// <summary>How waiting for a new token to work ended.</summary>
    public enum ActivationOutcome
    {
        /// <summary>The data API accepts the token.</summary>
        Active,
        /// <summary>It still got 401 when the time was up; it may activate later.</summary>
        TimedOut,
        /// <summary>The check itself failed (the data API could not be reached): whether the token works is unknown.</summary>
        CheckFailed,
    }
}
