using LoadLab.Core.AwsApi;
using LoadLab.Simulation.Autoscaling;

namespace LoadLab.Simulation.Tests.Autoscaling;

public class StepAndCombinedTests
{
    private const string Ipi = SimMetrics.InvocationsPerInstance;

    private static AlarmSpec Above(double threshold) =>
        new("high", Ipi, 60, AlarmStatistic.Average, 1, 1, threshold, AlarmComparison.GreaterThanThreshold);

    private static ScalingConfiguration Steps(string type, AlarmSpec alarm, int cooldownS, int? mam, params StepAdjustment[] steps) => new()
    {
        MinCapacity = 1,
        MaxCapacity = 100,
        Policies = [new StepPolicyModel("step", alarm, type, steps, mam, cooldownS, AlarmStatistic.Average)],
    };

    [Fact]
    public void Step_bounds_are_relative_to_the_threshold_and_cooldown_lets_a_larger_step_through()
    {
        var config = Steps(AdjustmentTypes.ChangeInCapacity, Above(100), cooldownS: 120, mam: null,
            new StepAdjustment { MetricIntervalLowerBound = 0, MetricIntervalUpperBound = 50, ScalingAdjustment = 1 },
            new StepAdjustment { MetricIntervalLowerBound = 50, ScalingAdjustment = 3 });
        var d = new Drive(config, initial: 2);
        Assert.Equal(3, d.Ipi(120));   // 1:00 metric 120 = threshold + 20: first step, +1
        Assert.Equal(5, d.Ipi(180));   // 2:00 threshold + 80: second step; in cooldown, from the capacity before (2) + 3 = 5 > 3
        Assert.Equal(5, d.Ipi(180));   // 3:00 in cooldown (until 4:00): 2 + 3 = 5, not larger
        Assert.Equal(8, d.Ipi(180));   // 4:00 cooldown over: 5 + 3
        Assert.Equal(8, d.Ipi(100));   // 100 is not > 100: the alarm is OK
    }

    [Fact]
    public void Upper_bound_is_exclusive_above_the_threshold()
    {
        var config = Steps(AdjustmentTypes.ChangeInCapacity, Above(100), 0, null,
            new StepAdjustment { MetricIntervalLowerBound = 0, MetricIntervalUpperBound = 50, ScalingAdjustment = 1 },
            new StepAdjustment { MetricIntervalLowerBound = 50, ScalingAdjustment = 3 });
        var d = new Drive(config, initial: 2);
        Assert.Equal(5, d.Ipi(150));   // difference exactly 50 falls into [50, +inf)
    }

    [Fact]
    public void Exact_capacity_and_percent_change_with_min_adjustment_magnitude()
    {
        var exact = new Drive(Steps(AdjustmentTypes.ExactCapacity, Above(100), 0, null,
            new StepAdjustment { MetricIntervalLowerBound = 0, ScalingAdjustment = 7 }), initial: 2);
        Assert.Equal(7, exact.Ipi(101));

        var pct = new Drive(Steps(AdjustmentTypes.PercentChangeInCapacity, Above(100), 0, mam: 3,
            new StepAdjustment { MetricIntervalLowerBound = 0, ScalingAdjustment = 15 }), initial: 10);
        Assert.Equal(13, pct.Ipi(150));  // 15 % of 10 = 1.5 -> 1, raised to MinAdjustmentMagnitude 3

        Assert.Equal(1, Autoscaler.PercentChange(10, 15, null));   // 1.5 rounds down
        Assert.Equal(1, Autoscaler.PercentChange(10, 5, null));    // 0.5 rounds to 1
        Assert.Equal(-1, Autoscaler.PercentChange(10, -5, null));  // -0.5 rounds to -1
        Assert.Equal(-2, Autoscaler.PercentChange(10, -25, null)); // -2.5 rounds toward zero
        Assert.Equal(-3, Autoscaler.PercentChange(10, -25, 3));
    }

    [Fact]
    public void Step_scale_in_below_the_threshold_with_datapoints_to_alarm_and_cooldown()
    {
        var alarm = new AlarmSpec("low", Ipi, 60, AlarmStatistic.Average, EvaluationPeriods: 5, DatapointsToAlarm: 3, 50, AlarmComparison.LessThanThreshold);
        var config = Steps(AdjustmentTypes.ChangeInCapacity, alarm, cooldownS: 300, mam: null,
            new StepAdjustment { MetricIntervalUpperBound = 0, ScalingAdjustment = -1 });
        var d = new Drive(config, initial: 6);
        d.Ipi(40); d.Ipi(60); d.Ipi(60);
        Assert.Equal(6, d.Scaler.DesiredCapacity);       // 1 of 5 breaching
        d.Ipi(40);
        Assert.Equal(6, d.Scaler.DesiredCapacity);       // 2 of 5
        Assert.Equal(5, d.Ipi(40));                      // 5:00: 3 of 5 breaching -> -1
        d.Ipi(40, 4);                                    // 6:00 .. 9:00: scale-in cooldown
        Assert.Equal(5, d.Scaler.DesiredCapacity);
        Assert.Equal(4, d.Ipi(40));                      // 10:00
    }

    [Fact]
    public void Step_alarm_aggregates_its_period_with_the_statistic()
    {
        // A 5-minute Sum alarm on InvocationsPerInstance: the period closes at 5:00.
        var alarm = new AlarmSpec("sum", Ipi, 300, AlarmStatistic.Sum, 1, 1, 1000, AlarmComparison.GreaterThanThreshold);
        var d = new Drive(Steps(AdjustmentTypes.ChangeInCapacity, alarm, 0, null,
            new StepAdjustment { MetricIntervalLowerBound = 0, ScalingAdjustment = 2 }), initial: 2);
        d.Ipi(210, 4);
        Assert.Equal(2, d.Scaler.DesiredCapacity);       // period not closed
        Assert.Equal(4, d.Ipi(210));                     // 5 x 210 = 1050 > 1000
    }

    [Fact]
    public void Combined_policies_scale_out_if_any_and_in_only_if_all()
    {
        var config = new ScalingConfiguration
        {
            MinCapacity = 1,
            MaxCapacity = 100,
            Policies =
            [
                new TargetTrackingPolicyModel("per-instance", Ipi, 100, 60, 60),
                new TargetTrackingPolicyModel("total", SimMetrics.Invocations, 1000, 60, 60),
            ],
        };
        var d = new Drive(config, initial: 2);
        for (var i = 0; i < 3; i++) d.Feed((Ipi, 300), (SimMetrics.Invocations, 1500));
        Assert.Equal(6, d.Scaler.DesiredCapacity);       // out: max(ceil(2 x 3), ceil(2 x 1.5)) = 6

        for (var i = 0; i < 20; i++) d.Feed((Ipi, 50), (SimMetrics.Invocations, 950));
        Assert.Equal(6, d.Scaler.DesiredCapacity);       // only one policy is low: no scale-in

        for (var i = 0; i < 15; i++) d.Feed((Ipi, 50), (SimMetrics.Invocations, 600));
        Assert.Equal(4, d.Scaler.DesiredCapacity);       // both low: max(ceil(6 x 0.5), ceil(6 x 0.6)) = 4
    }

    [Fact]
    public void A_policy_with_scale_in_disabled_does_not_veto_the_others()
    {
        var config = new ScalingConfiguration
        {
            MinCapacity = 1,
            MaxCapacity = 100,
            Policies =
            [
                new TargetTrackingPolicyModel("per-instance", Ipi, 100),
                new TargetTrackingPolicyModel("total", SimMetrics.Invocations, 1000, DisableScaleIn: true),
            ],
        };
        var d = new Drive(config, initial: 6);
        for (var i = 0; i < 15; i++) d.Feed((Ipi, 50), (SimMetrics.Invocations, 950));
        Assert.Equal(3, d.Scaler.DesiredCapacity);
    }
}
