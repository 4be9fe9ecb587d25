namespace InfluxTokens.Leases
{
    /// <summary>More tokens were due than the sweep may revoke in one run: it revoked none.</summary>
    public sealed class SweepLimitExceededException : InfluxTokensException
    {
        public SweepLimitExceededException(SweepPlan plan)
            : base(InfluxErrorKind.InvalidRequest, plan.LimitMessage)
        {
            Plan = plan;
        }

        public SweepPlan Plan { get; }
    }
}
