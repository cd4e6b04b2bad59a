using LoadLab.Core.AwsApi;

namespace LoadLab.Aws.CloudWatch;

/// <summary>One AWS/SageMaker metric of one variant as Sum per 60 s (Invocations, InvocationsPerInstance): the per-minute
/// series the backtest replays and the autoscaler compares with its target.</summary>
public static class VariantMetricSums
{
    public static async Task<IReadOnlyList<(DateTimeOffset TimeUtc, double Value)>> SumPerMinuteAsync(this ICloudWatchClient client,
        string metricName, string endpoint, string variant, DateTimeOffset startUtc, DateTimeOffset endUtc, CancellationToken cancellationToken = default)
    {
        var response = await client.GetAllMetricDataAsync(new GetMetricDataRequest
        {
            StartTime = startUtc,
            EndTime = endUtc,
            ScanBy = ScanBy.TimestampAscending,
            MetricDataQueries =
            [
                new MetricDataQuery
                {
                    Id = "sum",
                    MetricStat = new MetricStat
                    {
                        Metric = new Metric { Namespace = "AWS/SageMaker", MetricName = metricName, Dimensions = ScalingConstants.VariantDimensions(endpoint, variant) },
                        Period = 60,
                        Stat = "Sum",
                    },
                },
            ],
        }, cancellationToken).ConfigureAwait(false);
        var result = response.MetricDataResults.FirstOrDefault(r => r.Id == "sum");
        if (result is null) return [];
        return result.Timestamps.Zip(result.Values, (t, v) => (t, v)).OrderBy(p => p.t).ToList();
    }
}
