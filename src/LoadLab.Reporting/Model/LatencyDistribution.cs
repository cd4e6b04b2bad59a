namespace LoadLab.Reporting.Model;

/// <summary>The whole run's latency distribution, merged from every interval of <c>latency.hlog</c>.</summary>
public sealed record LatencyDistribution
{
    /// <summary>Successful requests in the untagged intervals.</summary>
    public required long TotalCount { get; init; }
    /// <summary>Failed requests (the "errors" tagged intervals); their latency is not in the spectrum.</summary>
    public long ErrorCount { get; init; }
    /// <summary>Service time (actual send to response) of the same requests, when the log has "service" intervals.</summary>
    public IReadOnlyList<PercentilePoint>? ServiceSpectrum { get; init; }
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
