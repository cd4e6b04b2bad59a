using LoadLab.Aws.CloudWatch;
using LoadLab.Core.AwsApi;
using LoadLab.SimEndpoint.Metrics;
using CwStatisticSet = LoadLab.Aws.CloudWatch.StatisticSet;

namespace LoadLab.SimEndpoint.Aws;

/// <summary>Publishes metric batches with CloudWatch PutMetricData through LoadLab.Aws's client.</summary>
public sealed class CloudWatchMetricSink(ICloudWatchClient cloudWatch) : IMetricSink
{
    public Task PutMetricDataAsync(string @namespace, IReadOnlyList<SimMetricDatum> data, CancellationToken ct) =>
        cloudWatch.PutMetricDataAsync(new PutMetricDataRequest { Namespace = @namespace, MetricData = data.Select(ToWire).ToArray() }, ct);

    public static MetricDatum ToWire(SimMetricDatum d) => new()
    {
        MetricName = d.MetricName,
        Dimensions = d.Dimensions.Select(x => new MetricDimension { Name = x.Key, Value = x.Value }).ToArray(),
        Timestamp = d.TimestampUtc,
        Value = d.Value,
        StatisticValues = d.StatisticValues is { } s
            ? new CwStatisticSet { SampleCount = s.SampleCount, Sum = s.Sum, Minimum = s.Minimum, Maximum = s.Maximum }
            : null,
        Values = d.Values,
        Counts = d.Counts,
        Unit = d.Unit,
        StorageResolution = d.StorageResolution,
    };
}
