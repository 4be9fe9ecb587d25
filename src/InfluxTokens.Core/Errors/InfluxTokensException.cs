using System;

namespace InfluxTokens
{
    /// <summary>
    /// Base of every error this library raises on purpose. Messages never carry a token value:
    /// they are built from ids, names, endpoints and the server's own message only.
    /// </summary>
    public class InfluxTokensException : Exception
    {
        public InfluxTokensException(InfluxErrorKind kind, string message, Exception? inner = null)
            : base(message, inner)
        {
            Kind = kind;
        }

        public InfluxErrorKind Kind { get; }

        /// <summary>
        /// No further request on this connection can succeed either: the credential was refused, the server cannot be
        /// reached, or there is no server at all. Bulk work stops instead of repeating the same failure per item.
        /// A 401 that only says one permission is missing concerns that request alone.
        /// </summary>
        public virtual bool EndsEveryRequest =>
            Kind == InfluxErrorKind.Unauthorized || Kind == InfluxErrorKind.NotConnected || (Kind == InfluxErrorKind.Network && ServerUnreachable);

        /// <summary>"No token with id 'x' exists (or the connection's token may not read it)[; <paramref name="consequence"/>]."</summary>
        public static InfluxTokensException TokenNotFound(string id, string? consequence = null) =>
            new InfluxTokensException(InfluxErrorKind.NotFound,
                "No token with id '" + id + "' exists (or the connection's token may not read it)" + (consequence is null ? "." : "; " + consequence + "."));

        /// <summary>
        /// The request may have been carried out although no answer came back (a create that timed out, or whose
        /// connection broke, or that a gateway failed): the caller must find out rather than repeat it blindly.
        /// </summary>
        public bool OutcomeUnknown { get; internal set; }

        /// <summary>
        /// The request was sent more than once (an earlier try broke or timed out), so the server may have done
        /// the work on a try whose answer was lost: a DELETE answered 404 then means it is gone, not that it never was.
        /// </summary>
        public bool AfterRetry { get; internal set; }

        /// <summary>
        /// The server could not be reached at all (connection refused, unknown host, no route), as opposed to one
        /// request whose connection broke: no further request to it can succeed either.
        /// </summary>
        public bool ServerUnreachable { get; internal set; }

        /// <summary>With <see cref="OutcomeUnknown"/>: the tokens that may be the result, which the module would not take as its own without proof.</summary>
        public System.Collections.Generic.IReadOnlyList<string> CandidateIds { get; internal set; } = Array.Empty<string>();
    }

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
