using System.CommandLine;
using System.Globalization;
using LoadLab.Compare;
using LoadLab.Compare.Exporters;
using LoadLab.Compare.Thresholds;
using LoadLab.Core.Errors;

namespace LoadLab.Cli.Commands;

/// <summary>
/// <c>loadlab compare &lt;baseline-run&gt; &lt;run&gt;</c>: step by step and overall, latency (U test on the histograms),
/// errors, the sustainable load and the recommendation, judged by regression thresholds. Exit 0 no regression,
/// 1 a regression, 2 bad input (nothing written), 4 a run was interrupted.
/// </summary>
public static class CompareCommand
{
    public static Command Create()
    {
        var baseline = new Argument<string>("baseline-run") { Description = "The baseline's run directory." };
        var run = new Argument<string>("run") { Description = "The run directory to judge against it (same scenario, same ladder)." };
        var options = new CompareCliOptions();
        var command = new Command("compare",
            "Compare a run with a baseline run: latency per step (Mann–Whitney U test on the histograms), errors, sustainable load, " +
            "recommendation; exit 1 on a regression.")
        {
            baseline, run,
        };
        options.AddTo(command);
        command.SetAction((parse, _) =>
        {
            var request = options.Read(parse, parse.GetValue(baseline)!, parse.GetValue(run)!);
            var outcome = CompareService.Compare(request);
            return Task.FromResult(Print(parse.InvocationConfiguration.Output, outcome));
        });
        return command;
    }

    /// <summary>Prints the verdict per threshold and the files written; returns the exit code.</summary>
    public static int Print(TextWriter o, CompareOutcome outcome)
    {
        var c = outcome.Result;
        foreach (var t in c.Thresholds)
        {
            var worst = t.Checks.FirstOrDefault(k => k.Regression) ?? t.Checks.FirstOrDefault(k => !k.Holds) ?? t.Checks.Last();
            o.WriteLine($"{(t.Regression ? "REGRESSION" : "ok        ")} {t.Expression}: {worst.Scope} {CompareTables.Verdict(worst)}" +
                        (worst.PValue is { } p ? $" (p-value {CompareTables.PValue(p)})" : ""));
        }
        foreach (var n in c.Notes) o.WriteLine($"note: {n}");
        foreach (var f in outcome.WrittenFiles) o.WriteLine($"wrote {f}");
        o.WriteLine($"compare: {CompareTables.Headline(c)}");
        // An interrupted run is compared for what it measured; the exit code says it was not whole.
        return c.Interrupted ? ExitCodes.Interrupted : c.Regression ? ExitCodes.ThresholdFailed : ExitCodes.Ok;
    }
}

/// <summary>
/// The options of a comparison: on <c>compare</c> <c>--threshold</c>, <c>--alpha</c>, <c>--format</c>, <c>--out</c>;
/// on <c>run --baseline</c> the first two as <c>--baseline-threshold</c> and <c>--baseline-alpha</c> (the scenario has
/// thresholds of its own), the files going to the run directory.
/// </summary>
public sealed class CompareCliOptions
{
    private readonly bool _onRun;

    public CompareCliOptions(bool onRun = false)
    {
        _onRun = onRun;
        var prefix = onRun ? "--baseline-" : "--";
        Thresholds = new Option<string[]>(prefix + "threshold")
        {
            Description = "A regression threshold such as 'p(90) < baseline * 1.10' or 'sustainable > baseline * 0.95' (repeatable). " +
                          $"(default: {string.Join("; ", RegressionThreshold.DefaultExpressions)}).",
        };
        Alpha = new Option<double>(prefix + "alpha")
        {
            Description = "One-sided significance level of the tests; a broken threshold is a regression only when p < alpha.",
            DefaultValueFactory = _ => 0.01,
        };
    }

    public Option<string[]> Thresholds { get; }
    public Option<double> Alpha { get; }
    public Option<string?> Format { get; } = new("--format")
    { Description = "Comma-separated outputs: html (compare.html), md (compare.md), json (compare.json), junit (compare.junit.xml) (default: all)." };
    public Option<string?> Out { get; } = new("--out") { Description = "Directory for the comparison files (default: the run directory)." };

    public void AddTo(Command command)
    {
        command.Options.Add(Thresholds);
        command.Options.Add(Alpha);
        if (_onRun) return;
        command.Options.Add(Format);
        command.Options.Add(Out);
    }

    /// <summary>The typed request; bad flags are <see cref="UserInputException"/>s naming the flag.</summary>
    public CompareRequest Read(ParseResult parse, string baselineDir, string runDir)
    {
        var alpha = parse.GetValue(Alpha);
        if (!(alpha > 0 && alpha < 0.5))
            throw new UserInputException(Alpha.Name, Alpha.Name, $"'{alpha.ToString(CultureInfo.InvariantCulture)}' must be between 0 and 0.5 (e.g. 0.01)");
        var thresholds = RegressionThresholdParser.ParseAll(parse.GetValue(Thresholds) ?? [], Thresholds.Name);
        return new CompareRequest
        {
            BaselineDirectory = baselineDir,
            RunDirectory = runDir,
            Options = new ComparisonOptions { Thresholds = thresholds, SignificanceLevel = alpha },
            Formats = _onRun ? CompareFormats.All : CompareFormatsParser.Parse(parse.GetValue(Format)),
            OutputDirectory = _onRun ? null : parse.GetValue(Out),
        };
    }
}
