using LoadLab.Analysis.Recommend;
using LoadLab.Aws;
using LoadLab.Aws.ApplicationAutoScaling;
using LoadLab.Aws.CloudWatch;
using LoadLab.Aws.Collector;
using LoadLab.Aws.SageMaker;
using LoadLab.Core.AwsApi;
using LoadLab.Core.Json;
using LoadLab.Core.RunFiles;
using LoadLab.TestSupport;

namespace LoadLab.Analysis.Tests;

[CollectionDefinition(Name)]
public sealed class AnalysisMotoCollection : ICollectionFixture<MotoServer>
{
    public const string Name = "analysis-moto";
}

/// <summary>Against a strict-auth moto_server through LoadLab's own AWS clients: real HTTP, real SigV4.</summary>
[Collection(AnalysisMotoCollection.Name)]
public class MotoTests(MotoServer moto)
{
    private AwsContext Aws() => moto.CreateAwsContext();

    private static Task<string> CreateEndpointAsync(AwsContext aws, string variant = "AllTraffic") => aws.CreateEndpointAsync(variant, instances: 2);

    [Fact]
    public async Task Every_request_in_recommendation_json_is_accepted_as_it_is()
    {
        using var aws = Aws();
        var ep = await CreateEndpointAsync(aws);
        // Through the file, as apply would read it.
        var r = LoadLabJson.Deserialize<RecommendationFile>(LoadLabJson.Serialize(RecommenderTests.Full(ep, StepScalingMode.Always)));
        Assert.NotEmpty(r.PutMetricAlarm);
        Assert.NotEmpty(r.PutScheduledAction);
        Assert.Equal(3, r.Alternatives.Count);

        var aas = aws.ApplicationAutoScaling();
        var cw = aws.CloudWatch();
        await aas.RegisterScalableTargetAsync(r.RegisterScalableTarget);
        var arns = new Dictionary<string, string>();
        foreach (var p in r.PutScalingPolicy.Concat(r.Alternatives.Select(a => a.Request!)))
            arns[p.PolicyName] = (await aas.PutScalingPolicyAsync(p)).PolicyARN!;
        foreach (var a in r.PutMetricAlarm)
            await cw.PutMetricAlarmAsync(a with
            {
                AlarmActions = a.AlarmActions!.Select(x => arns[x[RecommendationFile.PolicyArnPlaceholderPrefix.Length..]]).ToList(),
            });
        foreach (var s in r.PutScheduledAction) await aas.PutScheduledActionAsync(s);

        var resource = r.RegisterScalableTarget.ResourceId;
        var targets = await aas.DescribeScalableTargetsAsync(new DescribeScalableTargetsRequest { ResourceIds = [resource] });
        var target = Assert.Single(targets.ScalableTargets);
        Assert.Equal(r.RegisterScalableTarget.MinCapacity, target.MinCapacity);
        Assert.Equal(r.RegisterScalableTarget.MaxCapacity, target.MaxCapacity);
        var policies = await aas.DescribeScalingPoliciesAsync(new DescribeScalingPoliciesRequest { ResourceId = resource });
        Assert.Equal(arns.Keys.Order(), policies.ScalingPolicies.Select(p => p.PolicyName).Order());
        var main = policies.ScalingPolicies.Single(p => p.PolicyName == r.PutScalingPolicy[0].PolicyName);
        Assert.Equal(r.Basis.TargetValue, main.TargetTrackingScalingPolicyConfiguration!.TargetValue);
        var scheduled = await aas.DescribeScheduledActionsAsync(new DescribeScheduledActionsRequest { ResourceId = resource });
        Assert.Equal(r.PutScheduledAction.Select(s => s.Schedule).Order(), scheduled.ScheduledActions.Select(s => s.Schedule).Order());
        var alarms = await cw.DescribeAlarmsAsync(new DescribeAlarmsRequest { AlarmNames = r.PutMetricAlarm.Select(a => a.AlarmName).ToList() });
        var alarm = Assert.Single(alarms.MetricAlarms);
        Assert.Equal(arns[r.PutScalingPolicy.Single(p => p.PolicyType == PolicyTypes.StepScaling).PolicyName], Assert.Single(alarm.AlarmActions!));
    }

    [Fact]
    public async Task Collect_reads_back_what_was_published_and_survives_unsupported_percentiles()
    {
        using var aws = Aws();
        var ep = await CreateEndpointAsync(aws);
        var now = DateTimeOffset.UtcNow;
        var start = DateTimeOffset.FromUnixTimeSeconds(now.AddMinutes(-12).ToUnixTimeSeconds() / 60 * 60);
        IReadOnlyList<MetricDimension> dims = [new MetricDimension { Name = "EndpointName", Value = ep }, new MetricDimension { Name = "VariantName", Value = "AllTraffic" }];
        var cw = aws.CloudWatch();
        for (int i = 0; i < 8; i++)
        {
            var t = start.AddMinutes(2 + i).AddSeconds(5);
            await cw.PutMetricDataAsync(new PutMetricDataRequest
            {
                Namespace = "AWS/SageMaker",
                MetricData =
                [
                    new MetricDatum { MetricName = "Invocations", Dimensions = dims, Timestamp = t, Value = 600 + i, Unit = "None" },
                    new MetricDatum { MetricName = "ModelLatency", Dimensions = dims, Timestamp = t, Value = 25_000 + 1000 * i, Unit = "Microseconds" },
                ],
            });
            await cw.PutMetricDataAsync(new PutMetricDataRequest
            {
                Namespace = "/aws/sagemaker/Endpoints",
                MetricData = [new MetricDatum { MetricName = "CPUUtilization", Dimensions = dims, Timestamp = t, Value = 30 + i, Unit = "Percent" }],
            });
        }
        using var dir = new RunDirFixture().WithRun(Synthetic.Run(2) with
        {
            Target = new RunTarget("sagemaker", ep, "AllTraffic", moto.Region, null),
            StartUtc = start.AddMinutes(2),
            EndUtc = start.AddMinutes(10),
        });

        var m = await CollectService.CollectRunDirectoryAsync(dir.Path, cw, aws.SageMaker(), TimeProvider.System);

        var inv = m.Series.Single(s => s.MetricName == "Invocations" && s.Stat == "Sum");
        Assert.Equal(Enumerable.Range(0, 8).Select(i => 600.0 + i), inv.Points.Select(p => p.Value));
        var lat = m.Series.Single(s => s.MetricName == "ModelLatency" && s.Stat == "Average");
        Assert.Equal(25.0, lat.Points[0].Value, 9);
        Assert.Equal(MetricQueryPlan.ConvertedLatencyUnit, lat.Unit);
        Assert.Contains(m.Series, s => s.MetricName == "CPUUtilization" && s.Stat == "Maximum" && s.Points.Count == 8);
        Assert.Contains(m.Warnings, w => w.Text.StartsWith("ModelLatency p99") && w.Text.Contains("unaffected") && w.Severity == LoadLab.Core.Findings.Severity.Info); // moto has no percentiles
        Assert.Contains(m.Warnings, w => w.Text.StartsWith("Invocation4XXErrors Sum: no datapoints"));
        var count = Assert.Single(m.InstanceCounts);
        Assert.Equal(2, count.Current);
        Assert.True(File.Exists(dir.Dir.MetricsJson));
    }
}
