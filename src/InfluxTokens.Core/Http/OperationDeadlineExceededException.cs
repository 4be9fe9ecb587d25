namespace InfluxTokens.Http
{
    /// <summary>A whole operation ran past its limit: what was done before stands, the rest was not attempted.</summary>
    public sealed class OperationDeadlineExceededException : InfluxTokensException
    {
        public OperationDeadlineExceededException(string message)
            : base(InfluxErrorKind.Timeout, message)
        {
        }
    }
}
