using System;
using System.IO;
using System.Management.Automation;
using System.Reflection;

namespace InfluxTokens.Commands
{
    /// <summary>
    /// Windows PowerShell 5.1 has no binding redirects for modules: System.Text.Json and its chain ask for
    /// versions of System.Memory, System.Runtime.CompilerServices.Unsafe... that differ from each other's
    /// references. This resolves such a request to the dll shipped in the module folder when that copy is at
    /// least the version asked for (an older one would only fail later, and another module asking for a newer
    /// one must not be handed ours). It answers only requests made by the module's own assemblies: another
    /// module's or the host's request is theirs to resolve. PowerShell 7 never asks (its runtime carries them),
    /// so the handler does nothing there. On import it also makes sure .NET Framework offers TLS 1.2+.
    /// </summary>
    public sealed class DependencyResolver : IModuleAssemblyInitializer, IModuleAssemblyCleanup
    {
        private static readonly string ModuleFolder = Path.GetDirectoryName(typeof(DependencyResolver).Assembly.Location) ?? string.Empty;

        public void OnImport()
        {
            InfluxTokens.Http.TlsDefaults.EnsureModernProtocols();
            AppDomain.CurrentDomain.AssemblyResolve += OnResolve;
        }

        public void OnRemove(PSModuleInfo psModuleInfo) => AppDomain.CurrentDomain.AssemblyResolve -= OnResolve;

        private static Assembly? OnResolve(object? sender, ResolveEventArgs args)
        {
            if (!IsFromModule(ModuleFolder, args.RequestingAssembly)) return null;
            var path = PathFor(ModuleFolder, new AssemblyName(args.Name));
            return path is null ? null : Assembly.LoadFrom(path);
        }

        /// <summary>Whether <paramref name="requesting"/> was loaded from the module folder (unknown requesters are not).</summary>
        public static bool IsFromModule(string moduleFolder, Assembly? requesting)
        {
            if (requesting is null || requesting.IsDynamic || string.IsNullOrEmpty(moduleFolder)) return false;
            string location;
            try
            {
                location = requesting.Location;
            }
            catch (NotSupportedException)
            {
                return false;
            }

            if (string.IsNullOrEmpty(location)) return false;
            var folder = Path.GetDirectoryName(Path.GetFullPath(location)) ?? string.Empty;
            return string.Equals(folder.TrimEnd(Path.DirectorySeparatorChar), Path.GetFullPath(moduleFolder).TrimEnd(Path.DirectorySeparatorChar), StringComparison.OrdinalIgnoreCase);
        }

        /// <summary>The module's own copy of <paramref name="requested"/>, by simple name, or null when it ships none as new.</summary>
        public static string? PathFor(string moduleFolder, AssemblyName requested)
        {
            if (string.IsNullOrEmpty(moduleFolder) || string.IsNullOrEmpty(requested.Name)) return null;
            var name = requested.Name!;
            if (name.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 || name.Equals("System.Management.Automation", StringComparison.OrdinalIgnoreCase))
                return null;
            var candidate = Path.Combine(moduleFolder, name + ".dll");
            if (!File.Exists(candidate)) return null;
            return requested.Version is null || AssemblyName.GetAssemblyName(candidate).Version >= requested.Version ? candidate : null;
        }
    }
}
