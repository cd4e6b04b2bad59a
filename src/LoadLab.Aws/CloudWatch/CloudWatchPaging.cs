namespace LoadLab.Aws.CloudWatch;

/// <summary>Follows NextToken through every page of DescribeAlarms.</summary>
public static class CloudWatchPaging
{
    public static async Task<DescribeAlarmsResponse> DescribeAllAlarmsAsync(this ICloudWatchClient client, DescribeAlarmsRequest request, CancellationToken cancellationToken = default)
    {
        var metric = new List<MetricAlarm>();
        var composite = new List<CompositeAlarm>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        string? token = null;
        do
        {
            var page = await client.DescribeAlarmsAsync(request with { NextToken = token }, cancellationToken).ConfigureAwait(false);
            metric.AddRange(page.MetricAlarms);
            composite.AddRange(page.CompositeAlarms);
            token = page.NextToken;
        } while (!string.IsNullOrEmpty(token) && seen.Add(token));
        return new DescribeAlarmsResponse { MetricAlarms = metric, CompositeAlarms = composite };
    }
}
