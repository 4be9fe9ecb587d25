using System.Collections.ObjectModel;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;
using System.Text;

namespace InfluxTokens.Module.Tests.Infrastructure;

/// <summary>
/// A PowerShell host for tests: it answers confirmation prompts from a queue (as a person typing Y or N
/// would), records every prompt it was shown, and keeps everything written to the console.
/// </summary>
public sealed class TestHost : PSHost
{
    private readonly TestHostUserInterface _ui = new();
    private readonly Guid _id = Guid.NewGuid();

    public override string Name => "InfluxTokensTestHost";
    public override Version Version => new(1, 0);
    public override Guid InstanceId => _id;
    public override CultureInfo CurrentCulture => CultureInfo.InvariantCulture;
    public override CultureInfo CurrentUICulture => CultureInfo.InvariantCulture;
    public override PSHostUserInterface UI => _ui;

    /// <summary>Answers to confirmation prompts, by label: "Y", "A" (Yes to All), "N", "L" (No to All).</summary>
    public Queue<string> Answers => _ui.Answers;

    /// <summary>Every prompt shown: caption, then message.</summary>
    public IReadOnlyList<(string Caption, string Message)> Prompts => _ui.Prompts;

    /// <summary>All the console text the host received.</summary>
    public string Console => _ui.Text.ToString();

    public override void EnterNestedPrompt() => throw new NotSupportedException();
    public override void ExitNestedPrompt() => throw new NotSupportedException();
    public override void NotifyBeginApplication() { }
    public override void NotifyEndApplication() { }
    public override void SetShouldExit(int exitCode) { }

    private sealed class TestHostUserInterface : PSHostUserInterface
    {
        public readonly Queue<string> Answers = new();
        public readonly List<(string, string)> Prompts = new();
        public readonly StringBuilder Text = new();

        public override PSHostRawUserInterface RawUI { get; } = new RawUserInterface();

        public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice)
        {
            lock (Prompts) Prompts.Add((caption, message));
            if (Answers.Count == 0) throw new InvalidOperationException("The test host was asked to confirm, and the test gave it no answer: " + caption + " / " + message);
            var answer = Answers.Dequeue();
            for (var i = 0; i < choices.Count; i++)
                if (choices[i].Label.Replace("&", string.Empty, StringComparison.Ordinal).StartsWith(answer, StringComparison.OrdinalIgnoreCase)
                    || choices[i].Label.Contains("&" + answer, StringComparison.OrdinalIgnoreCase))
                    return i;
            throw new InvalidOperationException("No choice '" + answer + "' among " + string.Join(", ", choices.Select(c => c.Label)));
        }

        public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions) =>
            throw new InvalidOperationException("The test host cannot answer Prompt: " + caption + " / " + message);

        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) =>
            throw new InvalidOperationException("The test host cannot answer a credential prompt");

        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName,
            PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) =>
            throw new InvalidOperationException("The test host cannot answer a credential prompt");

        public override string ReadLine() => throw new InvalidOperationException("The test host cannot read a line");
        public override SecureString ReadLineAsSecureString() => throw new InvalidOperationException("The test host cannot read a line");

        public override void Write(string value) { lock (Text) Text.Append(value); }
        public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) => Write(value);
        public override void WriteLine(string value) => Write(value + "\n");
        public override void WriteErrorLine(string value) => Write(value + "\n");
        public override void WriteDebugLine(string message) => Write("DEBUG: " + message + "\n");
        public override void WriteVerboseLine(string message) => Write("VERBOSE: " + message + "\n");
        public override void WriteWarningLine(string message) => Write("WARNING: " + message + "\n");
        public override void WriteProgress(long sourceId, ProgressRecord record) => Write("PROGRESS: " + record + "\n");
    }

    private sealed class RawUserInterface : PSHostRawUserInterface
    {
        public override ConsoleColor BackgroundColor { get; set; } = ConsoleColor.Black;
        public override ConsoleColor ForegroundColor { get; set; } = ConsoleColor.Gray;
        public override Size BufferSize { get; set; } = new(120, 50);
        public override Coordinates CursorPosition { get; set; }
        public override int CursorSize { get; set; }
        public override bool KeyAvailable => false;
        public override Size MaxPhysicalWindowSize => new(120, 50);
        public override Size MaxWindowSize => new(120, 50);
        public override Coordinates WindowPosition { get; set; }
        public override Size WindowSize { get; set; } = new(120, 50);
        public override string WindowTitle { get; set; } = "tests";
        public override void FlushInputBuffer() { }
        public override BufferCell[,] GetBufferContents(Rectangle rectangle) => throw new NotSupportedException();
        public override KeyInfo ReadKey(ReadKeyOptions options) => throw new NotSupportedException();
        public override void ScrollBufferContents(Rectangle source, Coordinates destination, Rectangle clip, BufferCell fill) { }
        public override void SetBufferContents(Coordinates origin, BufferCell[,] contents) { }
        public override void SetBufferContents(Rectangle rectangle, BufferCell fill) { }
    }
}
