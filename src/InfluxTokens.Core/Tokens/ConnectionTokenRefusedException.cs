namespace InfluxTokens.Tokens
{
    /// <summary>A revocation of the token the connection itself authenticates with, refused unless asked for explicitly.</summary>
    public sealed class ConnectionTokenRefusedException : InfluxTokensException
    {
        public ConnectionTokenRefusedException(string id)
            : base(InfluxErrorKind.Forbidden, "Token " + id + " is the one this connection authenticates with; revoking it would lock this session out. It was left alone.")
        {
            Id = id;
        }

        public string Id { get; }
    }
}
