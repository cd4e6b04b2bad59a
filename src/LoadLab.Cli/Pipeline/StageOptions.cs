using LoadLab.Analysis;
using LoadLab.Analysis.Recommend;
using LoadLab.Aws.Collector;
using LoadLab.Reporting;
using LoadLab.Simulation;

namespace LoadLab.Cli.Pipeline;

/// <summary>collect: the collector's knobs (default: 60 s periods, 10 s for ConcurrentRequestsPerModel; see <see cref="CollectorOptions"/>).</summary>
public sealed record CollectStageOptions
{
    public CollectorOptions Collector { get; init; } = new();

    /// <exception cref="ArgumentException">a knob is out of range (the message says which and why).</exception>
    public CollectStageOptions Validate()
    {
        Collector.Validate();
        return this;
    }
}

/// <summary>
/// analyze: the fit's and the recommender's knobs. Defaults: 1000 bootstrap resamples seeded with the run's seed,
/// step scaling when the traffic grows faster than target tracking reacts (see <see cref="AnalyzerOptions"/>,
/// <see cref="RecommenderOptions"/>).
/// </summary>
public sealed record AnalyzeStageOptions
{
    public AnalyzerOptions Analyzer { get; init; } = new();
    public RecommenderOptions Recommender { get; init; } = new();

    /// <exception cref="ArgumentException">a knob is out of range.</exception>
    public AnalyzeStageOptions Validate()
    {
        Analyzer.Validate();
        Recommender.Validate();
        return this;
    }
}

/// <summary>
/// simulate: what traffic to replay through which policy, as the simulation service's own request (its run
/// directory, CloudWatch history and clock are filled in by the stage). Defaults: the run's own timeline.csv through
/// the run's recommendation.json, seed 42, with the targets × cooldowns sweep. The simulation service checks the
/// combinations (a trace and CloudWatch at once, a look-back over 14 days ...) against the files it reads.
/// </summary>
public sealed record SimulateStageOptions
{
    public SimulateRequest Request { get; init; } = new() { RunDirectory = "" };

    /// <exception cref="ArgumentException">a factor is not a positive number.</exception>
    public SimulateStageOptions Validate()
    {
        if (Request.Scale is { } s && !(s > 0 && double.IsFinite(s))) throw new ArgumentException($"the scale must be a positive number (got {s})");
        if (Request.ScaleToPeakRps is { } p && !(p > 0 && double.IsFinite(p))) throw new ArgumentException($"the peak must be a positive number of requests/s (got {p})");
        return this;
    }
}

/// <summary>
/// report: which files to write (default: report.html, summary.md, verdict.json; report.junit.xml on request) and
/// where the end-of-test summary goes (--summary-export; default: none). The path is checked by the command
/// (<see cref="Infrastructure.SummaryExportTarget"/>) before anything runs.
/// </summary>
public sealed record ReportStageOptions
{
    public ReportFormats Formats { get; init; } = ReportFormats.All;
    public string? SummaryExportPath { get; init; }

    /// <exception cref="ArgumentException">no format chosen.</exception>
    public ReportStageOptions Validate()
    {
        if (Formats == ReportFormats.None) throw new ArgumentException("at least one format is needed (html, md, json)");
        return this;
    }
}

/// <summary>The stages after the load and their options, as `run`, `merge --pipeline` and `demo` pass them on.</summary>
public sealed record PostRunOptions
{
    public RunStages Stages { get; init; } = RunStages.AfterLoad;
    public CollectStageOptions Collect { get; init; } = new();
    public AnalyzeStageOptions Analyze { get; init; } = new();
    public SimulateStageOptions Simulate { get; init; } = new();
    public ReportStageOptions Report { get; init; } = new();
    /// <summary>Compare with a baseline before the report, so the report shows it (run --baseline); null = no baseline.</summary>
    public BaselineStage? Baseline { get; init; }
    /// <summary>--verbose: each stage's options and how long it took.</summary>
    public bool Verbose { get; init; }
}
