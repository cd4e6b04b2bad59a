using LoadLab.SimEndpoint.Options;

namespace LoadLab.SimEndpoint.Metrics;

/// <summary>What one variant did in one period, read from its swapped-out window (plain numbers: pure input).</summary>
public sealed record PeriodSummary(
    string Variant,
    DateTimeOffset PeriodStartUtc,
    double PeriodSeconds,
    long Invocations,
    long Invocation4XX,
    long Invocation5XX,
    long ModelErrors,
    long Throttled,
    long Rejected503,
    double MeanInService,
    double CpuUtilizationPercent,
    double MemoryUtilizationPercent,
    StatisticSet? ModelLatencyUs,
    StatisticSet? OverheadLatencyUs,
    double ModelLatencyP50Us,
    double ModelLatencyP90Us,
    double ModelLatencyP99Us,
    StatisticSet? ConcurrentRequests)
{
    public double InvocationsPerInstance => MeanInService > 0 ? Invocations / MeanInService : Invocations;
}

/// <summary>
/// Turns a variant's period into the metrics SageMaker publishes, with SageMaker's names, namespaces, dimensions
/// and units. Pure: the same summary gives the same datums.
/// </summary>
public static class SageMakerMetrics
{
    public const string InvocationNamespace = "AWS/SageMaker";
    public const string InstanceNamespace = "/aws/sagemaker/Endpoints";
    public const int MaxValuesPerDatum = 150; // CloudWatch's limit on Values per MetricDatum

    public static PeriodSummary Summarise(
        string variant, MetricWindow w, DateTimeOffset periodStart, TimeSpan period, double realPeriodSeconds,
        double meanInService, double memoryPercent, double stopwatchFrequency)
    {
        static StatisticSet? Stats(LatencyAccumulator a) => a.Count == 0 ? null : new StatisticSet(a.Count, a.Sum, a.Min, a.Max);
        var busySeconds = w.BusyTicks / stopwatchFrequency;
        // Modelled CPU: worker-busy time per instance; one busy worker is one core at 100 %, as SageMaker counts cores.
        var cpu = meanInService > 0 && realPeriodSeconds > 0 ? 100.0 * busySeconds / (meanInService * realPeriodSeconds) : 0;
        StatisticSet? concurrency = w.ConcurrencySamples == 0 ? null
            : new StatisticSet(w.ConcurrencySamples, w.ConcurrencySum, MinConcurrency(w), w.ConcurrencyMax);
        return new PeriodSummary(variant, periodStart, period.TotalSeconds, w.Invocations, w.Invocation4XX, w.Invocation5XX,
            w.ModelErrors, w.Throttled, w.Rejected503, meanInService, cpu, memoryPercent,
            Stats(w.ModelLatencyUs), Stats(w.OverheadLatencyUs),
            w.ModelLatencyUs.Percentile(50), w.ModelLatencyUs.Percentile(90), w.ModelLatencyUs.Percentile(99), concurrency);
    }

    private static double MinConcurrency(MetricWindow w) => w.ConcurrencyMin == long.MaxValue ? 0 : w.ConcurrencyMin;

    /// <summary>
    /// The datums of one variant's period. Invocation metrics exist only for periods with traffic (SageMaker emits
    /// nothing without invocations, which is why target tracking does not scale in an idle endpoint); instance
    /// metrics are emitted every period.
    /// </summary>
    public static IReadOnlyList<SimMetricDatum> ToDatums(string endpoint, PeriodSummary s, MetricWindow w, LatencyShape shape)
    {
        var dims = new[] { KeyValuePair.Create("EndpointName", endpoint), KeyValuePair.Create("VariantName", s.Variant) };
        var resolution = s.PeriodSeconds < 60 ? 1 : 60;
        var t = s.PeriodStartUtc;
        var list = new List<SimMetricDatum>();
        SimMetricDatum Count(string name, double value) => new(InvocationNamespace, name, dims, t, "None", resolution, Value: value);
        if (s.Invocations > 0)
        {
            list.Add(Count("Invocations", s.Invocations));
            list.Add(Count("InvocationsPerInstance", s.InvocationsPerInstance));
            list.Add(Count("Invocation4XXErrors", s.Invocation4XX));
            list.Add(Count("Invocation5XXErrors", s.Invocation5XX));
            AddLatency(list, "ModelLatency", s.ModelLatencyUs, w.ModelLatencyUs, dims, t, resolution, shape);
            AddLatency(list, "OverheadLatency", s.OverheadLatencyUs, w.OverheadLatencyUs, dims, t, resolution, shape);
        }
        if (s.ConcurrentRequests is { } c)
            list.Add(new SimMetricDatum(InvocationNamespace, "ConcurrentRequestsPerModel", dims, t, "None", resolution, StatisticValues: c));
        list.Add(new SimMetricDatum(InstanceNamespace, "CPUUtilization", dims, t, "Percent", resolution, Value: Math.Round(s.CpuUtilizationPercent, 3)));
        list.Add(new SimMetricDatum(InstanceNamespace, "MemoryUtilization", dims, t, "Percent", resolution, Value: Math.Round(s.MemoryUtilizationPercent, 3)));
        return list;
    }

    private static void AddLatency(List<SimMetricDatum> list, string name, StatisticSet? stats, LatencyAccumulator acc,
        KeyValuePair<string, string>[] dims, DateTimeOffset t, int resolution, LatencyShape shape)
    {
        if (stats is null) return;
        if (shape == LatencyShape.Statistics)
        {
            list.Add(new SimMetricDatum(InvocationNamespace, name, dims, t, "Microseconds", resolution, StatisticValues: stats));
            return;
        }
        // Values/Counts: at most 150 distinct values per datum, so a wide distribution takes several datums.
        foreach (var chunk in acc.Buckets().Chunk(MaxValuesPerDatum))
            list.Add(new SimMetricDatum(InvocationNamespace, name, dims, t, "Microseconds", resolution,
                Values: chunk.Select(b => Math.Round(b.Value, 1)).ToArray(), Counts: chunk.Select(b => (double)b.Count).ToArray()));
    }
}
