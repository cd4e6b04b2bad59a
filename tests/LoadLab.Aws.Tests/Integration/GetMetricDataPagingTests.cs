using System.Text;
using LoadLab.Aws.CloudWatch;
using LoadLab.Aws.Signing;
using LoadLab.TestSupport;

namespace LoadLab.Aws.Tests.Integration;

/// <summary>
/// GetMetricData paging over the wire. moto 5.2.1 ignores MaxDatapoints and never returns a NextToken, so the pages
/// are AWS-shaped answers served on loopback: the client follows NextToken and merges the pages per query id.
/// </summary>
public sealed class GetMetricDataPagingTests
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.FromUnixTimeSeconds(1_767_261_600);

    private static GetMetricDataRequest Request() => new()
    {
        StartTime = T0, EndTime = T0.AddMinutes(10),
        MetricDataQueries =
        [
            new() { Id = "inv", MetricStat = new() { Metric = new() { Namespace = "AWS/SageMaker", MetricName = "Invocations" }, Period = 60, Stat = "Sum" } },
            new() { Id = "lat", MetricStat = new() { Metric = new() { Namespace = "AWS/SageMaker", MetricName = "ModelLatency" }, Period = 60, Stat = "p99" } },
        ],
    };

    private static string Page(string? token, string status, params (string Id, long[] Ts, double[] Vs)[] results)
    {
        var r = string.Join(",", results.Select(x =>
            $"{{\"Id\":\"{x.Id}\",\"Label\":\"{x.Id}\",\"Timestamps\":[{string.Join(",", x.Ts)}],\"Values\":[{string.Join(",", x.Vs)}],\"StatusCode\":\"{status}\"}}"));
        return $"{{\"MetricDataResults\":[{r}]{(token is null ? "" : $",\"NextToken\":\"{token}\"")}}}";
    }

    private static ICloudWatchClient Client(LoopbackAwsServer server, out AwsContext aws)
    {
        aws = AwsContext.ForLocal(server.Url, new SigningCredentials("AKIDLOOPBACK", "loopback-secret"));
        return aws.CloudWatch();
    }

    [Fact]
    public async Task Every_page_is_fetched_with_the_previous_token_and_merged_per_query()
    {
        using var server = new LoopbackAwsServer();
        long s0 = T0.ToUnixTimeSeconds();
        server.Answer(200, Page("page-2", "PartialData", ("inv", [s0, s0 + 60], [120, 130]), ("lat", [s0], [45_000])));
        server.Answer(200, Page(null, "Complete", ("inv", [s0 + 120], [140]), ("lat", [s0 + 60], [52_000])));
        var cw = Client(server, out var aws);
        using var _ = aws;

        var merged = await cw.GetAllMetricDataAsync(Request());

        Assert.Equal(2, server.Requests.Count);
        Assert.DoesNotContain("NextToken", Encoding.UTF8.GetString(server.Requests[0].Body));
        Assert.Contains("\"NextToken\":\"page-2\"", Encoding.UTF8.GetString(server.Requests[1].Body));
        var inv = merged.MetricDataResults.Single(r => r.Id == "inv");
        Assert.Equal([120, 130, 140], inv.Values);
        Assert.Equal([T0, T0.AddMinutes(1), T0.AddMinutes(2)], inv.Timestamps);
        Assert.Equal("Complete", inv.StatusCode);                 // the last page's status: the series is whole
        Assert.Equal([45_000, 52_000], merged.MetricDataResults.Single(r => r.Id == "lat").Values);
        Assert.Null(merged.NextToken);
    }

    [Fact]
    public async Task A_service_that_repeats_its_token_does_not_make_the_client_loop()
    {
        using var server = new LoopbackAwsServer();
        long s0 = T0.ToUnixTimeSeconds();
        server.Answer(200, Page("same", "PartialData", ("inv", [s0], [1])));
        server.Answer(200, Page("same", "PartialData", ("inv", [s0 + 60], [2])));
        server.Answer(200, Page("same", "PartialData", ("inv", [s0 + 120], [3])));
        var cw = Client(server, out var aws);
        using var _ = aws;

        var merged = await cw.GetAllMetricDataAsync(Request());

        Assert.Equal(2, server.Requests.Count);
        Assert.Equal([1, 2], merged.MetricDataResults.Single().Values);
    }
}
