using System;

namespace InfluxTokens.Tokens
{
    /// <summary>
    /// The stable error id and PowerShell error category of each failure (category by name: Core has no
    /// PowerShell reference). Scripts branch on these; they never change once released.
    /// </summary>
    public static class ErrorCatalog
    {
        public static (string ErrorId, string Category) For(Exception exception) => exception switch
        {
            PermissionFormatException => ("InvalidPermission", "InvalidArgument"),
            InfluxTokensException e => For(e.Kind),
            ArgumentException or FormatException => ("InvalidArgument", "InvalidArgument"),
            System.IO.IOException or UnauthorizedAccessException => ("InfluxSettingsUnreadable", "ReadError"), // e.g. the influx CLI config
            _ => (UnexpectedErrorId, "InvalidOperation"),
        };

        public const string UnexpectedErrorId = "UnexpectedError";

        /// <summary>
        /// A failure the module foresaw (bad input, an unreadable setting, an error from the server): reported as
        /// an ErrorRecord for its item. Anything else is a bug, and stops the command as UnexpectedError.
        /// </summary>
        public static bool IsExpected(Exception exception) => For(exception).ErrorId != UnexpectedErrorId;

        public static (string ErrorId, string Category) For(InfluxErrorKind kind) => kind switch
        {
            InfluxErrorKind.InvalidRequest => ("InfluxInvalidRequest", "InvalidArgument"),
            InfluxErrorKind.Unauthorized => ("InfluxUnauthorized", "AuthenticationError"),
            InfluxErrorKind.Forbidden => ("InfluxForbidden", "PermissionDenied"),
            InfluxErrorKind.NotFound => ("InfluxNotFound", "ObjectNotFound"),
            InfluxErrorKind.Conflict => ("InfluxConflict", "ResourceExists"),
            InfluxErrorKind.RateLimited => ("InfluxRateLimited", "LimitsExceeded"),
            InfluxErrorKind.ServerError => ("InfluxServerError", "ResourceUnavailable"),
            InfluxErrorKind.Timeout => ("InfluxTimeout", "OperationTimeout"),
            InfluxErrorKind.Network => ("InfluxConnectionFailed", "ConnectionError"),
            InfluxErrorKind.MalformedResponse => ("InfluxMalformedResponse", "ProtocolError"),
            InfluxErrorKind.NotSupported => ("InfluxNotSupported", "NotImplemented"),
            InfluxErrorKind.NotConnected => ("InfluxNotConnected", "ConnectionError"),
            _ => ("InfluxError", "InvalidOperation"),
        };

        /// <summary>
        /// Failures after which no further input can succeed: the cmdlet stops instead of repeating them. A connection
        /// that broke during one request (a reset, a dropped answer) is that item's failure: a bulk run goes on.
        /// </summary>
        public static bool StopsThePipeline(Exception exception) =>
            exception is InfluxTokensException e
            && (e.Kind is InfluxErrorKind.Unauthorized or InfluxErrorKind.NotConnected || (e.Kind == InfluxErrorKind.Network && e.ServerUnreachable))
            && !(e is InfluxApiException api && api.StatusCode == 401 && api.ServerMessage is not null && api.ServerMessage.EndsWith(" is unauthorized", StringComparison.Ordinal));
    }
}
