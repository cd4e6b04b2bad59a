using LoadLab.Core.AwsApi;

namespace LoadLab.Aws.CloudWatch;

/// <summary>The CloudWatch operations LoadLab uses (JSON 1.0 protocol, query-compatible).</summary>
public interface ICloudWatchClient
{
    /// <summary>
    /// One page of GetMetricData (pass NextToken to continue). moto 5.2.1 answers HTTP 500 to percentile statistics
    /// (p90, p99, ...) while AWS supports them, and a failing query fails the whole call: ask for percentiles in
    /// their own call so the other statistics survive (the collector does this).
    /// </summary>
    Task<GetMetricDataResponse> GetMetricDataAsync(GetMetricDataRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Every page of GetMetricData, merged per query id (timestamps and values concatenated in page order,
    /// last StatusCode wins, messages accumulated).
    /// </summary>
    Task<GetMetricDataResponse> GetAllMetricDataAsync(GetMetricDataRequest request, CancellationToken cancellationToken = default);

    Task PutMetricDataAsync(PutMetricDataRequest request, CancellationToken cancellationToken = default);
    Task PutMetricAlarmAsync(PutMetricAlarmRequest request, CancellationToken cancellationToken = default);
    Task<DescribeAlarmsResponse> DescribeAlarmsAsync(DescribeAlarmsRequest request, CancellationToken cancellationToken = default);
    Task DeleteAlarmsAsync(DeleteAlarmsRequest request, CancellationToken cancellationToken = default);
}
