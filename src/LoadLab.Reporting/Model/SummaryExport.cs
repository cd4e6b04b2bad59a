using LoadLab.Core.RunFiles;

namespace LoadLab.Reporting.Model;

/// <summary>
/// <c>--summary-export PATH</c>: the end-of-test summary in one small JSON file, in the spirit of k6's
/// <c>--summary-export</c> (totals, latency percentiles, throughput, thresholds) but in LoadLab's convention:
/// snake_case names with their unit (<c>p90_ms</c>, <c>throughput_per_s</c>, <c>error_rate_fraction</c>), plus the
/// verdict, the SLO per step and the sustainable load. Documented field by field in docs/ci.md.
/// </summary>
public sealed record SummaryExport
{
    public const int CurrentFormatVersion = 1;

    public int FormatVersion { get; init; } = CurrentFormatVersion;
    public required string ToolVersion { get; init; }
    public DateTimeOffset? GeneratedUtc { get; init; }
    public string? ScenarioName { get; init; }
    public required string RunDirectory { get; init; }
    public long? Seed { get; init; }
    public DateTimeOffset? StartedUtc { get; init; }
    public DateTimeOffset? EndedUtc { get; init; }
    public double? DurationS { get; init; }
    /// <summary>verdict.json's status: pass, fail, no_thresholds or unknown.</summary>
    public required string Status { get; init; }
    public required bool Passed { get; init; }
    public bool Interrupted { get; init; }
    /// <summary>Request counts of the whole run (run.json <c>totals</c>); null when run.json has none.</summary>
    public SummaryRequests? Requests { get; init; }
    /// <summary>Completed requests per second over the run's duration.</summary>
    public double? ThroughputPerS { get; init; }
    /// <summary>Errors over completed requests.</summary>
    public double? ErrorRateFraction { get; init; }
    /// <summary>Latency of the successful requests over the whole run (client side, from the HdrHistogram).</summary>
    public SummaryLatency? Latency { get; init; }
    public IReadOnlyList<ThresholdResult> Thresholds { get; init; } = [];
    public required SummarySlo Slo { get; init; }
    /// <summary>The sustainable load at the SLO (analysis.json), invocations per instance per minute; null without an analysis.</summary>
    public double? SustainablePerInstancePerMin { get; init; }
    public bool SustainableIsLowerBound { get; init; }
    /// <summary>The closed-loop check held (verify.json); null when there was none.</summary>
    public bool? ClosedLoopSloHeld { get; init; }
    /// <summary>The comparison with a baseline (compare.json) found a regression; null when the run was not compared.</summary>
    public bool? BaselineRegression { get; init; }

    public static SummaryExport From(ReportModel m)
    {
        var v = m.Verdict;
        var run = m.Run.Value;
        var t = run?.Totals;
        double? duration = run is { EndUtc: { } end } ? Math.Max(0, (end - run.StartUtc).TotalSeconds) : null;
        return new SummaryExport
        {
            ToolVersion = m.ReportVersion,
            GeneratedUtc = m.GeneratedUtc,
            ScenarioName = run?.ScenarioName,
            RunDirectory = v.RunDirectory ?? Path.GetFullPath(m.RunDirectory),
            Seed = run?.Seed,
            StartedUtc = run?.StartUtc,
            EndedUtc = run?.EndUtc,
            DurationS = duration,
            Status = v.Status,
            Passed = v.Passed,
            Interrupted = run?.Interrupted ?? false,
            Requests = t is null ? null : new SummaryRequests(t.Scheduled, t.Started, t.Completed, t.Ok, t.Errors, t.Dropped, t.Late),
            ThroughputPerS = t is not null && duration is > 0 ? t.Completed / duration.Value : null,
            ErrorRateFraction = t is { Completed: > 0 } ? (double)t.Errors / t.Completed : null,
            Latency = t is null ? null : new SummaryLatency(t.P50Ms, t.P90Ms, t.P99Ms, t.MaxMs),
            Thresholds = v.Thresholds,
            Slo = new SummarySlo
            {
                Status = v.SloCheck.Status,
                LatencyPercentile = v.Slo?.LatencyPercentile,
                LatencyMs = v.Slo?.LatencyMs,
                MaxErrorRateFraction = v.Slo?.MaxErrorRateFraction,
                StepsJudged = v.SloCheck.StepsJudged,
                BrokenSteps = v.SloCheck.BrokenSteps,
            },
            SustainablePerInstancePerMin = m.Analysis.Value?.SustainableIpm,
            SustainableIsLowerBound = m.Analysis.Value?.SustainableIsLowerBound ?? false,
            ClosedLoopSloHeld = v.ClosedLoop?.SloHeld,
            BaselineRegression = v.Baseline?.Regression,
        };
    }
}

/// <summary>Request counts: scheduled by the arrival schedule, started, completed (ok + errors), dropped by overload protection, late (started after their time).</summary>
public sealed record SummaryRequests(long Scheduled, long Started, long Completed, long Ok, long Errors, long Dropped, long Late);

public sealed record SummaryLatency(double P50Ms, double P90Ms, double P99Ms, double MaxMs);

/// <summary>The SLO and how it fared per steady step: "held", "broken" or "unknown".</summary>
public sealed record SummarySlo
{
    public required string Status { get; init; }
    public double? LatencyPercentile { get; init; }
    public double? LatencyMs { get; init; }
    public double? MaxErrorRateFraction { get; init; }
    public int StepsJudged { get; init; }
    public IReadOnlyList<int> BrokenSteps { get; init; } = [];
}
