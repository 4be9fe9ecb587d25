using InfluxTokens.Backends;

namespace InfluxTokens.Commands
{
    /// <summary>Set-InfluxToken's parameters: refused, each with its own error id, when they change nothing or contradict each other.</summary>
    internal static class UpdateParameters
    {
        public static void Check(TokenUpdate update)
        {
            if (update.RemoveExpiry && update.ExpiresAt is not null)
                throw new InfluxParameterException("NoExpiryConflict", "Give -NoExpiry or a new expiry (-ExpiresIn, -ExpiresAt), not both.");
            if (update.Status == TokenStatus.Revoked)
                throw new InfluxParameterException("RevokedStatusRefused", "-Status takes Active or Inactive, not Revoked; to revoke a token use Revoke-InfluxToken.");
            if (update.IsEmpty)
                throw new InfluxParameterException("NothingToChange",
                    "Nothing to change: give -Description, -Status, -Permission/-Read/-Write, -ExpiresIn/-ExpiresAt or -NoExpiry.");
        }
    }
}
