using LoadLab.Aws.CloudWatch;
using LoadLab.Aws.Errors;
using LoadLab.Core.AwsApi;
using LoadLab.TestSupport;

namespace LoadLab.Aws.Tests.Integration;

[Collection(MotoCollection.Name)]
public sealed class CloudWatchMotoTests(MotoServer moto)
{
    private static readonly DateTimeOffset Minute0 = new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero).AddHours(-2);

    [Fact]
    public async Task PutMetricData_then_GetMetricData_returns_the_points_through_every_page()
    {
        using var aws = MotoContexts.For(moto);
        var cw = aws.CloudWatch();
        var ns = MotoServer.UniqueName("LoadLabTest");
        var dims = new[] { new MetricDimension { Name = "EndpointName", Value = "ep" }, new MetricDimension { Name = "VariantName", Value = "AllTraffic" } };
        var data = Enumerable.Range(0, 5).Select(i => new MetricDatum
        {
            MetricName = "Invocations",
            Dimensions = dims,
            Timestamp = Minute0.AddMinutes(i),
            Value = 10 * (i + 1),
            Unit = "None",
        }).ToList();
        await cw.PutMetricDataAsync(new PutMetricDataRequest { Namespace = ns, MetricData = data });
        // Values/Counts and StatisticValues are accepted too (the sim endpoint publishes distributions this way).
        await cw.PutMetricDataAsync(new PutMetricDataRequest
        {
            Namespace = ns,
            MetricData =
            [
                new MetricDatum { MetricName = "ModelLatency", Dimensions = dims, Timestamp = Minute0, Values = [1000, 2000], Counts = [3, 1], Unit = "Microseconds", StorageResolution = 60 },
                new MetricDatum { MetricName = "ModelLatency", Dimensions = dims, Timestamp = Minute0.AddMinutes(1), StatisticValues = new StatisticSet { SampleCount = 4, Sum = 8000, Minimum = 1000, Maximum = 3000 }, Unit = "Microseconds" },
            ],
        });

        var request = new GetMetricDataRequest
        {
            StartTime = Minute0.AddMinutes(-1),
            EndTime = Minute0.AddMinutes(10),
            ScanBy = ScanBy.TimestampAscending,
            LabelOptions = new LabelOptions { Timezone = "+0000" },
            MetricDataQueries =
            [
                new MetricDataQuery { Id = "inv", MetricStat = new MetricStat { Metric = new Metric { Namespace = ns, MetricName = "Invocations", Dimensions = dims }, Period = 60, Stat = "Sum" } },
                new MetricDataQuery { Id = "lat", MetricStat = new MetricStat { Metric = new Metric { Namespace = ns, MetricName = "ModelLatency", Dimensions = dims }, Period = 60, Stat = "SampleCount" } },
                new MetricDataQuery { Id = "double", Expression = "inv * 2", Label = "twice" },
            ],
        };
        var all = await cw.GetAllMetricDataAsync(request);

        var inv = Assert.Single(all.MetricDataResults, r => r.Id == "inv");
        Assert.Equal(150, inv.Values.Sum());
        Assert.Equal(5, inv.Timestamps.Count);
        Assert.All(inv.Timestamps, t => Assert.Equal(0, t.Second));
        var lat = Assert.Single(all.MetricDataResults, r => r.Id == "lat");
        Assert.Equal(8, lat.Values.Sum());

        // Paging: one datapoint per page must give the same series as one big page.
        var paged = await cw.GetAllMetricDataAsync(request with { MaxDatapoints = 1, MetricDataQueries = [request.MetricDataQueries[0]] });
        var pagedInv = Assert.Single(paged.MetricDataResults);
        Assert.Equal(inv.Values.Order(), pagedInv.Values.Order());
    }

    [Fact]
    public async Task PutMetricAlarm_DescribeAlarms_DeleteAlarms_round_trip()
    {
        using var aws = MotoContexts.For(moto);
        var cw = aws.CloudWatch();
        var name = MotoServer.UniqueName("loadlab-step-high");
        await cw.PutMetricAlarmAsync(new PutMetricAlarmRequest
        {
            AlarmName = name,
            AlarmDescription = "scale out when invocations per instance are high",
            ActionsEnabled = true,
            AlarmActions = ["arn:aws:autoscaling:us-east-1:123456789012:scalingPolicy:abc:resource/sagemaker/endpoint/ep/variant/AllTraffic:policyName/p"],
            MetricName = "InvocationsPerInstance",
            Namespace = "AWS/SageMaker",
            Statistic = "Sum",
            Dimensions = [new MetricDimension { Name = "EndpointName", Value = "ep" }, new MetricDimension { Name = "VariantName", Value = "AllTraffic" }],
            Period = 60,
            EvaluationPeriods = 3,
            DatapointsToAlarm = 2,
            Threshold = 700,
            ComparisonOperator = "GreaterThanOrEqualToThreshold",
            TreatMissingData = "notBreaching",
        });

        var described = await cw.DescribeAlarmsAsync(new DescribeAlarmsRequest { AlarmNames = [name] });
        Assert.Single((await cw.DescribeAllAlarmsAsync(new DescribeAlarmsRequest { AlarmNamePrefix = name, MaxRecords = 1 })).MetricAlarms);
        var alarm = Assert.Single(described.MetricAlarms);
        Assert.Equal(name, alarm.AlarmName);
        Assert.Equal(700, alarm.Threshold);
        Assert.Equal(3, alarm.EvaluationPeriods);
        Assert.Equal(2, alarm.DatapointsToAlarm);
        Assert.Equal("GreaterThanOrEqualToThreshold", alarm.ComparisonOperator);
        Assert.Equal(2, alarm.Dimensions!.Count);
        Assert.Single(alarm.AlarmActions!);
        // moto never evaluates alarms (a known gap): only the configuration is checked here, never the state.

        await cw.DeleteAlarmsAsync(new DeleteAlarmsRequest { AlarmNames = [name] });
        var after = await cw.DescribeAllAlarmsAsync(new DescribeAlarmsRequest { AlarmNamePrefix = name, MaxRecords = 1 });
        Assert.Empty(after.MetricAlarms);
    }

    [Fact]
    public async Task A_request_signed_with_the_wrong_secret_fails_with_SignatureDoesNotMatch()
    {
        using var aws = Aws.AwsContext.ForLocal(moto.Url, moto.Credentials with { SecretAccessKey = "not-the-secret" }, moto.Region);
        var ex = await Assert.ThrowsAsync<AwsServiceException>(() =>
            aws.CloudWatch().DescribeAlarmsAsync(new DescribeAlarmsRequest()));
        Assert.Equal("SignatureDoesNotMatch", ex.ErrorCode);
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, ex.StatusCode);
        Assert.Equal("CloudWatch", ex.Service);
        Assert.Equal("DescribeAlarms", ex.Operation);
        Assert.DoesNotContain("not-the-secret", ex.Message);
    }
}
