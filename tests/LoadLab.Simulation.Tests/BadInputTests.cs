using LoadLab.Core.AwsApi;
using LoadLab.Core.Errors;
using LoadLab.Simulation.Autoscaling;
using LoadLab.Simulation.Traffic;

namespace LoadLab.Simulation.Tests;

public class BadInputTests
{
    private const string Resource = "endpoint/e/variant/AllTraffic";

    private static RegisterScalableTargetRequest Target(int? min, int? max) => new() { ResourceId = Resource, MinCapacity = min, MaxCapacity = max };

    private static PutScalingPolicyRequest Tt(double target, string type = PolicyTypes.TargetTrackingScaling) => new()
    {
        PolicyName = "p",
        ResourceId = Resource,
        PolicyType = type,
        TargetTrackingScalingPolicyConfiguration = new TargetTrackingScalingPolicyConfiguration
        {
            TargetValue = target,
            PredefinedMetricSpecification = new PredefinedMetricSpecification { PredefinedMetricType = ScalingConstants.InvocationsPerInstanceMetric },
        },
    };

    [Fact]
    public void Every_problem_is_reported_with_its_field()
    {
        var schedule = new PutScheduledActionRequest
        {
            ScheduledActionName = "nightly", ResourceId = Resource, Schedule = "cron(0 25 * * ? *)",
            ScalableTargetAction = new ScalableTargetAction { MinCapacity = 1 },
        };
        var ex = Assert.Throws<UserInputException>(() => ScalingConfiguration.FromRequests(Target(5, 2),
            [Tt(100, "PredictiveScaling"), Tt(0)], [], [schedule], "recommendation.json"));
        var fields = ex.Problems.Select(p => p.Field).ToList();
        Assert.Contains("RegisterScalableTarget.MinCapacity", fields);
        Assert.Contains("PutScalingPolicy[0].PolicyType", fields);
        Assert.Contains("PutScalingPolicy[1].TargetTrackingScalingPolicyConfiguration.TargetValue", fields);
        Assert.Contains("PutScheduledAction[0].Schedule", fields);
        Assert.All(ex.Problems, p => Assert.Equal("recommendation.json", p.File));
        Assert.Contains(ex.Problems, p => p.Message.Contains("MinCapacity 5 is greater than MaxCapacity 2"));
        Assert.Contains(ex.Problems, p => p.Message.Contains("unknown policy type 'PredictiveScaling'"));
        Assert.Contains(ex.Problems, p => p.Message.Contains("Hours: value 25 is outside 0-23"));
    }

    [Fact]
    public void A_step_policy_without_its_alarm_is_rejected()
    {
        var step = new PutScalingPolicyRequest
        {
            PolicyName = "burst", ResourceId = Resource, PolicyType = PolicyTypes.StepScaling,
            StepScalingPolicyConfiguration = new StepScalingPolicyConfiguration
            {
                AdjustmentType = AdjustmentTypes.ChangeInCapacity,
                StepAdjustments = [new StepAdjustment { MetricIntervalLowerBound = 0, ScalingAdjustment = 2 }],
            },
        };
        var ex = Assert.Throws<UserInputException>(() => ScalingConfiguration.FromRequests(Target(1, 4), [step], [], [], "rec.json"));
        Assert.Contains("has no PutMetricAlarm whose AlarmActions name it ('policy-arn:burst')", Assert.Single(ex.Problems).Message);
    }

    [Fact]
    public void A_step_policy_and_its_alarm_compile()
    {
        var step = new PutScalingPolicyRequest
        {
            PolicyName = "burst", ResourceId = Resource, PolicyType = PolicyTypes.StepScaling,
            StepScalingPolicyConfiguration = new StepScalingPolicyConfiguration
            {
                AdjustmentType = AdjustmentTypes.PercentChangeInCapacity, MinAdjustmentMagnitude = 2, Cooldown = 120, MetricAggregationType = "Maximum",
                StepAdjustments = [new StepAdjustment { MetricIntervalLowerBound = 0, MetricIntervalUpperBound = 100, ScalingAdjustment = 50 },
                                   new StepAdjustment { MetricIntervalLowerBound = 100, ScalingAdjustment = 100 }],
            },
        };
        var alarm = new PutMetricAlarmRequest
        {
            AlarmName = "burst-high", MetricName = "InvocationsPerInstance", Namespace = "AWS/SageMaker", Statistic = "Sum", Period = 60,
            EvaluationPeriods = 2, DatapointsToAlarm = 1, Threshold = 500, ComparisonOperator = "GreaterThanOrEqualToThreshold",
            AlarmActions = ["policy-arn:burst"],
        };
        var config = ScalingConfiguration.FromRequests(Target(1, 40), [step], [alarm], [], "rec.json");
        var model = Assert.IsType<StepPolicyModel>(Assert.Single(config.Policies));
        Assert.Equal((2, 1, 500.0, AlarmComparison.GreaterThanOrEqualToThreshold), (model.Alarm.EvaluationPeriods, model.Alarm.DatapointsToAlarm, model.Alarm.Threshold, model.Alarm.Comparison));
        Assert.Equal(AlarmStatistic.Maximum, model.MetricAggregationType);
        Assert.Equal(120, model.CooldownS);
    }

    [Fact]
    public void An_empty_trace_is_rejected()
    {
        var ex = Assert.Throws<UserInputException>(() => TrafficSeries.ParseTrace("period,count\n", "day.csv"));
        Assert.Contains("the trace is empty", Assert.Single(ex.Problems).Message);
    }

    [Fact]
    public void A_bad_trace_row_names_file_line_and_field()
    {
        var ex = Assert.Throws<UserInputException>(() => TrafficSeries.ParseTrace("period,count\n1998-06-01 00:00:00,5\n1998-06-01 00:01:00,-3\nnot-a-time,4\n", "day.csv"));
        Assert.Equal([(3, "count"), (4, "period")], ex.Problems.Select(p => (p.Line, p.Field)));
    }

    [Fact]
    public void A_per_second_trace_is_summed_per_minute()
    {
        var rows = Enumerable.Range(0, 90).Select(s => $"{new DateTime(1998, 6, 1, 0, 0, 30).AddSeconds(s):yyyy-MM-ddTHH:mm:ssZ},2");
        var t = TrafficSeries.ParseTrace("time,count\n" + string.Join("\n", rows) + "\n", "sec.csv");
        Assert.Equal(new DateTimeOffset(1998, 6, 1, 0, 0, 0, TimeSpan.Zero), t.StartUtc);
        Assert.Equal([60.0, 120], t.PerMinute); // 00:00:30-00:00:59 and 00:01:00-00:01:59
    }

    [Fact]
    public void Trace_parsing_fills_gaps_and_windows_and_scales()
    {
        var t = TrafficSeries.ParseTrace("period,count\n1998-06-01 00:00:00,60\n1998-06-01 00:03:00,120\n", "day.csv");
        Assert.Equal([60.0, 0, 0, 120], t.PerMinute);
        Assert.Equal([30.0, 0, 0, 60], t.ScaleToPeak(1).PerMinute); // busiest minute = 1 rps = 60 a minute
        var w = t.Window(new DateTimeOffset(1998, 6, 1, 0, 1, 0, TimeSpan.Zero), 2.0 / 1440);
        Assert.Equal([0.0, 0], w.PerMinute);
        Assert.Throws<UserInputException>(() => t.Window(new DateTimeOffset(1999, 1, 1, 0, 0, 0, TimeSpan.Zero), null));
    }
}
