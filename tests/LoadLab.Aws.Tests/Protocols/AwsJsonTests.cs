using System.Text.Json;
using LoadLab.Aws.ApplicationAutoScaling;
using LoadLab.Aws.CloudWatch;
using LoadLab.Aws.Protocols;
using LoadLab.Core.AwsApi;

namespace LoadLab.Aws.Tests.Protocols;

public sealed class AwsJsonTests
{
    [Fact]
    public void Timestamps_go_on_the_wire_as_epoch_seconds_and_nulls_are_omitted()
    {
        var r = new GetMetricDataRequest
        {
            StartTime = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000),
            EndTime = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_060_500),
            MetricDataQueries = [new MetricDataQuery { Id = "m1", Expression = "SUM(METRICS())" }],
        };
        var json = JsonSerializer.Serialize(r, AwsJson.Options);
        Assert.Equal("""{"MetricDataQueries":[{"Id":"m1","Expression":"SUM(METRICS())"}],"StartTime":1700000000,"EndTime":1700000060.5}""", json);
    }

    [Fact]
    public void Core_request_shapes_keep_their_wire_names()
    {
        var json = JsonSerializer.Serialize(new PutScheduledActionRequest
        {
            Schedule = "cron(0 8 * * ? *)",
            ScheduledActionName = "morning",
            ResourceId = ScalingConstants.VariantResourceId("ep", "AllTraffic"),
            StartTime = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000),
            ScalableTargetAction = new ScalableTargetAction { MinCapacity = 2 },
        }, AwsJson.Options);
        Assert.Contains("\"ServiceNamespace\":\"sagemaker\"", json);
        Assert.Contains("\"ResourceId\":\"endpoint/ep/variant/AllTraffic\"", json);
        Assert.Contains("\"ScalableDimension\":\"sagemaker:variant:DesiredInstanceCount\"", json);
        Assert.Contains("\"StartTime\":1800000000", json);
        Assert.Contains("\"ScalableTargetAction\":{\"MinCapacity\":2}", json);
        Assert.DoesNotContain("EndTime", json);
    }

    [Fact]
    public void Answers_accept_epoch_numbers_and_iso_strings_and_ignore_unknown_members()
    {
        const string body = """
            {"ScalingActivities":[{"ActivityId":"a","ResourceId":"endpoint/ep/variant/v","StatusCode":"Successful",
              "StartTime":1.7000000005E9,"EndTime":"2023-11-14T22:13:20Z","Brand":"new member"}],"NextToken":null}
            """;
        var r = JsonSerializer.Deserialize<DescribeScalingActivitiesResponse>(body, AwsJson.Options)!;
        var a = Assert.Single(r.ScalingActivities);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_500), a.StartTime);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000), a.EndTime);
        Assert.Null(r.NextToken);
    }

    [Fact]
    public void Merging_GetMetricData_pages_concatenates_each_query()
    {
        var t0 = DateTimeOffset.FromUnixTimeSeconds(0);
        var merged = MetricDataPages.Merge(
        [
            new GetMetricDataResponse { MetricDataResults = [new MetricDataResult { Id = "a", Timestamps = [t0], Values = [1], StatusCode = "PartialData" }, new MetricDataResult { Id = "b", Values = [] , StatusCode = "PartialData"}] },
            new GetMetricDataResponse { MetricDataResults = [new MetricDataResult { Id = "a", Timestamps = [t0.AddMinutes(1)], Values = [2], StatusCode = "Complete" }] },
        ]);
        Assert.Equal(2, merged.MetricDataResults.Count);
        var a = merged.MetricDataResults[0];
        Assert.Equal([1.0, 2.0], a.Values);
        Assert.Equal("Complete", a.StatusCode);
        Assert.Equal("PartialData", merged.MetricDataResults[1].StatusCode);
    }
}
