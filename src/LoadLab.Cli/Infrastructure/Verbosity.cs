using System.CommandLine;
using System.Text;

namespace LoadLab.Cli.Infrastructure;

/// <summary>How much a command prints on stdout: <c>--quiet</c>, the default, or <c>--verbose</c>. Errors (stderr) are never hidden.</summary>
public enum Verbosity
{
    Normal,
    /// <summary>Errors and the final verdict line only (<see cref="QuietWriter"/>).</summary>
    Quiet,
    /// <summary>Also each stage's options and duration, and the command's start and exit.</summary>
    Verbose,
}

/// <summary>--quiet and --verbose, on every command (added where the command line is composed).</summary>
public static class VerbosityOptions
{
    public static readonly Option<bool> Quiet = new("--quiet", "-q")
    { Description = "Print only errors (stderr) and the final verdict line (verdict:, compare:, verify:) (default: off)." };

    public static readonly Option<bool> Verbose = new("--verbose")
    { Description = "Also print each stage's options and how long it took, and the command's exit code (default: off)." };

    public static void AddTo(Command command)
    {
        command.Options.Add(Quiet);
        command.Options.Add(Verbose);
    }
}

public static class Verbosities
{
    /// <summary>The verbosity the user asked for (the command refuses --quiet and --verbose together).</summary>
    public static Verbosity Of(ParseResult parse) =>
        parse.GetValue(VerbosityOptions.Quiet) ? Verbosity.Quiet
        : parse.GetValue(VerbosityOptions.Verbose) ? Verbosity.Verbose
        : Verbosity.Normal;
}

/// <summary>
/// stdout under --quiet: whole lines pass only when they are a final verdict line (<see cref="VerdictPrefixes"/>);
/// the rest (progress, tables, "wrote ..." lines) is dropped. A command whose stdout is a document asked for
/// (apply --output json) writes to <see cref="Inner"/>.
/// </summary>
public sealed class QuietWriter(TextWriter inner) : TextWriter
{
    private readonly StringBuilder _line = new();

    /// <summary>The line starts of the verdict lines: the report's, compare's and verify's.</summary>
    public static IReadOnlyList<string> VerdictPrefixes { get; } = ["verdict:", "compare:", "verify:"];

    public TextWriter Inner => inner;

    public override Encoding Encoding => inner.Encoding;

    /// <summary>The writer a document goes to: under --quiet the one beneath, else <paramref name="output"/> itself.</summary>
    public static TextWriter Unfiltered(TextWriter output) => output is QuietWriter q ? q.Inner : output;

    public override void Write(char value)
    {
        if (value == '\n') Emit();
        else if (value != '\r') _line.Append(value);
    }

    public override void Write(string? value)
    {
        foreach (var c in value ?? "") Write(c);
    }

    public override void WriteLine(string? value)
    {
        Write(value);
        Emit();
    }

    public override void WriteLine() => Emit();

    /// <summary>A partial line waits for its end: it may yet turn out to be the verdict line.</summary>
    public override void Flush() => inner.Flush();

    private void Emit()
    {
        var line = _line.ToString();
        _line.Clear();
        if (VerdictPrefixes.Any(p => line.StartsWith(p, StringComparison.Ordinal))) inner.WriteLine(line);
    }
}
