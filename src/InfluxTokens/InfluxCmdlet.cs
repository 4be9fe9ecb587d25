using System;
using System.Management.Automation;

namespace InfluxTokens.Commands
{
    /// <summary>
    /// What every cmdlet that works on tokens shares, on top of <see cref="StoppableCmdlet"/>: the connection,
    /// per-item errors, and -Force.
    /// </summary>
    public abstract class InfluxCmdlet : StoppableCmdlet
    {
        private InfluxConnection? _connection;
        private (bool? WhatIf, bool ConfirmTyped)? _whatIfAndConfirm;

        /// <summary>The connection to use; the session's (Connect-InfluxServer), then INFLUX_* variables, then the influx CLI config otherwise.</summary>
        [Parameter(ValueFromPipelineByPropertyName = false)]
        [ValidateNotNull]
        public InfluxConnection? Connection { get; set; }

        /// <summary>
        /// Seconds the whole command may take, every request and retry included; what was done by then is reported,
        /// and the command ends with an InfluxCommandTimeout error. For unattended runs. (The connection's -TimeoutSec
        /// bounds each try of one request; a request stops retrying after 30 s.)
        /// </summary>
        [Parameter]
        [ValidateRange(1, 86400)]
        public int CommandTimeoutSec { get; set; }

        protected override TimeSpan? CommandLimit => CommandTimeoutSec > 0 ? TimeSpan.FromSeconds(CommandTimeoutSec) : (TimeSpan?)null;

        /// <summary>The connection for this invocation, resolved once; nothing to connect to ends the command.</summary>
        protected InfluxConnection ActiveConnection
        {
            get
            {
                if (_connection is not null) return _connection;
                try
                {
                    _connection = Connection ?? ModuleSession.Current.Resolve(CancelToken);
                }
                catch (InfluxTokensException ex) when (ex.Kind == InfluxErrorKind.NotConnected)
                {
                    ThrowInfluxError(new InfluxTokensException(InfluxErrorKind.NotConnected,
                        "Run Connect-InfluxServer -Url <url> -Token <token>, or pass -Connection. " + ex.Message, ex), null);
                }
                catch (Exception ex) when (ErrorCatalog.IsExpected(ex))
                {
                    ThrowInfluxError(ex, null); // e.g. an unreadable influx CLI config
                }

                // However they came about (-SkipCertificateCheck, INFLUX_SKIP_VERIFY, an http:// URL to another host),
                // unverified TLS and cleartext tokens are said every time.
                foreach (var warning in _connection!.Warnings) WriteWarning(warning);
                return _connection!;
            }
        }

        /// <summary>
        /// A per-item failure: written, and the next item goes on; a failure no item can get past (or one nobody
        /// foresaw, as UnexpectedError) stops the command.
        /// </summary>
        protected void WriteInfluxError(Exception ex, object? target)
        {
            if (DeadlinePassed || ErrorCatalog.StopsThePipeline(ex) || !ErrorCatalog.IsExpected(ex)) ThrowInfluxError(ex, target);
            WriteError(ToRecord(ex, target));
        }

        /// <summary>Runs <paramref name="action"/> for one input item, reporting a known failure as a non-terminating error.</summary>
        protected void ForItem(object? target, Action action)
        {
            try
            {
                action();
            }
            catch (Exception ex) when (ErrorCatalog.IsExpected(ex))
            {
                WriteInfluxError(ex, target);
            }
        }

        /// <summary>ShouldProcess with -Force: -Force skips the confirmation prompt only (see <see cref="ForceRule"/>).</summary>
        protected bool ShouldProcess(string target, string action, bool force)
        {
            // Read once per command, as PowerShell's own ShouldProcess reads the preference: a sweep asks for every token.
            var (whatIf, confirmTyped) = _whatIfAndConfirm ??= WhatIfAndConfirm();
            if (ForceRule.SkipsShouldProcess(force, whatIf, confirmTyped))
            {
                WriteVerbose("Performing the operation \"" + action + "\" on target \"" + target + "\".");
                return true;
            }

            return ShouldProcess(target, action);
        }

        private (bool? WhatIf, bool ConfirmTyped) WhatIfAndConfirm()
        {
            var bound = MyInvocation.BoundParameters;
            var whatIf = bound.TryGetValue("WhatIf", out var typed) ? IsOn(typed) : IsOn(GetVariableValue("WhatIfPreference"));
            var confirmTyped = bound.TryGetValue("Confirm", out var confirm) && IsOn(confirm) != false;
            return (whatIf, confirmTyped);
        }

        /// <summary>A switch or preference value; null when it is something else (then ShouldProcess decides).</summary>
        private static bool? IsOn(object? value) => value switch
        {
            SwitchParameter s => s.IsPresent,
            bool b => b,
            PSObject o => IsOn(o.BaseObject),
            _ => null,
        };

    }
}
