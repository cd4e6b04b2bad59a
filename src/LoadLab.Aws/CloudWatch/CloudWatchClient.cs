using LoadLab.Aws.Config;
using LoadLab.Aws.Http;
using LoadLab.Aws.Protocols;
using LoadLab.Core.AwsApi;

namespace LoadLab.Aws.CloudWatch;

/// <summary>
/// CloudWatch over the JSON 1.0 protocol: X-Amz-Target GraniteServiceVersion20100801.&lt;Op&gt; and
/// x-amzn-query-mode: true (so errors carry the classic query error codes in x-amzn-query-error).
/// moto 5.2.1 parses this protocol (its CloudWatch responses are model-driven for query, JSON and CBOR).
/// </summary>
public sealed class CloudWatchClient(AwsHttpInvoker invoker, Uri endpoint) : ICloudWatchClient
{
    public static readonly AwsService Service = AwsService.CloudWatch;

    public static readonly JsonRpcProtocol Protocol = new("GraniteServiceVersion20100801", "1.0")
    {
        ExtraHeaders = [new("x-amzn-query-mode", "true")],
    };

    private readonly JsonRpcClient _rpc = new(invoker, endpoint, Protocol);

    public Task<GetMetricDataResponse> GetMetricDataAsync(GetMetricDataRequest request, CancellationToken cancellationToken = default) =>
        _rpc.InvokeAsync<GetMetricDataRequest, GetMetricDataResponse>("GetMetricData", request, cancellationToken);

    public async Task<GetMetricDataResponse> GetAllMetricDataAsync(GetMetricDataRequest request, CancellationToken cancellationToken = default)
    {
        var pages = new List<GetMetricDataResponse>();
        string? token = null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        do
        {
            var page = await GetMetricDataAsync(request with { NextToken = token }, cancellationToken).ConfigureAwait(false);
            pages.Add(page);
            token = page.NextToken;
            // A service that repeats a token would loop forever; stop instead.
            if (token is not null && !seen.Add(token)) break;
        } while (!string.IsNullOrEmpty(token));
        return MetricDataPages.Merge(pages);
    }

    public Task PutMetricDataAsync(PutMetricDataRequest request, CancellationToken cancellationToken = default) =>
        _rpc.InvokeAsync<PutMetricDataRequest, EmptyResponse>("PutMetricData", request, cancellationToken);

    public Task PutMetricAlarmAsync(PutMetricAlarmRequest request, CancellationToken cancellationToken = default) =>
        _rpc.InvokeAsync<PutMetricAlarmRequest, EmptyResponse>("PutMetricAlarm", request, cancellationToken);

    public Task<DescribeAlarmsResponse> DescribeAlarmsAsync(DescribeAlarmsRequest request, CancellationToken cancellationToken = default) =>
        _rpc.InvokeAsync<DescribeAlarmsRequest, DescribeAlarmsResponse>("DescribeAlarms", request, cancellationToken);

    public Task DeleteAlarmsAsync(DeleteAlarmsRequest request, CancellationToken cancellationToken = default) =>
        _rpc.InvokeAsync<DeleteAlarmsRequest, EmptyResponse>("DeleteAlarms", request, cancellationToken);
}
