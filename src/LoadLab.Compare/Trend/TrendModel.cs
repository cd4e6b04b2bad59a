namespace LoadLab.Compare.Trend;

/// <summary>
/// <c>loadlab trend</c>'s result: per scenario, its runs in start order with the sustainable load, the SLO
/// percentile's latency at the recommended target and the cost, from each run's analysis.json and recommendation.json.
/// Serialised as trend.json (snake_case, units in the names).
/// </summary>
public sealed record TrendResult
{
    public int FormatVersion { get; init; } = 1;
    public required string ToolVersion { get; init; }
    public required string ReportsDirectory { get; init; }
    public required IReadOnlyList<ScenarioTrend> Scenarios { get; init; }
    /// <summary>Directories left out, with the reason (no run.json, unreadable files).</summary>
    public IReadOnlyList<string> Skipped { get; init; } = [];
}

public sealed record ScenarioTrend(string Scenario, IReadOnlyList<TrendPoint> Runs);

/// <summary>
/// One run. <see cref="LatencyAtTargetMs"/> is the fitted curve of analysis.json evaluated at the recommended
/// target (the SLO's percentile, <see cref="LatencyPercentile"/>: p90 for a p90 SLO); null figures mean the run has
/// no analysis, no recommendation or no price.
/// </summary>
public sealed record TrendPoint(
    string Directory, DateTimeOffset StartUtc, long Seed, bool Interrupted,
    double? SustainablePerInstancePerMin, double? SustainableCiLowPerInstancePerMin, double? SustainableCiHighPerInstancePerMin,
    double? TargetValuePerInstancePerMin, double? LatencyPercentile, double? LatencyAtTargetMs,
    double? CostPerHourAtPeakUsd, double? CostPerDayUsd);
