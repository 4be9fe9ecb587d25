using System;
using System.Management.Automation;

namespace InfluxTokens.Commands
{
    /// <summary>
    /// The stable error id and PowerShell error category of each failure. Scripts branch on these
    /// (<c>$_.FullyQualifiedErrorId</c>, <c>$_.CategoryInfo.Category</c>); they never change once released.
    /// </summary>
    public static class ErrorCatalog
    {
        public const string UnexpectedErrorId = "UnexpectedError";

        public static (string ErrorId, ErrorCategory Category) For(Exception exception) => exception switch
        {
            InfluxParameterException p => (p.ErrorId, ErrorCategory.InvalidArgument),
            Leases.SweepLimitExceededException => ("SweepLimitExceeded", ErrorCategory.LimitsExceeded),
            Http.OperationDeadlineExceededException => ("InfluxCommandTimeout", ErrorCategory.OperationTimeout),
            Tokens.ConnectionTokenRefusedException => ("ConnectionTokenRefused", ErrorCategory.PermissionDenied),
            Leases.RotationIncompleteException r => ("InfluxRotationIncomplete", For(r.Kind).Category),
            PermissionFormatException => ("InvalidPermission", ErrorCategory.InvalidArgument),
            InfluxTokensException e => For(e.Kind),
            ArgumentException or FormatException => ("InvalidArgument", ErrorCategory.InvalidArgument),
            System.IO.IOException or UnauthorizedAccessException => ("InfluxSettingsUnreadable", ErrorCategory.ReadError), // e.g. the influx CLI config
            _ => (UnexpectedErrorId, ErrorCategory.InvalidOperation),
        };

        public static (string ErrorId, ErrorCategory Category) For(InfluxErrorKind kind) => kind switch
        {
            InfluxErrorKind.InvalidRequest => ("InfluxInvalidRequest", ErrorCategory.InvalidArgument),
            InfluxErrorKind.Unauthorized => ("InfluxUnauthorized", ErrorCategory.AuthenticationError),
            InfluxErrorKind.Forbidden => ("InfluxForbidden", ErrorCategory.PermissionDenied),
            InfluxErrorKind.NotFound => ("InfluxNotFound", ErrorCategory.ObjectNotFound),
            InfluxErrorKind.Conflict => ("InfluxConflict", ErrorCategory.ResourceExists),
            InfluxErrorKind.RateLimited => ("InfluxRateLimited", ErrorCategory.LimitsExceeded),
            InfluxErrorKind.ServerError => ("InfluxServerError", ErrorCategory.ResourceUnavailable),
            InfluxErrorKind.Timeout => ("InfluxTimeout", ErrorCategory.OperationTimeout),
            InfluxErrorKind.Network => ("InfluxConnectionFailed", ErrorCategory.ConnectionError),
            InfluxErrorKind.MalformedResponse => ("InfluxMalformedResponse", ErrorCategory.ProtocolError),
            InfluxErrorKind.NotSupported => ("InfluxNotSupported", ErrorCategory.NotImplemented),
            InfluxErrorKind.NotConnected => ("InfluxNotConnected", ErrorCategory.ConnectionError),
            _ => ("InfluxError", ErrorCategory.InvalidOperation),
        };

        /// <summary>
        /// A failure the module foresaw (bad input, an unreadable setting, an error from the server): reported as
        /// an ErrorRecord for its item. Anything else is a bug, and stops the command as UnexpectedError.
        /// </summary>
        public static bool IsExpected(Exception exception) => For(exception).ErrorId != UnexpectedErrorId;

        /// <summary>Failures after which no further input can succeed: the cmdlet stops instead of repeating them.</summary>
        public static bool StopsThePipeline(Exception exception) => exception is InfluxTokensException e && e.EndsEveryRequest;

        /// <summary>The ErrorRecord of a failure, with its stable id and category.</summary>
        public static ErrorRecord ToRecord(Exception exception, object? target)
        {
            var (id, category) = For(exception);
            var record = new ErrorRecord(exception, id, category, target);
            var action = RecommendedAction(exception);
            if (action is not null) record.ErrorDetails = new ErrorDetails(exception.Message) { RecommendedAction = action };
            return record;
        }

        /// <summary>What to type to get past a refusal, where a parameter does it.</summary>
        private static string? RecommendedAction(Exception exception) => exception switch
        {
            Tokens.ConnectionTokenRefusedException => "Add -IncludeConnectionToken to revoke it too.",
            Leases.SweepLimitExceededException => "If that many really expired, run again with a higher -MaxRevocations.",
            _ => null,
        };
    }
}
