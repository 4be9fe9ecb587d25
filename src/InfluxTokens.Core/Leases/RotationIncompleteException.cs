namespace InfluxTokens.Leases
{
    /// <summary>A replacement was minted and returned, but the old token could not be cut or revoked as asked.</summary>
    public sealed class RotationIncompleteException : InfluxTokensException
    {
        public RotationIncompleteException(IssuedInfluxToken replacement, InfluxTokensException failure)
            : base(failure.Kind, "The replacement " + replacement.Id + " was minted and returned, but: " + failure.Message, failure)
        {
            Replacement = replacement;
        }

        public IssuedInfluxToken Replacement { get; }
    }
}
