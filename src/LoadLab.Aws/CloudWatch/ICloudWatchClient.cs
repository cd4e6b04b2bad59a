using LoadLab.Core.AwsApi;

namespace LoadLab.Aws.CloudWatch;

/// <summary>The CloudWatch operations LoadLab uses (JSON 1.0 protocol, query-compatible).</summary>
public interface ICloudWatchClient
{
    /// <summary>One page of GetMetricData (pass NextToken to continue).</summary>
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
