namespace InfluxTokens
{
    /// <summary>
    /// What went wrong, independent of the product. The module maps each kind to one stable
    /// error category and id, so scripts can branch on it.
    /// </summary>
    public enum InfluxErrorKind
    {
        /// <summary>The request was refused as malformed or invalid (HTTP 400, 422).</summary>
        InvalidRequest,
        /// <summary>The credential is missing, unknown, inactive, or lacks a permission (HTTP 401).</summary>
        Unauthorized,
        /// <summary>The credential is known but may not do this, e.g. privilege escalation (HTTP 403).</summary>
        Forbidden,
        /// <summary>The token, org, user or bucket does not exist (HTTP 404).</summary>
        NotFound,
        /// <summary>Something with that name already exists (HTTP 409).</summary>
        Conflict,
        /// <summary>The server asks the client to slow down (HTTP 429).</summary>
        RateLimited,
        /// <summary>The server failed or is unavailable (HTTP 5xx).</summary>
        ServerError,
        /// <summary>The request did not finish in the time allowed.</summary>
        Timeout,
        /// <summary>No connection could be made, or it broke (DNS, refused, reset, TLS).</summary>
        Network,
        /// <summary>The server answered with something that is not what its API promises.</summary>
        MalformedResponse,
        /// <summary>The product cannot do what was asked (e.g. operator tokens on InfluxDB Cloud).</summary>
        NotSupported,
        /// <summary>No server to talk to: nothing connected, no INFLUX_* variables, no CLI profile.</summary>
        NotConnected,
    }
}
