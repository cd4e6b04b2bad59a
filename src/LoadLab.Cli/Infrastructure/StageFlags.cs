using System.CommandLine;
using LoadLab.Analysis;
using LoadLab.Analysis.Recommend;
using LoadLab.Aws.Collector;
using LoadLab.Cli.Pipeline;
using LoadLab.Core.Errors;
using LoadLab.Reporting;

namespace LoadLab.Cli.Infrastructure;

/// <summary>
/// The stages' options as flags, defined once, so a stage command and the composite commands that pass them on
/// (<c>run</c>, <c>merge --pipeline</c>) show the same descriptions and defaults and bind them the same way.
/// Binding validates, so a bad value is refused before any load is sent, naming the flag as typed.
/// </summary>
public sealed class CollectFlags(string periodName = "--period")
{
    public Option<int?> Period { get; } = new(periodName)
    {
        Description = "CloudWatch period in seconds for every query of the collect stage: 1, 5, 10, 30 or a multiple of 60; " +
                      "10 suits high-resolution metrics such as the sim endpoint's " +
                      "(default: 60, SageMaker's resolution, and 10 for the high-resolution ConcurrentRequestsPerModel on windows up to 3 h).",
    };

    public IEnumerable<Option> All => [Period];

    public CollectStageOptions Bind(ParseResult parse) =>
        Validated(Period.Name, () => new CollectStageOptions { Collector = new CollectorOptions { PeriodS = parse.GetValue(Period) } }.Validate());

    internal static T Validated<T>(string flag, Func<T> bind)
    {
        try { return bind(); }
        catch (ArgumentException e) { throw new UserInputException(flag, flag, e.Message); }
    }
}

public sealed class AnalyzeFlags
{
    public Option<int> Resamples { get; } = new("--resamples")
    { Description = "Bootstrap resamples of the confidence interval (0 turns the interval off).", DefaultValueFactory = _ => new AnalyzerOptions().BootstrapResamples };

    public Option<StepScalingMode> StepScaling { get; } = new("--step-scaling")
    {
        Description = "Add a step-scaling policy and its alarm: auto (when traffic grows faster than target tracking reacts, or the run had a spike), always, never.",
        DefaultValueFactory = _ => new RecommenderOptions().StepScaling,
    };

    public IEnumerable<Option> All => [Resamples, StepScaling];

    /// <param name="seed">The bootstrap's seed; null = the run's seed.</param>
    public AnalyzeStageOptions Bind(ParseResult parse, long? seed = null) =>
        CollectFlags.Validated(Resamples.Name, () => new AnalyzeStageOptions
        {
            Analyzer = new AnalyzerOptions { Seed = seed, BootstrapResamples = parse.GetValue(Resamples) },
            Recommender = new RecommenderOptions { StepScaling = parse.GetValue(StepScaling) },
        }.Validate());
}

public sealed class SimulateFlags
{
    public Option<bool> NoSweep { get; } = new("--no-sweep") { Description = "Simulate only the policy and the rule of thumb, no targets × cooldowns sweep." };

    public IEnumerable<Option> All => [NoSweep];

    public SimulateStageOptions Bind(ParseResult parse, SimulateStageOptions? others = null) =>
        CollectFlags.Validated("--scale", () =>
        {
            var o = others ?? new SimulateStageOptions();
            return (o with { Request = o.Request with { Sweep = !parse.GetValue(NoSweep) } }).Validate();
        });
}

public sealed class ReportFlags
{
    public Option<string?> Format { get; } = new("--format")
    {
        Description = "Comma-separated report outputs: html (report.html), md (summary.md), json (verdict.json), junit (report.junit.xml: " +
                      "one testcase per threshold, the SLO and the closed-loop check) (default: html,md,json).",
    };

    public Option<string?> SummaryExport { get; } = new(SummaryExportTarget.Flag)
    {
        Description = "Also write the end-of-test summary as JSON to this file, as k6's --summary-export (totals, latency percentiles, " +
                      "throughput, thresholds, SLO; docs/ci.md). Never over an input or a run file; an existing file only with --force (default: none).",
    };

    public IEnumerable<Option> All => [Format, SummaryExport];

    /// <summary>The formats and the summary path as given; the command checks the path (<see cref="SummaryExportTarget"/>).</summary>
    public ReportStageOptions Bind(ParseResult parse) => new()
    {
        Formats = ReportFormatsParser.Parse(parse.GetValue(Format), Format.Name),
        SummaryExportPath = parse.GetValue(SummaryExport),
    };
}

/// <summary>Every stage's flags, for the composite commands.</summary>
public sealed class PostRunFlags
{
    public CollectFlags Collect { get; } = new("--collect-period");
    public AnalyzeFlags Analyze { get; } = new();
    public SimulateFlags Simulate { get; } = new();
    public ReportFlags Report { get; } = new();

    public IEnumerable<Option> All => [.. Collect.All, .. Analyze.All, .. Simulate.All, .. Report.All];

    public PostRunOptions Bind(ParseResult parse, RunStages stages) => new()
    {
        Stages = stages & RunStages.AfterLoad,
        Collect = Collect.Bind(parse),
        Analyze = Analyze.Bind(parse),
        Simulate = Simulate.Bind(parse),
        Report = Report.Bind(parse),
    };
}
