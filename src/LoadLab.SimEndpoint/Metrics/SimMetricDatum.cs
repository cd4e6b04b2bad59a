namespace LoadLab.SimEndpoint.Metrics;

/// <summary>CloudWatch's StatisticSet.</summary>
public sealed record StatisticSet(double SampleCount, double Sum, double Minimum, double Maximum);

/// <summary>
/// One CloudWatch MetricDatum as the sim publishes it (field for field PutMetricData's MetricDatum): exactly one of
/// Value, StatisticValues or Values/Counts is set. StorageResolution 1 for high-resolution periods, else 60.
/// </summary>
public sealed record SimMetricDatum(
    string Namespace,
    string MetricName,
    IReadOnlyList<KeyValuePair<string, string>> Dimensions,
    DateTimeOffset TimestampUtc,
    string Unit,
    int StorageResolution,
    double? Value = null,
    StatisticSet? StatisticValues = null,
    IReadOnlyList<double>? Values = null,
    IReadOnlyList<double>? Counts = null);

/// <summary>Where metric batches go (CloudWatch PutMetricData through LoadLab.Aws, or a test's list).</summary>
public interface IMetricSink
{
    /// <summary>Sends one PutMetricData call: one namespace, at most 1000 datums.</summary>
    Task PutMetricDataAsync(string @namespace, IReadOnlyList<SimMetricDatum> data, CancellationToken ct);
}
