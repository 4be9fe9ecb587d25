using System;
using System.Threading;
using InfluxTokens.Connections;

namespace InfluxTokens.Commands
{
    /// <summary>
    /// The module's session state: the connection Connect-InfluxServer made, or else one opened from the
    /// environment / influx CLI config and kept while those settings stay the same, so every command shares
    /// one HTTP client instead of opening its own. A connection handed out with -PassThru belongs to its holder
    /// from then on: replacing or forgetting it here never closes it under them.
    /// </summary>
    internal static class ModuleSession
    {
        private static readonly object Gate = new object();
        private static InfluxConnection? _default;
        private static bool _defaultHandedOut;
        private static InfluxConnection? _fallback;
        private static string? _fallbackKey;

        public static InfluxConnection? Default
        {
            get { lock (Gate) return _default; }
        }

        public static void SetDefault(InfluxConnection connection, bool handedOut)
        {
            lock (Gate)
            {
                if (!ReferenceEquals(_default, connection)) CloseDefault();
                _default = connection;
                _defaultHandedOut = handedOut;
            }
        }

        /// <summary>Forgets the session's connection; returns it, or null when there was none.</summary>
        public static InfluxConnection? Clear()
        {
            lock (Gate)
            {
                var old = _default;
                CloseDefault();
                _default = null;
                _fallback?.Dispose();
                _fallback = null;
                _fallbackKey = null;
                return old;
            }
        }

        private static void CloseDefault()
        {
            if (!_defaultHandedOut) _default?.Dispose();
            _defaultHandedOut = false;
        }

        public static InfluxConnection Current(CancellationToken cancellationToken)
        {
            lock (Gate)
            {
                if (_default is not null) return _default;
            }

            var settings = ConnectionSettingsResolver.ResolveFromEnvironment();
            var key = ConnectionKey.Of(settings);
            lock (Gate)
            {
                if (_fallback is not null && _fallbackKey == key) return _fallback;
            }

            var opened = InfluxConnection.OpenAsync(settings, cancellationToken).ConfigureAwait(false).GetAwaiter().GetResult();
            lock (Gate)
            {
                _fallback?.Dispose();
                _fallback = opened;
                _fallbackKey = key;
                return opened;
            }
        }
    }
}
