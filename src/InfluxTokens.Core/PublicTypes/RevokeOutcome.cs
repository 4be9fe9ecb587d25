namespace InfluxTokens
{
    /// <summary>What became of one revocation.</summary>
    public enum RevokeOutcome
    {
        /// <summary>Deleted by this request.</summary>
        Revoked,
        /// <summary>Set inactive by this request (reversible).</summary>
        Deactivated,
        /// <summary>It was gone when the request reached it (another sweeper, an admin, or an earlier try whose answer was lost): the goal is met.</summary>
        AlreadyGone,
        /// <summary>The request failed; <see cref="TokenRevocation.Error"/> says why.</summary>
        Failed,
        /// <summary>No longer due when read again right before revoking (its lease was renewed meanwhile): left alone.</summary>
        Renewed,
    }
}
