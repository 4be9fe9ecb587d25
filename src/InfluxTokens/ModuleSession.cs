using System;
using System.Threading;
using InfluxTokens.Connections;

namespace InfluxTokens.Commands
{
    /// <summary>
    /// The module's session state: the connection Connect-InfluxServer made, or else one opened from the
    /// environment / influx CLI config and kept while those settings stay the same, so every command shares
    /// one HTTP client instead of opening its own.
    /// </summary>
    internal static class ModuleSession
    {
        private static readonly object Gate = new object();
        private static InfluxConnection? _default;
        private static InfluxConnection? _fallback;
        private static string? _fallbackKey;

        public static InfluxConnection? Default
        {
            get { lock (Gate) return _default; }
        }

        public static void SetDefault(InfluxConnection connection)
        {
            lock (Gate)
            {
                if (!ReferenceEquals(_default, connection)) _default?.Dispose();
                _default = connection;
            }
        }

        /// <summary>Forgets the session's connection; returns it (disposed), or null when there was none.</summary>
        public static InfluxConnection? Clear()
        {
            lock (Gate)
            {
                var old = _default;
                _default = null;
                old?.Dispose();
                _fallback?.Dispose();
                _fallback = null;
                _fallbackKey = null;
                return old;
            }
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
