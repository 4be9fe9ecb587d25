using System;
using System.Net;
using System.Runtime.InteropServices;

namespace InfluxTokens.Http
{
    /// <summary>
    /// On .NET Framework (where Windows PowerShell 5.1 loads the library) the HTTP stack takes its TLS versions from
    /// <see cref="ServicePointManager.SecurityProtocol"/>; on a host without the strong-crypto registry settings that
    /// can leave out TLS 1.2, which InfluxDB Cloud requires. This adds TLS 1.2 (and 1.3 where the framework defines
    /// it) to what is set, never removing anything, and leaves "system default" alone (the OS then chooses, which
    /// already includes them). Elsewhere (.NET 8 and later) it does nothing.
    /// </summary>
    public static class TlsDefaults
    {
        /// <summary>Applies <see cref="WithModernProtocols"/> to the process, on .NET Framework only.</summary>
        public static void EnsureModernProtocols()
        {
            if (!RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.OrdinalIgnoreCase)) return;
            var current = ServicePointManager.SecurityProtocol;
            var wanted = WithModernProtocols(current);
            if (wanted != current) ServicePointManager.SecurityProtocol = wanted;
        }

        /// <summary><paramref name="current"/> plus TLS 1.2 and TLS 1.3 (where defined); system default (0) stays as it is.</summary>
        public static SecurityProtocolType WithModernProtocols(SecurityProtocolType current)
        {
            if (current == 0) return current;
            var result = current | SecurityProtocolType.Tls12;
            // Tls13 exists from .NET Framework 4.8 on; by name, since older frameworks do not define it.
            if (Enum.TryParse<SecurityProtocolType>("Tls13", out var tls13) && Enum.IsDefined(typeof(SecurityProtocolType), tls13)) result |= tls13;
            return result;
        }
    }
}
