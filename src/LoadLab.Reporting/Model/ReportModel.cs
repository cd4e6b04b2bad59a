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
    public required FileSection<RunInfo> Run { get; init; }
    public required FileSection<IReadOnlyList<TimelineRow>> Timeline { get; init; }
    public required FileSection<IReadOnlyList<StepRow>> Steps { get; init; }
    public required FileSection<LatencyDistribution> Latency { get; init; }
    public required FileSection<MetricsFile> Metrics { get; init; }
    public required FileSection<AnalysisFile> Analysis { get; init; }
    public required FileSection<RecommendationFile> Recommendation { get; init; }
    public required FileSection<SimulationFile> Simulation { get; init; }
    public required Verdict Verdict { get; init; }

    /// <summary>The scenario name as the user wrote it (unescaped: exporters escape).</summary>
    public string ScenarioName => Run.Value?.ScenarioName ?? Path.GetFileName(Path.TrimEndingDirectorySeparator(RunDirectory));

    /// <summary>The SLO: from analysis.json, else run.json.</summary>
    public SloInfo? Slo => Analysis.Value?.Slo ?? Run.Value?.Slo;

    /// <summary>Time zero of the "run over time" axis.</summary>
    public DateTimeOffset? RunStart => Run.Value?.StartUtc ?? Timeline.Value?.FirstOrDefault()?.TimeUtc;
}
