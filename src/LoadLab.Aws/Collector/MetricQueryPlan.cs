using LoadLab.Aws.CloudWatch;
using LoadLab.Core.AwsApi;

namespace LoadLab.Aws.Collector;

/// <summary>One (metric, statistic) the collector asks for, with how its values are converted for metrics.json.</summary>
public sealed record PlannedQuery(string Id, string Namespace, string MetricName, string Stat, int PeriodS, string? Unit, double Scale)
{
    public bool IsPercentile => Stat.StartsWith('p');

    public MetricDataQuery ToQuery(IReadOnlyList<MetricDimension> dims) => new()
    {
        Id = Id,
        ReturnData = true,
        MetricStat = new MetricStat
        {
            Metric = new Metric { Namespace = Namespace, MetricName = MetricName, Dimensions = dims },
            Period = PeriodS,
            Stat = Stat,
        },
    };
}

/// <summary>
/// Which SageMaker endpoint metrics the collector pulls, at which periods, and how units are converted. Pure.
/// Latencies arrive in microseconds and are stored in milliseconds (the series' Unit says so).
/// </summary>
public static class MetricQueryPlan
{
    public const string InvocationNamespace = "AWS/SageMaker", InstanceNamespace = "/aws/sagemaker/Endpoints";
    public const string ConvertedLatencyUnit = "Milliseconds (converted from Microseconds)";
    private static readonly TimeSpan HighResolutionRetention = TimeSpan.FromHours(3);

    public static (IReadOnlyList<PlannedQuery> Batch, IReadOnlyList<PlannedQuery> Percentiles) Build(TimeSpan window, CollectorOptions o)
    {
        int standard = o.PeriodS ?? 60;
        int highRes = o.PeriodS ?? (window <= HighResolutionRetention ? 10 : 60);
        var batch = new List<PlannedQuery>();
        var pct = new List<PlannedQuery>();
        void Add(string ns, string name, string stat, int period, string unit, double scale = 1) =>
            batch.Add(new PlannedQuery($"q{batch.Count}", ns, name, stat, period, unit, scale));

        Add(InvocationNamespace, "Invocations", "Sum", standard, "Count");
        Add(InvocationNamespace, "InvocationsPerInstance", "Sum", standard, "Count");
        foreach (var latency in new[] { "ModelLatency", "OverheadLatency" })
        {
            Add(InvocationNamespace, latency, "Average", standard, ConvertedLatencyUnit, 0.001);
            Add(InvocationNamespace, latency, "Maximum", standard, ConvertedLatencyUnit, 0.001);
            Add(InvocationNamespace, latency, "SampleCount", standard, "Count");
            foreach (var p in o.Percentiles)
                pct.Add(new PlannedQuery($"p{pct.Count}", InvocationNamespace, latency, p, standard, ConvertedLatencyUnit, 0.001));
        }
        Add(InvocationNamespace, "Invocation4XXErrors", "Sum", standard, "Count");
        Add(InvocationNamespace, "Invocation5XXErrors", "Sum", standard, "Count");
        Add(InvocationNamespace, "ConcurrentRequestsPerModel", "Average", highRes, "Count");
        Add(InvocationNamespace, "ConcurrentRequestsPerModel", "Maximum", highRes, "Count");
        foreach (var u in new[] { "CPUUtilization", "MemoryUtilization", "GPUUtilization", "GPUMemoryUtilization" })
        {
            Add(InstanceNamespace, u, "Average", standard, "Percent");
            Add(InstanceNamespace, u, "Maximum", standard, "Percent");
        }
        return (batch, pct);
    }

    /// <summary>The window widened by the margins and aligned to whole periods (CloudWatch answers aligned windows exactly).</summary>
    public static (DateTimeOffset Start, DateTimeOffset End) Window(DateTimeOffset runStart, DateTimeOffset runEnd, DateTimeOffset now, CollectorOptions o)
    {
        var start = runStart - o.MarginBefore;
        var end = runEnd + o.MarginAfter;
        if (end > now) end = now;
        long align = 60;
        start = DateTimeOffset.FromUnixTimeSeconds(start.ToUnixTimeSeconds() / align * align);
        end = DateTimeOffset.FromUnixTimeSeconds((end.ToUnixTimeSeconds() + align - 1) / align * align);
        if (end <= start) end = start.AddSeconds(align);
        return (start, end);
    }
}
