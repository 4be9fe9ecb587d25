using System;
using System.Threading;
using System.Threading.Tasks;
using InfluxTokens.Backends;

namespace InfluxTokens
{
    /// <summary>How a token is revoked: deleted for good, or set inactive (reversible).</summary>
    public enum RevokeAction
    {
        Delete,
        Deactivate,
    }
}
