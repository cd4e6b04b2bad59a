using System.Text.RegularExpressions;
using LoadLab.Cli.Infrastructure;
using LoadLab.TestSupport;
using Xunit.Abstractions;

namespace LoadLab.Cli.Tests;

/// <summary>--quiet and --verbose on every command, and defaults written one way in every --help.</summary>
public sealed partial class VerbosityAndHelpTests(ITestOutputHelper output)
{
    public static TheoryData<string> Commands() => [.. LoadLabApp.BuildRoot().Subcommands.Select(c => c.Name)];

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task Every_help_writes_its_defaults_as_default_colon(string command)
    {
        var r = await CliHarness.RunAsync(output, command, "--help");
        Assert.Equal(0, r.Code);
        Assert.DoesNotContain("[default", r.Out, StringComparison.Ordinal);
        // Every default is written "(default: X)": no "Default X.", "Default: X.", "defaults to X", "(default X)", "; default: X".
        var other = OtherForms().Matches(r.Out).Select(m => m.Value).ToList();
        Assert.True(other.Count == 0, $"{command} --help writes a default another way ({string.Join(", ", other)}):\n{r.Out}");
        Assert.Contains("(default: ", r.Out);
        Assert.Contains("--quiet", r.Out);
        Assert.Contains("--verbose", r.Out);
    }

    [Fact]
    public async Task Quiet_prints_only_the_verdict_line_and_verbose_adds_the_commands_details()
    {
        using var dir = new TempDir("loadlab-quiet");
        var run = Path.Combine(dir.Path, "run");
        Directory.CreateDirectory(run);
        // A run.json that cannot be read: the report is still written, with its verdict line, and the command exits 2.
        File.WriteAllText(Path.Combine(run, "run.json"), "{");
        var normal = await CliHarness.RunAsync(output, "report", run, "--format", "json");
        var quiet = await CliHarness.RunAsync(output, "report", run, "--format", "json", "--quiet");
        var verbose = await CliHarness.RunAsync(output, "report", run, "--format", "json", "--verbose");
        Assert.Equal(2, normal.Code);
        Assert.Equal(normal.Code, quiet.Code);
        Assert.Equal(normal.Err, quiet.Err);
        Assert.Equal(normal.Code, verbose.Code);
        Assert.Contains("wrote ", normal.Out);
        var verdictLine = normal.Out.Split('\n').Single(l => l.StartsWith("verdict:", StringComparison.Ordinal)).TrimEnd('\r');
        Assert.Equal([verdictLine], quiet.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')));
        Assert.Contains("loadlab report: exit", verbose.Err);
        Assert.Equal(normal.Out, verbose.Out);
    }

    [Fact]
    public async Task Quiet_and_verbose_together_are_refused()
    {
        var r = await CliHarness.RunAsync(output, "validate", "x.yaml", "--quiet", "--verbose");
        Assert.Equal(2, r.Code);
        Assert.Contains("--quiet and --verbose", r.Err);
    }

    [Fact]
    public void The_quiet_writer_keeps_whole_verdict_lines_only()
    {
        var inner = new StringWriter();
        var quiet = new QuietWriter(inner);
        quiet.Write("wrote a\nverd");
        quiet.Write("ict: PASS\n");
        quiet.WriteLine("compare: no regression");
        quiet.WriteLine("note: x");
        Assert.Equal($"verdict: PASS{Environment.NewLine}compare: no regression{Environment.NewLine}", inner.ToString());
    }

    [GeneratedRegex(@"Default\b|\bdefaults?\s+(to|is)\b|\(default(?!: )|\[default|[;,]\s*default:")]
    private static partial Regex OtherForms();
}
