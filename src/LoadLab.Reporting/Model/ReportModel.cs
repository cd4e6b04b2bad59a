using LoadLab.Core.RunFiles;

namespace LoadLab.Reporting.Model;

/// <summary>
/// Everything a report shows, read once from the run directory and never changed: the exporters only render it
/// (BenchmarkDotNet style: one summary, many exporters).
/// </summary>
public sealed record ReportModel
{
    public required string RunDirectory { get; init; }
    /// <summary>The version of LoadLab that wrote the report.</summary>
    public required string ReportVersion { get; init; }
    /// <summary>When the report was made (UTC, from the clock the report stage was given).</summary>
    public DateTimeOffset? GeneratedUtc { get; init; }
    public required FileSection<RunInfo> Run { get; init; }
    public required FileSection<IReadOnlyList<TimelineRow>> Timeline { get; init; }
    public required FileSection<IReadOnlyList<StepRow>> Steps { get; init; }
    public required FileSection<LatencyDistribution> Latency { get; init; }
    public required FileSection<MetricsFile> Metrics { get; init; }
    public required FileSection<AnalysisFile> Analysis { get; init; }
    public required FileSection<RecommendationFile> Recommendation { get; init; }
    public required FileSection<SimulationFile> Simulation { get; init; }
    /// <summary>
    /// The closed-loop check (<c>loadlab verify</c>): verify.json in the run directory, else in its verify/ folder
    /// (where <c>loadlab demo</c> puts it). Optional: when there is none, <see cref="FileSection{T}.Missing"/> is set and
    /// it is not a file problem; a corrupt one is.
    /// </summary>
    public FileSection<VerifyFile> Verify { get; init; } = FileSection<VerifyFile>.NotFound(VerifyFileName);
    /// <summary>
    /// The comparison with a baseline run (compare.json in the run directory, written by <c>loadlab compare</c>,
    /// <c>run --baseline</c> or <c>report --baseline</c>). Optional: none is not a file problem; a corrupt one is.
    /// </summary>
    public FileSection<Baselines.BaselineComparison> Baseline { get; init; } = FileSection<Baselines.BaselineComparison>.NotFound(CompareFileName);
    public required Verdict Verdict { get; init; }

    public const string VerifyFileName = "verify.json";
    public const string CompareFileName = "compare.json";

    /// <summary>The scenario name as the user wrote it (unescaped: exporters escape).</summary>
    public string ScenarioName => Run.Value?.ScenarioName ?? Path.GetFileName(Path.TrimEndingDirectorySeparator(RunDirectory));

    /// <summary>The SLO: from analysis.json, else run.json.</summary>
    public SloInfo? Slo => Analysis.Value?.Slo ?? Run.Value?.Slo;

    /// <summary>Time zero of the "run over time" axis.</summary>
    public DateTimeOffset? RunStart => Run.Value?.StartUtc ?? Timeline.Value?.FirstOrDefault()?.TimeUtc;
}
