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
}
