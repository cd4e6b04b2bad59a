using LoadLab.Core.Findings;

namespace LoadLab.Core.RunFiles;

/// <summary><c>metrics.json</c>: every CloudWatch series pulled for the run, and instance counts over time.</summary>
public sealed record MetricsFile
{
    public required string Endpoint { get; init; }
    public required string Variant { get; init; }
    public string? Region { get; init; }
    public required DateTimeOffset WindowStartUtc { get; init; }
    public required DateTimeOffset WindowEndUtc { get; init; }
    public IReadOnlyList<MetricSeries> Series { get; init; } = [];
    public IReadOnlyList<InstanceCountSample> InstanceCounts { get; init; } = [];
    /// <summary>Missing metrics, unsupported statistics, gaps: said here with a severity and a code, never a crash.</summary>
    public IReadOnlyList<Finding> Warnings { get; init; } = [];
}

/// <summary>
/// One series. <see cref="Unit"/> is the unit of <see cref="Points"/> values as stored here
/// (latencies are converted from CloudWatch's microseconds to milliseconds and say so).
/// </summary>
public sealed record MetricSeries
{
    public required string Namespace { get; init; }
    public required string MetricName { get; init; }
    public IReadOnlyDictionary<string, string> Dimensions { get; init; } = new Dictionary<string, string>();
    /// <summary>Average, Sum, Maximum, SampleCount, p50, p90, p99 ...</summary>
    public required string Stat { get; init; }
    public required int PeriodS { get; init; }
    public string? Unit { get; init; }
    public IReadOnlyList<MetricPoint> Points { get; init; } = [];
}

public sealed record MetricPoint(DateTimeOffset TimeUtc, double Value);

public sealed record InstanceCountSample(DateTimeOffset TimeUtc, int Desired, int Current, string? Status = null);
