namespace LoadLab.Reporting.Model;

/// <summary>The whole run's latency distribution, merged from every interval of <c>latency.hlog</c>.</summary>
public sealed record LatencyDistribution
{
    public required long TotalCount { get; init; }
    public required int Intervals { get; init; }
    public required double MeanMs { get; init; }
    public required double MaxMs { get; init; }
    /// <summary>The percentile spectrum (HdrHistogram's percentile iteration), percentile in 0..100.</summary>
    public required IReadOnlyList<PercentilePoint> Spectrum { get; init; }
    /// <summary>Fixed rows for the table: p50, p90, p99, p99.9, p99.99, max.</summary>
    public required IReadOnlyList<PercentilePoint> Table { get; init; }
    /// <summary>How values were scaled to ms, e.g. "values in µs (matched run.json totals)".</summary>
    public required string UnitNote { get; init; }
}

public sealed record PercentilePoint(double Percentile, double ValueMs);
