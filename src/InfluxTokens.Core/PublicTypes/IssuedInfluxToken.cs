namespace InfluxTokens
{
    /// <summary>
    /// A token just minted: everything an <see cref="InfluxToken"/> has, plus its value in <see cref="Token"/>
    /// — a SecureString, or a string when plain text was asked for. This is the only object that ever
    /// carries a value out of the module.
    /// </summary>
    public sealed class IssuedInfluxToken : InfluxToken
    {
        internal IssuedInfluxToken(InfluxToken created, bool asPlainText, string? replacesId = null, InfluxTokensException? oldTokenFailure = null)
            : base(created)
        {
            ReplacesId = replacesId;
            OldTokenFailure = oldTokenFailure;
            var secret = created.Secret ?? throw new InfluxTokensException(InfluxErrorKind.MalformedResponse,
                "The server created token " + created.Id + " but did not return its value; revoke it and try again.");
            Token = asPlainText ? secret.Reveal() : secret.ToSecureString();
        }

        /// <summary>The value: <see cref="System.Security.SecureString"/>, or <see cref="string"/> with -AsPlainText.</summary>
        public object Token { get; }

        /// <summary>The token this one replaces (rotation); null for a new token.</summary>
        public string? ReplacesId { get; }

        /// <summary>Rotation: what was not done to the old token (its lease not cut, or it not revoked), and why; null when all was done.</summary>
        public string? OldTokenError => OldTokenFailure?.Message;

        /// <summary>The failure behind <see cref="OldTokenError"/>, for the caller to report as an error of its own.</summary>
        public InfluxTokensException? OldTokenFailure { get; }
    }
}
