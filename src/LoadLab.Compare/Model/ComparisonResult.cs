namespace LoadLab.Compare.Model;

/// <summary>
/// The comparison of a run with its baseline: built once by <see cref="Comparer"/>, written by exporters that only
/// write. Serialised as compare.json (snake_case, units in the names).
/// </summary>
public sealed record ComparisonResult
{
    public int FormatVersion { get; init; } = 1;
    public required string ToolVersion { get; init; }
    public required string Scenario { get; init; }
    public required RunIdentity Baseline { get; init; }
    public required RunIdentity Run { get; init; }
    /// <summary>A difference counts only when its one-sided p-value is below this (default 0.01).</summary>
    public required double SignificanceLevelFraction { get; init; }
    public required IReadOnlyList<StepComparison> Steps { get; init; }
    public required ScopeComparison Overall { get; init; }
    public required AnalysisComparison Analysis { get; init; }
    public required IReadOnlyList<ThresholdOutcome> Thresholds { get; init; }
    /// <summary>True when at least one threshold was broken by a significant difference.</summary>
    public required bool Regression { get; init; }
    /// <summary>The expressions of the thresholds that regressed, in the order given.</summary>
    public required IReadOnlyList<string> Regressions { get; init; }
    public IReadOnlyList<string> Notes { get; init; } = [];
    /// <summary>Either run was interrupted: what it measured is compared, and the command exits 4.</summary>
    public bool Interrupted { get; init; }
}

public sealed record RunIdentity(string Directory, long Seed, DateTimeOffset StartUtc, string ToolVersion, bool Interrupted);

/// <summary>One matched step: same index and offered rate in both runs.</summary>
public sealed record StepComparison(int Step, double OfferedPerS, ScopeComparison Latency);

/// <summary>The baseline's and the run's figures in one scope (a step or the whole run) and the U test between their histograms.</summary>
public sealed record ScopeComparison(SideFigures Baseline, SideFigures Run, LatencyTest LatencyTest);

/// <summary>Figures of one side, from its latency histogram (successful requests) and its request counts.</summary>
public sealed record SideFigures(long Requests, long Errors, double ErrorRateFraction,
    double? P50Ms, double? P90Ms, double? P99Ms, double? AvgMs, double? MaxMs);

/// <summary>The Mann–Whitney U test "run slower than baseline" on the two histograms' counts.</summary>
public sealed record LatencyTest(double URun, double ProbRunSlowerFraction, double Z, double PValue);

/// <summary>analysis.json and recommendation.json of both sides (null figures when a side has none).</summary>
public sealed record AnalysisComparison(AnalysisFigures Baseline, AnalysisFigures Run);

public sealed record AnalysisFigures(
    double? SustainablePerInstancePerMin, double? SustainableCiLowPerInstancePerMin, double? SustainableCiHighPerInstancePerMin,
    bool Saturated, double? TargetValuePerInstancePerMin, int? MinCapacity, int? MaxCapacity,
    double? CostPerHourAtPeakUsd, double? CostPerDayUsd);
