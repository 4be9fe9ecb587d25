using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;
using System.Threading;
using InfluxTokens.Connections;
using InfluxTokens.Tokens;

namespace InfluxTokens.Commands
{
    /// <summary>
    /// The module's session state, one per runspace as PowerShell keeps module state: the connection
    /// Connect-InfluxServer made there, or else one opened from the environment / CLI config and kept while
    /// those settings stay the same, so the runspace's commands share one HTTP client. Scripts that run
    /// cmdlets in parallel runspaces (ForEach-Object -Parallel, thread jobs) each connect to their own server.
    /// A connection handed out with -PassThru belongs to its holder: it works from any runspace, and
    /// replacing or forgetting it here never closes it under them.
    /// </summary>
    internal sealed class ModuleSession
    {
        private static readonly ConditionalWeakTable<Runspace, ModuleSession> ByRunspace = new ConditionalWeakTable<Runspace, ModuleSession>();

        // Used only where no runspace is current (never on a pipeline thread).
        private static readonly ModuleSession Detached = new ModuleSession();

        private readonly object _gate = new object();
        private InfluxConnection? _default;
        private bool _defaultHandedOut;
        private InfluxConnection? _fallback;
        private string? _fallbackKey;
        private (InfluxConnection Connection, DateTime Until, IReadOnlyList<InfluxToken> Tokens)? _completion;

        /// <summary>How long one listing serves tab completion: pressing Tab again while editing a command line does not list again.</summary>
        private static readonly TimeSpan CompletionListingLife = TimeSpan.FromSeconds(30);

        /// <summary>The session of the runspace this pipeline runs in.</summary>
        public static ModuleSession Current
        {
            get
            {
                var runspace = Runspace.DefaultRunspace;
                if (runspace is null) return Detached;
                return ByRunspace.GetValue(runspace, r =>
                {
                    var session = new ModuleSession();
                    r.StateChanged += (_, e) =>
                    {
                        if (e.RunspaceStateInfo.State == RunspaceState.Closed) session.Clear();
                    };
                    return session;
                });
            }
        }

        /// <summary>The connection Connect-InfluxServer made in this runspace, if any.</summary>
        public InfluxConnection? Default
        {
            get { lock (_gate) return _default; }
        }

        public void SetDefault(InfluxConnection connection, bool handedOut)
        {
            lock (_gate)
            {
                if (!ReferenceEquals(_default, connection)) CloseDefault();
                _default = connection;
                _defaultHandedOut = handedOut;
            }
        }

        /// <summary>Forgets the session's connections; returns the one in use (made by Connect-InfluxServer or from the fallback settings), or null.</summary>
        public InfluxConnection? Clear()
        {
            lock (_gate)
            {
                var old = _default ?? _fallback;
                CloseDefault();
                _default = null;
                _fallback?.Dispose();
                _fallback = null;
                _fallbackKey = null;
                _completion = null;
                return old;
            }
        }

        private void CloseDefault()
        {
            if (!_defaultHandedOut) _default?.Dispose();
            _defaultHandedOut = false;
        }

        /// <summary>
        /// The tokens tab completion offers, from one listing that serves every Tab on the command line being
        /// edited (a server with 100,000 tokens is listed once, not per key press). Only ids and descriptions are kept.
        /// </summary>
        public IReadOnlyList<InfluxToken> CompletionTokens(InfluxConnection connection, CancellationToken cancellationToken)
        {
            lock (_gate)
            {
                if (_completion is { } c && ReferenceEquals(c.Connection, connection) && c.Until > DateTime.UtcNow) return c.Tokens;
            }

            var tokens = CallerThread.Enumerate(Tokens.TokenOperations.GetAsync(connection.Backend, new Tokens.TokenFilter(), cancellationToken), cancellationToken)
                .Select(t => new InfluxToken(t.Id, t.Description, t.Status, Array.Empty<Permission>(), t.Product))
                .ToList();

            lock (_gate) _completion = (connection, DateTime.UtcNow + CompletionListingLife, tokens);
            return tokens;
        }

        /// <summary>The connection to use: Connect-InfluxServer's, else one from INFLUX_* variables or the CLI configs.</summary>
        public InfluxConnection Resolve(CancellationToken cancellationToken)
        {
            lock (_gate)
            {
                if (_default is not null) return _default;
            }

            var settings = ConnectionSettingsResolver.ResolveFromEnvironment();
            var key = ConnectionKey.Of(settings);
            lock (_gate)
            {
                if (_fallback is not null && _fallbackKey == key) return _fallback;
            }

            var opened = CallerThread.Wait(InfluxConnection.OpenAsync(settings, cancellationToken));
            lock (_gate)
            {
                _fallback?.Dispose();
                _fallback = opened;
                _fallbackKey = key;
                return opened;
            }
        }
    }
}
