namespace LoadLab.Aws.Collector;

/// <summary>Knobs of <see cref="MetricsCollector"/>, with documented defaults.</summary>
public sealed record CollectorOptions
{
    /// <summary>Pulled before the run's start (default 2 min), so the first step has its preceding datapoints.</summary>
    public TimeSpan MarginBefore { get; init; } = TimeSpan.FromMinutes(2);
    /// <summary>Pulled after the run's end (default 3 min): CloudWatch publishes the last minute late.</summary>
    public TimeSpan MarginAfter { get; init; } = TimeSpan.FromMinutes(3);
    /// <summary>
    /// Period for every query, seconds (a flag). Null = automatic: 60 s (SageMaker's standard resolution), and 10 s
    /// for the high-resolution ConcurrentRequestsPerModel when the window is within CloudWatch's 3-hour retention of
    /// high-resolution data. Must be 1, 5, 10, 30 or a multiple of 60.
    /// </summary>
    public int? PeriodS { get; init; }
    /// <summary>Percentile statistics queried one per request, so an unsupported one costs only itself.</summary>
    public IReadOnlyList<string> Percentiles { get; init; } = ["p50", "p90", "p99"];

    public CollectorOptions Validate()
    {
        if (PeriodS is { } p && !(p is 1 or 5 or 10 or 30 || (p > 0 && p % 60 == 0)))
            throw new ArgumentException($"the period must be 1, 5, 10, 30 or a multiple of 60 seconds (got {p})");
        if (MarginBefore < TimeSpan.Zero || MarginAfter < TimeSpan.Zero) throw new ArgumentException("margins must not be negative");
        if (Percentiles.Any(s => !System.Text.RegularExpressions.Regex.IsMatch(s, @"^p\d{1,2}(\.\d+)?$")))
            throw new ArgumentException("percentiles look like p50, p90, p99.9");
        return this;
    }
}
