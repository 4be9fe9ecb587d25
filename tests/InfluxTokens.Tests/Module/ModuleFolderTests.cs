using System.Diagnostics;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using InfluxTokens.Commands;
using InfluxTokens.Tests.Infrastructure;

namespace InfluxTokens.Tests.Module;

/// <summary>Publishes the module the way build.ps1 does, into a scratch folder, once for these tests.</summary>
public sealed class PublishedModule : IAsyncLifetime
{
    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "influxtokens-module-" + Guid.NewGuid().ToString("n"));

    public async Task InitializeAsync()
    {
        var psi = new ProcessStartInfo("dotnet",
            $"publish \"{Path.Combine(Repo.Root, "src", "InfluxTokens", "InfluxTokens.csproj")}\" -c Release -o \"{Path.Combine(Folder, "publish")}\" -p:ModuleStageDir=\"{Path.Combine(Folder, "module")}/\" --nologo")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var p = Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEndAsync();
        var error = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        if (p.ExitCode != 0) throw new InvalidOperationException("dotnet publish failed:\n" + await output + await error);
    }

    public Task DisposeAsync()
    {
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
        return Task.CompletedTask;
    }

    public string Module => Path.Combine(Folder, "module");
}

public class ModuleFolderTests(PublishedModule published) : IClassFixture<PublishedModule>
{
    private static IReadOnlyList<string> References(string dll) => ReferencedNames(dll).Select(n => n.Name!).ToList();

    private static IReadOnlyList<System.Reflection.AssemblyName> ReferencedNames(string dll)
    {
        using var stream = File.OpenRead(dll);
        using var pe = new PEReader(stream);
        var md = pe.GetMetadataReader();
        return md.AssemblyReferences.Select(h => md.GetAssemblyReference(h).GetAssemblyName()).ToList();
    }

    [Fact]
    public void The_folder_holds_the_module_and_never_the_stub()
    {
        var files = Directory.GetFiles(published.Module).Select(Path.GetFileName).ToHashSet();
        foreach (var f in new[] { "InfluxTokens.dll", "InfluxTokens.Core.dll", "InfluxTokens.psd1", "InfluxTokens.Format.ps1xml", "LICENSE", "System.Text.Json.dll" })
            Assert.Contains(f, files);
        Assert.DoesNotContain("System.Management.Automation.dll", files);
        Assert.DoesNotContain(files, f => f!.EndsWith(".deps.json", StringComparison.Ordinal) || f.EndsWith(".pdb", StringComparison.Ordinal) && f.StartsWith("System", StringComparison.Ordinal));
    }

    [Fact]
    public void The_folder_ships_the_help()
    {
        var maml = System.Xml.Linq.XDocument.Load(Path.Combine(published.Module, "en-US", "InfluxTokens.dll-Help.xml"));
        Assert.Equal("helpItems", maml.Root!.Name.LocalName);
        Assert.Equal(CmdletInfo.All.Count, maml.Root.Elements().Count());
        Assert.True(File.Exists(Path.Combine(published.Module, "en-US", "about_InfluxTokens.help.txt")));
        Assert.DoesNotContain(Directory.GetFiles(published.Module), f => Path.GetFileName(f).StartsWith("InfluxTokens.HelpBuilder", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_dependency_of_every_dll_ships_beside_it()
    {
        // Windows PowerShell 5.1 resolves nothing on the module's behalf: the closure must be in the folder.
        var dlls = Directory.GetFiles(published.Module, "*.dll");
        var present = dlls.Select(Path.GetFileNameWithoutExtension).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var dll in dlls)
            foreach (var reference in References(dll).Where(r => r is not ("netstandard" or "System.Management.Automation" or "mscorlib")))
                Assert.True(present.Contains(reference), $"{Path.GetFileName(dll)} needs {reference}, which the module folder lacks");
    }

    [Fact]
    public void The_cmdlet_assembly_references_only_what_is_allowed()
    {
        // The cmdlet assembly stays thin: HTTP, JSON and everything else go through Core.
        Assert.Equal(
            new[] { "InfluxTokens.Core", "Microsoft.Bcl.AsyncInterfaces", "Microsoft.Bcl.TimeProvider", "System.Management.Automation", "netstandard" },
            References(Path.Combine(published.Module, "InfluxTokens.dll")).OrderBy(r => r, StringComparer.Ordinal));
        Assert.DoesNotContain("System.Management.Automation", References(Path.Combine(published.Module, "InfluxTokens.Core.dll")));
    }

    [Fact]
    public void Windows_powershell_finds_the_modules_own_copy_of_a_dependency_at_any_version_it_satisfies()
    {
        var requested = new System.Reflection.AssemblyName("System.Memory, Version=4.0.1.1, Culture=neutral, PublicKeyToken=cc7b13ffcd2ddd51");
        Assert.Equal(Path.Combine(published.Module, "System.Memory.dll"), DependencyResolver.PathFor(published.Module, requested));
        var newer = new System.Reflection.AssemblyName("System.Memory, Version=99.0.0.0, Culture=neutral, PublicKeyToken=cc7b13ffcd2ddd51");
        Assert.Null(DependencyResolver.PathFor(published.Module, newer)); // another module's newer need is not answered with ours

        // Every reference between the shipped dlls is one the resolver can answer.
        var shipped = Directory.GetFiles(published.Module, "*.dll").ToDictionary(f => Path.GetFileNameWithoutExtension(f), StringComparer.OrdinalIgnoreCase);
        var checkedReferences = 0;
        foreach (var dll in shipped.Values)
            foreach (var reference in ReferencedNames(dll))
                if (shipped.ContainsKey(reference.Name!))
                {
                    checkedReferences++;
                    Assert.True(DependencyResolver.PathFor(published.Module, reference) is not null, Path.GetFileName(dll) + " asks for " + reference.FullName + ", newer than the module ships");
                }
        Assert.True(checkedReferences > 3, "the module's dlls reference each other");
        Assert.Null(DependencyResolver.PathFor(published.Module, new System.Reflection.AssemblyName("Not.Shipped")));
        Assert.Null(DependencyResolver.PathFor(published.Module, new System.Reflection.AssemblyName("System.Management.Automation")));
    }

    [Fact]
    public void The_resolver_answers_only_the_modules_own_assemblies()
    {
        var ours = typeof(DependencyResolver).Assembly;                                  // loaded from its build folder
        var folder = Path.GetDirectoryName(ours.Location)!;
        Assert.True(DependencyResolver.IsFromModule(folder, ours));
        Assert.True(DependencyResolver.IsFromModule(folder + Path.DirectorySeparatorChar, typeof(InfluxTokens.InfluxToken).Assembly));
        Assert.False(DependencyResolver.IsFromModule(folder, typeof(object).Assembly));        // the runtime, another requester
        Assert.False(DependencyResolver.IsFromModule(published.Module, ours));                  // the same dll loaded from elsewhere is not the module's
        Assert.False(DependencyResolver.IsFromModule(folder, null));                             // unknown: not answered
    }

    [Fact]
    public void Tls_12_and_13_are_added_to_what_is_set_and_system_default_is_left_alone()
    {
        const System.Net.SecurityProtocolType tls11 = (System.Net.SecurityProtocolType)768;
        var added = InfluxTokens.Http.TlsDefaults.WithModernProtocols(tls11);
        Assert.True(added.HasFlag(tls11));                                                     // nothing removed
        Assert.True(added.HasFlag(System.Net.SecurityProtocolType.Tls12));
        Assert.True(added.HasFlag(System.Net.SecurityProtocolType.Tls13));                     // defined on this runtime
        Assert.Equal(System.Net.SecurityProtocolType.SystemDefault, InfluxTokens.Http.TlsDefaults.WithModernProtocols(System.Net.SecurityProtocolType.SystemDefault));
#pragma warning disable SYSLIB0014 // the setting .NET Framework reads; checked here only to be left untouched
        var before = System.Net.ServicePointManager.SecurityProtocol;
        InfluxTokens.Http.TlsDefaults.EnsureModernProtocols();                                 // not .NET Framework here: no change
        Assert.Equal(before, System.Net.ServicePointManager.SecurityProtocol);
#pragma warning restore SYSLIB0014
    }
}
