using InfluxTokens.Tests.Infrastructure;
using InfluxTokens.Tokens;

namespace InfluxTokens.Tests.Core.Tokens;

// The scan of every output, view, export and error of every cmdlet on every product runs in PowerShell:
// tests/InfluxTokens.Module.Tests/Cmdlets/SecretScanTests.cs. What stays here is below the cmdlets.

/// <summary>Where a value may leave a TokenSecret at all: a short, reviewed list, and never in the cmdlet assembly.</summary>
public class SecretExitTests
{
    // file -> how many Reveal() calls it may make, and why
    private static readonly Dictionary<string, int> Allowed = new()
    {
        ["src/InfluxTokens.Core/Http/InfluxHttpClient.cs"] = 2,       // the Authorization header; scrubbing messages of it
        ["src/InfluxTokens.Core/PublicTypes/TokenSecret.cs"] = 1,           // SecureString conversion
        ["src/InfluxTokens.Core/PublicTypes/IssuedInfluxToken.cs"] = 1,    // -AsPlainText, asked for by the user
        ["src/InfluxTokens.Core/Leases/OwnToken.cs"] = 2,             // comparing with listed values / its SHA-512, kept for one listing
        ["src/InfluxTokens.Core/Connections/ConnectionKey.cs"] = 1,   // SHA-256 digest of the connection's token
        ["src/InfluxTokens.Core/Tokens/TokenActivation.cs"] = 1,      // the probe's own Authorization header
        ["src/InfluxTokens.Core/Backends/V2/V2TokenBackend.cs"] = 1,  // Cloud's token= filter, finding the connection's own token
    };

    [Fact]
    public void Values_are_revealed_only_where_reviewed()
    {
        var found = Directory.GetFiles(Path.Combine(Repo.Root, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}"))
            .Select(f => (File: Path.GetRelativePath(Repo.Root, f).Replace('\\', '/'),
                Count: File.ReadAllLines(f).Count(l => !l.TrimStart().StartsWith("///") && l.Contains("Reveal()"))))
            .Where(x => x.Count > 0)
            .ToDictionary(x => x.File, x => x.Count);
        Assert.Equal(Allowed.OrderBy(k => k.Key), found.OrderBy(k => k.Key));
        Assert.DoesNotContain(found.Keys, f => f.StartsWith("src/InfluxTokens/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Http_traces_carry_no_token()
    {
        using var listener = new HttpTrace();
        await using var s = await Scenario.StartAsync();
        var minted = await s.MintAsync("traced", "1h");
        await foreach (var _ in TokenOperations.GetAsync(s.Backend, new TokenFilter(), default)) { }
        await TokenRevocation.RevokeAsync(s.Backend, minted.Id, null, RevokeAction.Delete, default);
        var text = listener.Text;
        Assert.Contains("/api/v2/authorizations", text); // the trace really recorded the requests
        Assert.DoesNotContain(s.Server.SetupToken, text);
        Assert.DoesNotContain((string)minted.Token, text);
    }

    /// <summary>Everything the runtime's System.Net.Http event source says, as text.</summary>
    private sealed class HttpTrace : System.Diagnostics.Tracing.EventListener
    {
        private readonly System.Text.StringBuilder _text = new();

        public string Text { get { lock (_text) return _text.ToString(); } }

        protected override void OnEventSourceCreated(System.Diagnostics.Tracing.EventSource source)
        {
            if (source.Name is "System.Net.Http" or "System.Net.Sockets" or "System.Net.Security")
                EnableEvents(source, System.Diagnostics.Tracing.EventLevel.Verbose, System.Diagnostics.Tracing.EventKeywords.All);
        }

        protected override void OnEventWritten(System.Diagnostics.Tracing.EventWrittenEventArgs e)
        {
            lock (_text)
            {
                _text.Append(e.EventSource.Name).Append(' ').Append(e.EventName);
                foreach (var p in e.Payload ?? new System.Collections.ObjectModel.ReadOnlyCollection<object?>(Array.Empty<object?>())) _text.Append(' ').Append(p);
                _text.AppendLine();
            }
        }
    }
}
