using System.Collections;
using System.Reflection;
using System.Text;
using System.Text.Json;
using InfluxTokens.Backends;
using InfluxTokens.Leases;
using InfluxTokens.Tests.Infrastructure;
using InfluxTokens.Tokens;

namespace InfluxTokens.Tests.Core;

/// <summary>
/// Runs every operation the cmdlets perform, captures everything a user or a log could see of the results
/// (ToString, JSON, every public property as Format-List * shows it, every error message), and scans it
/// for every token value the emulator ever issued. The only place a value may appear is the Token property
/// of a token minted with -AsPlainText.
/// </summary>
public class SecretHygieneTests
{
    private sealed class Capture
    {
        private readonly StringBuilder _text = new();

        public void Object(object? o)
        {
            if (o is null) return;
            _text.AppendLine(o.ToString());
            // JSON of everything but the sanctioned exit: a plain-text value the user asked for.
            var json = JsonSerializer.SerializeToNode(o, o.GetType());
            if (o is IssuedInfluxToken { Token: string } && json is System.Text.Json.Nodes.JsonObject obj) obj.Remove(nameof(IssuedInfluxToken.Token));
            _text.AppendLine(json?.ToJsonString());
            Properties(o, 0);
        }

        public void Error(Exception ex) => _text.AppendLine(ex.ToString());

        public void Text(string s) => _text.AppendLine(s);

        // What Format-List * and ConvertTo-Json -Depth 2 walk: public properties, two levels down.
        private void Properties(object o, int depth)
        {
            if (depth > 2 || o is string || o.GetType().IsPrimitive) return;
            if (o is IEnumerable items)
            {
                foreach (var item in items) if (item is not null) { _text.AppendLine(item.ToString()); Properties(item, depth + 1); }
                return;
            }

            foreach (var p in o.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                if (p.GetIndexParameters().Length > 0) continue;
                if (o is IssuedInfluxToken && p.Name == nameof(IssuedInfluxToken.Token)) continue; // the one sanctioned exit
                var v = p.GetValue(o);
                if (v is null) continue;
                _text.AppendLine(p.Name + " : " + v);
                Properties(v, depth + 1);
            }
        }

        public override string ToString() => _text.ToString();
    }

    [Fact]
    public async Task No_output_message_or_error_of_any_operation_carries_a_token_value()
    {
        await using var s = await Scenario.StartAsync();
        var seen = new Capture();
        var issuedValues = new List<string> { s.Server.SetupToken };

        // New, in both forms.
        var plain = await s.MintAsync("plain", "1h");
        issuedValues.Add((string)plain.Token);
        seen.Object(plain);
        var spec = TokenSpecBuilder.Build(s.Backend.ResourceTypes, new NewTokenRequest { Description = "secure", Read = new[] { "my-bucket" } });
        var secure = await TokenOperations.NewAsync(s.Backend, spec, asPlainText: false, default);
        seen.Object(secure);
        seen.Object(secure.Token);
        issuedValues.Add(TokenSecret.FromSecureString((System.Security.SecureString)secure.Token).Reveal());

        // Get, by list and by id; Set; the connection itself.
        await foreach (var t in TokenOperations.GetAsync(s.Backend, new TokenFilter(), default)) seen.Object(t);
        seen.Object(await TokenOperations.GetByIdAsync(s.Backend, plain.Id, default));
        seen.Object(await TokenOperations.SetAsync(s.Backend, plain.Id, new TokenUpdate { Description = "renamed" }, default));
        seen.Object(s.Connection);
        seen.Text(s.Connection.Source);

        // Rotation, sweep, revoke.
        var rotated = await TokenRotator.RotateAsync(s.Connection, plain.Id, new RotationOptions { AsPlainText = true }, default);
        issuedValues.Add((string)rotated.Token);
        seen.Object(rotated);
        s.Clock.Advance(TimeSpan.FromDays(3));
        var swept = await Sweeping.RunAsync(s.Connection);
        swept.Results.ForEach(seen.Object);
        seen.Object(swept.Summary);
        seen.Object(await TokenRevocation.RevokeAsync(s.Backend, secure.Id, "secure", RevokeAction.Deactivate, default));

        // Errors: a wrong token, a refused request, a missing token, an injected server error that echoes the credential.
        foreach (var failing in new Func<Task>[]
        {
            () => Scenario.OpenAsync(s.Server, s.Clock, (string)plain.Token),
            () => TokenOperations.NewAsync(s.Backend, TokenSpecBuilder.Build(s.Backend.ResourceTypes, new NewTokenRequest { Description = "x", Permissions = new[] { "read:instance" } }), false, default),
            () => TokenRotator.RotateAsync(s.Connection, "0fffffffffffffff", new RotationOptions(), default),
            () =>
            {
                s.Server.Faults.Fail("GET", "/api/v2/authorizations$", 502, times: 10, message: "upstream said: Token " + s.Server.SetupToken);
                return TokenOperations.GetAsync(s.Backend, new TokenFilter(), default).GetAsyncEnumerator().MoveNextAsync().AsTask();
            },
        })
        {
            try { await failing(); }
            catch (Exception ex) { seen.Error(ex); }
        }

        var text = seen.ToString();
        Assert.True(text.Length > 5000, "the capture is too small to prove anything");
        foreach (var value in issuedValues.Concat(s.Server.V2.Authorizations().Select(a => a.Token)).Distinct())
        {
            var at = text.IndexOf(value, StringComparison.Ordinal);
            Assert.True(at < 0, "a token value leaked into output, messages or errors, after: "
                                + (at < 0 ? "" : text.Substring(Math.Max(0, at - 200), Math.Min(200, at)).Replace(value, "<value>")));
        }
        Assert.Contains(TokenSecret.Redacted, text); // the echoing server was caught and scrubbed
    }

    [Theory]
    [InlineData(InfluxDB.Emulator.EmulatorMode.Dedicated)]
    [InlineData(InfluxDB.Emulator.EmulatorMode.Clustered)]
    [InlineData(InfluxDB.Emulator.EmulatorMode.Core)]
    [InlineData(InfluxDB.Emulator.EmulatorMode.Enterprise)]
    public async Task Influxdb3_products_keep_values_out_of_everything_too(InfluxDB.Emulator.EmulatorMode mode)
    {
        await using var s = await Scenario.StartAsync(mode);
        var seen = new Capture();
        var values = new List<string> { s.Server.SetupToken };
        var minted = await s.MintAsync("hygiene", "1h", preset: PermissionPreset.AllAccess);
        values.Add((string)minted.Token);
        seen.Object(minted);
        await foreach (var t in TokenOperations.GetAsync(s.Backend, new TokenFilter { IncludeRevoked = true }, default)) seen.Object(t);
        seen.Object(await TokenOperations.GetByIdAsync(s.Backend, minted.Id, default));
        seen.Object(s.Connection);
        s.Clock.Advance(TimeSpan.FromHours(2));
        (await Sweeping.RunAsync(s.Connection)).Results.ForEach(seen.Object);
        var listPath = mode is InfluxDB.Emulator.EmulatorMode.Dedicated or InfluxDB.Emulator.EmulatorMode.Clustered ? "/tokens$" : "/api/v3/query_sql$";
        var failures = 0;
        foreach (var failing in new Func<Task>[]
        {
            () => Scenario.OpenAsync(s.Server, s.Clock, (string)minted.Token), // expired: refused
            () => s.MintAsync("hygiene", null, permission: new[] { "write:nothing-like-this" }),
            () =>
            {
                // A server or proxy that echoes the credential in its error.
                s.Server.Faults.Fail("GET", listPath, 502, times: 10, message: "upstream said: Bearer " + s.Server.SetupToken);
                return TokenOperations.GetAsync(s.Backend, new TokenFilter(), default).GetAsyncEnumerator().MoveNextAsync().AsTask();
            },
        })
        {
            var ex = await Record.ExceptionAsync(failing);
            Assert.NotNull(ex);
            seen.Error(ex!);
            failures++;
        }

        Assert.Equal(3, failures);
        var text = seen.ToString();
        Assert.True(text.Length > 2000, "the capture is too small to prove anything");
        foreach (var value in values)
            Assert.False(text.Contains(value, StringComparison.Ordinal), "a token value leaked into output, messages or errors");
        Assert.Contains(TokenSecret.Redacted, text); // the echoing server was caught and scrubbed
    }

    [Fact]
    public void The_scan_would_see_a_leak()
    {
        var capture = new Capture();
        var leaky = new { Note = "value: abc123==" };
        capture.Object(leaky);
        Assert.Contains("abc123==", capture.ToString());
    }
}

/// <summary>Where a value may leave a TokenSecret at all: a short, reviewed list, and never in the cmdlet assembly.</summary>
public class SecretExitTests
{
    // file -> how many Reveal() calls it may make, and why
    private static readonly Dictionary<string, int> Allowed = new()
    {
        ["src/InfluxTokens.Core/Http/InfluxHttpClient.cs"] = 2,       // the Authorization header; scrubbing messages of it
        ["src/InfluxTokens.Core/PublicTypes/TokenSecret.cs"] = 1,           // SecureString conversion
        ["src/InfluxTokens.Core/PublicTypes/IssuedInfluxToken.cs"] = 1,    // -AsPlainText, asked for by the user
        ["src/InfluxTokens.Core/Leases/OwnToken.cs"] = 2,             // comparing with listed values / hashing, never stored
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
