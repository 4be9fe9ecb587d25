using System;

namespace InfluxTokens
{
    /// <summary>The server answered a request with an error status, or with a body that breaks its contract.</summary>
    public sealed class InfluxApiException : InfluxTokensException
    {
        public InfluxApiException(
            InfluxErrorKind kind,
            string method,
            string endpoint,
            int statusCode,
            string? serverCode,
            string? serverMessage,
            string message,
            TimeSpan? retryAfter = null,
            Exception? inner = null)
            : base(kind, message, inner)
        {
            Method = method;
            Endpoint = endpoint;
            StatusCode = statusCode;
            ServerCode = serverCode;
            ServerMessage = serverMessage;
            RetryAfter = retryAfter;
        }

        /// <summary>
        /// A response that breaks the server's contract: "GET /api/v2/authorizations (HTTP 200) returned
        /// <paramref name="what"/>."
        /// </summary>
        public static InfluxApiException Malformed(string method, string endpoint, int statusCode, string what, Exception? inner = null) =>
            new InfluxApiException(InfluxErrorKind.MalformedResponse, method, endpoint, statusCode, null, null,
                method + " " + endpoint + " (HTTP " + statusCode + ") returned " + what + ".", null, inner);

        /// <summary>The HTTP method of the failed request.</summary>
        public string Method { get; }

        /// <summary>The request path, without its query string.</summary>
        public string Endpoint { get; }

        public int StatusCode { get; }

        /// <summary>The server's error code (<c>"not found"</c>, <c>"unauthorized"</c>...), where it sent one.</summary>
        public string? ServerCode { get; }

        /// <summary>The server's own error message, verbatim.</summary>
        public string? ServerMessage { get; }

        /// <summary>How long the server asked the client to wait (from <c>Retry-After</c>).</summary>
        public TimeSpan? RetryAfter { get; }

        /// <summary>
        /// influxd answers 401 both for an unknown credential and for a missing permission; the latter's message
        /// names the resource ("write:orgs/…/authorizations is unauthorized"), and only concerns this request.
        /// </summary>
        public bool IsMissingPermission =>
            StatusCode == 401 && ServerMessage is not null && ServerMessage.EndsWith(" is unauthorized", StringComparison.Ordinal);

        public override bool EndsEveryRequest => !IsMissingPermission && base.EndsEveryRequest;

        internal static InfluxErrorKind KindForStatus(int status) => status switch
        {
            400 => InfluxErrorKind.InvalidRequest,
            401 => InfluxErrorKind.Unauthorized,
            403 => InfluxErrorKind.Forbidden,
            404 => InfluxErrorKind.NotFound,
            405 => InfluxErrorKind.NotSupported,
            408 => InfluxErrorKind.Timeout,
            409 => InfluxErrorKind.Conflict,
            413 => InfluxErrorKind.InvalidRequest,
            422 => InfluxErrorKind.InvalidRequest,
            429 => InfluxErrorKind.RateLimited,
            501 => InfluxErrorKind.NotSupported,
            >= 500 => InfluxErrorKind.ServerError,
            _ => InfluxErrorKind.InvalidRequest,
        };
    }
}
