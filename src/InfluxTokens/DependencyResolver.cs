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
    /// one must not be handed ours). PowerShell 7 never asks (its runtime carries them), so the handler does
    /// nothing there.
    /// </summary>
    public sealed class DependencyResolver : IModuleAssemblyInitializer, IModuleAssemblyCleanup
    {
        private static readonly string ModuleFolder = Path.GetDirectoryName(typeof(DependencyResolver).Assembly.Location) ?? string.Empty;

        public void OnImport() => AppDomain.CurrentDomain.AssemblyResolve += OnResolve;

        public void OnRemove(PSModuleInfo psModuleInfo) => AppDomain.CurrentDomain.AssemblyResolve -= OnResolve;

        private static Assembly? OnResolve(object? sender, ResolveEventArgs args)
        {
            var path = PathFor(ModuleFolder, new AssemblyName(args.Name));
            return path is null ? null : Assembly.LoadFrom(path);
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
