using System.Management.Automation;
using InfluxTokens.Commands;

namespace InfluxTokens.Tests.Module;

public class CmdletMetadataTests
{
    // PowerShell 7's approved verbs (Verbs.cs; Get-Verb). Build and Deploy are 6+ only, so not usable on 5.1.
    private static readonly HashSet<string> ApprovedVerbs = new(StringComparer.Ordinal)
    {
        "Add", "Clear", "Close", "Copy", "Enter", "Exit", "Find", "Format", "Get", "Hide", "Join", "Lock", "Move", "New", "Open", "Optimize",
        "Push", "Pop", "Redo", "Remove", "Rename", "Reset", "Resize", "Search", "Select", "Set", "Show", "Skip", "Split", "Step", "Switch",
        "Undo", "Unlock", "Watch", "Backup", "Checkpoint", "Compare", "Compress", "Convert", "ConvertFrom", "ConvertTo", "Dismount", "Edit",
        "Expand", "Export", "Group", "Import", "Initialize", "Limit", "Merge", "Mount", "Out", "Publish", "Restore", "Save", "Sync",
        "Unpublish", "Update", "Approve", "Assert", "Complete", "Confirm", "Deny", "Disable", "Enable", "Install", "Invoke", "Register",
        "Request", "Restart", "Resume", "Start", "Stop", "Submit", "Suspend", "Uninstall", "Unregister", "Wait", "Debug", "Measure",
        "Repair", "Resolve", "Test", "Trace", "Connect", "Disconnect", "Read", "Receive", "Send", "Write", "Block", "Grant", "Protect",
        "Revoke", "Unblock", "Unprotect", "Use",
    };

    private static readonly HashSet<string> CommonParameters = new(StringComparer.OrdinalIgnoreCase)
    {
        "Verbose", "Debug", "ErrorAction", "WarningAction", "InformationAction", "ProgressAction", "ErrorVariable", "WarningVariable",
        "InformationVariable", "OutVariable", "OutBuffer", "PipelineVariable", "WhatIf", "Confirm", "UseTransaction",
        "vb", "db", "ea", "wa", "infa", "proga", "ev", "wv", "iv", "ov", "ob", "pv", "wi", "cf", "usetx",
    };

    private static readonly HashSet<string> StateChanging = new() { "New", "Set", "Revoke", "Invoke", "Remove" };

    public static TheoryData<string> Cmdlets()
    {
        var data = new TheoryData<string>();
        foreach (var c in CmdletInfo.All) data.Add(c.Name);
        return data;
    }

    [Fact]
    public void The_module_has_the_cmdlets_the_product_promises()
    {
        Assert.Equal(
            new[] { "Connect-InfluxServer", "Disconnect-InfluxServer", "Get-InfluxToken", "Invoke-InfluxTokenRotation", "Invoke-InfluxTokenSweep",
                "New-InfluxToken", "Revoke-InfluxToken", "Set-InfluxToken" },
            CmdletInfo.All.Select(c => c.Name));
    }

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void Names_follow_the_guidelines(string name)
    {
        var c = CmdletInfo.Named(name);
        Assert.Contains(c.Verb, ApprovedVerbs);
        Assert.Matches("^Influx([A-Z][a-z]+)+$", c.Noun);
        Assert.False(c.Noun.EndsWith('s'), "nouns are singular");
        Assert.Equal(c.Verb + c.Noun + "Command", c.Type.Name);
        Assert.Equal("InfluxTokens.Commands", c.Type.Namespace);
        Assert.True(c.Type.IsPublic && c.Type.IsSealed);
    }

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void Every_cmdlet_declares_what_it_outputs(string name)
    {
        // Disconnect writes nothing; an [OutputType] there would be a false promise.
        if (name == "Disconnect-InfluxServer") Assert.Empty(CmdletInfo.Named(name).OutputTypes);
        else Assert.NotEmpty(CmdletInfo.Named(name).OutputTypes);
    }

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void State_changing_cmdlets_support_whatif_and_confirm(string name)
    {
        var c = CmdletInfo.Named(name);
        if (!StateChanging.Contains(c.Verb)) return;
        Assert.True(c.SupportsShouldProcess, $"{name} changes state and must support -WhatIf/-Confirm");
        if (c.Verb is "Revoke" or "Invoke")
        {
            Assert.Equal((int)ConfirmImpact.High, c.ConfirmImpact);
            var force = Assert.Single(c.Parameters, p => p.Name == "Force");
            Assert.Equal(typeof(SwitchParameter), force.Type);
        }
    }

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void Parameters_follow_the_guidelines(string name)
    {
        var c = CmdletInfo.Named(name);
        foreach (var p in c.Parameters)
        {
            Assert.DoesNotContain(p.Name, CommonParameters);
            Assert.All(p.Aliases, a => Assert.DoesNotContain(a, CommonParameters));
            Assert.Matches("^[A-Z][A-Za-z]+$", p.Name);
            Assert.NotEqual(typeof(bool), Nullable.GetUnderlyingType(p.Type) ?? p.Type);
            if (p.Name is "Force" or "PassThru" or "AsPlainText" or "Deactivate" or "SkipCertificateCheck" or "Inactive" or "Expired" or "NoExpiry" or "Risky" or "NoOverlap")
                Assert.Equal(typeof(SwitchParameter), p.Type);
            if (p.Name.EndsWith('s')) Assert.Contains(p.Name, new[] { "Status", "AllAccess", "MaxRevocations" }); // singular names, even for arrays
        }

        var names = c.Parameters.SelectMany(p => p.Aliases.Append(p.Name)).ToList();
        Assert.Equal(names.Count, names.Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void Parameter_sets_are_well_formed(string name)
    {
        var c = CmdletInfo.Named(name);
        var sets = c.SetNames.ToList();
        if (sets.Count > 0) Assert.Contains(c.DefaultSet, sets);
        foreach (var set in sets.DefaultIfEmpty(CmdletInfo.AllSets))
        {
            var members = c.In(set).ToList();
            var positions = members.Where(m => m.Set.Position is not null).Select(m => m.Set.Position).ToList();
            Assert.Equal(positions.Count, positions.Distinct().Count());
            Assert.True(members.Count(m => m.Set.ByValue) <= 1, $"{name} set {set}: at most one ValueFromPipeline");
        }
    }

    [Fact]
    public void Completers_are_constructible_argument_completers()
    {
        var completers = CmdletInfo.All.SelectMany(c => c.Parameters)
            .SelectMany(p => p.Property.GetCustomAttributesData())
            .Where(a => a.AttributeType == typeof(ArgumentCompleterAttribute))
            .Select(a => (Type)a.ConstructorArguments[0].Value!)
            .Distinct()
            .ToList();
        Assert.Equal(4, completers.Count);
        Assert.All(completers, t =>
        {
            Assert.True(typeof(IArgumentCompleter).IsAssignableFrom(t));
            Assert.NotNull(t.GetConstructor(Type.EmptyTypes));
        });
    }

    [Fact]
    public void Secrets_are_taken_as_secure_strings_or_credentials()
    {
        var connect = CmdletInfo.Named("Connect-InfluxServer");
        Assert.Equal(typeof(System.Security.SecureString), connect.Parameters.Single(p => p.Name == "Token").Type);
        var credential = connect.Parameters.Single(p => p.Name == "Credential");
        Assert.Equal(typeof(PSCredential), credential.Type);
        Assert.Contains(typeof(CredentialAttribute), credential.Attributes);
        Assert.Equal(typeof(Uri), connect.Parameters.Single(p => p.Name == "Url").Type);
    }

    // The pipeline contract (Get | Revoke, CSV ids, Get | New...) is run for real in PowerShell:
    // tests/InfluxTokens.Module.Tests/Cmdlets/PipelineContractTests.cs.

    [Fact]
    public void Every_error_kind_has_its_own_id_and_a_category()
    {
        foreach (var kind in Enum.GetValues<InfluxErrorKind>())
        {
            var (id, category) = ErrorCatalog.For(kind);
            Assert.Matches("^[A-Z][A-Za-z]+$", id);
            Assert.NotEqual(ErrorCategory.NotSpecified, category);
        }

        var ids = Enum.GetValues<InfluxErrorKind>().Select(k => ErrorCatalog.For(k).ErrorId).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Equal(("InvalidPermission", ErrorCategory.InvalidArgument), ErrorCatalog.For(new PermissionFormatException("x", "y")));
        Assert.True(ErrorCatalog.IsExpected(new InfluxTokensException(InfluxErrorKind.NotFound, "x")));
        Assert.True(ErrorCatalog.IsExpected(new FormatException("x")));
        Assert.False(ErrorCatalog.IsExpected(new NullReferenceException()));
        Assert.Equal(ErrorCatalog.UnexpectedErrorId, ErrorCatalog.For(new InvalidOperationException()).ErrorId);
        var unreadable = ErrorCatalog.For(new System.IO.IOException("config locked"));
        Assert.Equal("InfluxSettingsUnreadable", unreadable.ErrorId);
        Assert.Equal(ErrorCategory.ReadError, unreadable.Category);
    }

    [Fact]
    public void Only_connection_wide_failures_end_every_request()
    {
        // The rule is Core's (InfluxTokensException.EndsEveryRequest); the module stops the pipeline on it.
        Assert.True(ErrorCatalog.StopsThePipeline(new InfluxApiException(InfluxErrorKind.Unauthorized, "GET", "/x", 401, "unauthorized", "unauthorized access", "m")));
        Assert.True(ErrorCatalog.StopsThePipeline(new InfluxTokensException(InfluxErrorKind.Network, "refused") { ServerUnreachable = true }));
        Assert.False(ErrorCatalog.StopsThePipeline(new InfluxTokensException(InfluxErrorKind.Network, "reset")));   // one broken exchange: the run goes on
        Assert.False(ErrorCatalog.StopsThePipeline(new InfluxApiException(InfluxErrorKind.Unauthorized, "DELETE", "/x", 401, "unauthorized",
            "write:orgs/0a1b2c3d4e5f6071/authorizations/0a1b2c3d4e5f6072 is unauthorized", "m")));
        Assert.False(ErrorCatalog.StopsThePipeline(new InfluxApiException(InfluxErrorKind.NotFound, "GET", "/x", 404, "not found", "x", "m")));
        Assert.False(ErrorCatalog.StopsThePipeline(new InfluxTokensException(InfluxErrorKind.Timeout, "slow")));
    }
}
