using LoadLab.Simulation.Autoscaling;

namespace LoadLab.Simulation.Tests.Autoscaling;

public class TargetTrackingTests
{
    private const string Ipi = SimMetrics.InvocationsPerInstance;

    [Fact]
    public void A_step_from_1x_to_3x_target_scales_out_after_exactly_three_datapoints_by_the_proportional_amount()
    {
        var d = new Drive(ScalingConfiguration.TargetTracking(min: 1, max: 20, target: 100), initial: 2);
        d.Ipi(100, 5);                  // at target: not above it, no alarm
        Assert.Equal(2, d.Ipi(300));    // datapoint 1 (minute 5), evaluated at 6:00
        Assert.Equal(2, d.Ipi(300));    // datapoint 2, at 7:00
        Assert.Equal(6, d.Ipi(300));    // datapoint 3, at 8:00: ceil(2 x 300 / 100) = 6
        Assert.Equal([(8, 6)], d.Changes());
        var a = Assert.Single(d.Scaler.Activities);
        Assert.Equal(Drive.T0.AddMinutes(8), a.TimeUtc);
        Assert.Equal(ScalingDirection.ScaleOut, a.Direction);
    }

    [Fact]
    public void Proportional_scale_out_rounds_up()
    {
        var d = new Drive(ScalingConfiguration.TargetTracking(1, 50, target: 70), initial: 3);
        d.Ipi(100, 3);
        Assert.Equal(5, d.Scaler.DesiredCapacity); // ceil(3 x 100 / 70) = ceil(4.29) = 5
    }

    [Fact]
    public void Scale_in_waits_for_fifteen_low_datapoints_and_then_the_scale_in_cooldown()
    {
        var d = new Drive(ScalingConfiguration.TargetTracking(1, 20, target: 100, scaleInCooldownS: 300), initial: 10);
        d.Ipi(50, 14);
        Assert.Equal(10, d.Scaler.DesiredCapacity);      // 14 low datapoints: not yet
        Assert.Equal(5, d.Ipi(50));                      // 15th, at 15:00: ceil(10 x 50 / 100) = 5
        d.Ipi(40, 4);                                    // 16:00 .. 19:00 inside the 300 s scale-in cooldown
        Assert.Equal(5, d.Scaler.DesiredCapacity);
        Assert.Equal(2, d.Ipi(40));                      // 20:00 cooldown over: ceil(5 x 40 / 100) = 2
        Assert.Equal([(15, 5), (20, 2)], d.Changes());
    }

    [Fact]
    public void Between_90_percent_and_the_target_nothing_scales_in()
    {
        var d = new Drive(ScalingConfiguration.TargetTracking(1, 20, target: 100), initial: 10);
        d.Ipi(91, 60);
        Assert.Empty(d.Changes());
    }

    [Fact]
    public void Missing_data_never_scales_in()
    {
        var d = new Drive(ScalingConfiguration.TargetTracking(1, 20, target: 100), initial: 10);
        d.Ipi(50, 10);
        d.Ipi(null);         // a minute without invocations: SageMaker publishes nothing
        d.Ipi(50, 14);       // 14 low datapoints since the gap: the window of 15 still holds the missing one
        Assert.Equal(10, d.Scaler.DesiredCapacity);
        d.Ipi(null, 120);    // an idle endpoint stays as it is
        Assert.Equal(10, d.Scaler.DesiredCapacity);
        d.Ipi(50, 15);
        Assert.Equal(5, d.Scaler.DesiredCapacity);
    }

    [Fact]
    public void Scale_out_cooldown_blocks_an_equal_scale_out_but_lets_a_larger_one_through()
    {
        var d = new Drive(ScalingConfiguration.TargetTracking(1, 50, target: 100, scaleOutCooldownS: 600), initial: 2);
        d.Ipi(300, 3);
        Assert.Equal(6, d.Scaler.DesiredCapacity);       // 3:00 -> 6, cooldown until 13:00
        Assert.Equal(6, d.Ipi(300));                     // 4:00 still 3x on the old 2: ceil(2 x 3) = 6, not larger: blocked
        Assert.Equal(10, d.Ipi(500));                    // 5:00 ceil(2 x 5) = 10 > 6: a larger scale-out passes
        d.Ipi(150, 9);                                   // 6:00 .. 14:00: ceil(2 x 1.5) = 3 <= 10, blocked until 15:00
        Assert.Equal(10, d.Scaler.DesiredCapacity);
        Assert.Equal(15, d.Ipi(150));                    // 15:00 cooldown (restarted at 5:00) over: ceil(10 x 1.5) = 15
        Assert.Equal([(3, 6), (5, 10), (15, 15)], d.Changes());
    }

    [Fact]
    public void A_scale_out_ends_the_scale_in_cooldown()
    {
        var config = ScalingConfiguration.TargetTracking(1, 50, target: 100, scaleOutCooldownS: 60, scaleInCooldownS: 1800);
        var d = new Drive(config, initial: 10);
        d.Ipi(50, 15);                                   // 15:00 -> 5, scale-in cooldown until 45:00
        d.Ipi(300, 3);                                   // 18:00 -> ceil(5 x 3) = 15
        d.Ipi(20, 15);                                   // 33:00: 15 low datapoints, scale-in cooldown was ended
        Assert.Equal([(15, 5), (18, 15), (33, 3)], d.Changes());

        // Without the scale-out, the same scale-in cooldown holds the second scale-in until 45:00.
        var quiet = new Drive(config, initial: 10);
        quiet.Ipi(50, 15);
        quiet.Ipi(20, 35);
        Assert.Equal([(15, 5), (45, 1)], quiet.Changes());
    }

    [Fact]
    public void DisableScaleIn_never_scales_in_but_still_scales_out()
    {
        var d = new Drive(ScalingConfiguration.TargetTracking(1, 20, target: 100, disableScaleIn: true), initial: 4);
        d.Ipi(10, 60);
        Assert.Equal(4, d.Scaler.DesiredCapacity);
        d.Ipi(200, 3);
        Assert.Equal(8, d.Scaler.DesiredCapacity);
    }

    [Fact]
    public void Min_and_max_bound_every_decision()
    {
        var d = new Drive(ScalingConfiguration.TargetTracking(2, 5, target: 100), initial: 3);
        d.Ipi(1000, 3);
        Assert.Equal(5, d.Scaler.DesiredCapacity);       // ceil(3 x 10) = 30, capped at Max 5
        d.Ipi(1, 15);
        Assert.Equal(2, d.Scaler.DesiredCapacity);       // ceil(5 x 0.01) = 1, floored at Min 2
    }

    [Fact]
    public void Max_scale_in_fraction_option_makes_scale_in_stepwise()
    {
        var d = new Drive(ScalingConfiguration.TargetTracking(1, 20, target: 100, scaleInCooldownS: 60), initial: 20,
            new AutoscalerOptions { MaxScaleInFraction = 0.1 });
        d.Ipi(10, 15);
        Assert.Equal(18, d.Scaler.DesiredCapacity);      // at most 10 % of 20 = 2 removed
    }

    [Fact]
    public void Updating_endpoint_defers_decisions_until_it_is_in_service()
    {
        var scaler = new Autoscaler(ScalingConfiguration.TargetTracking(1, 20, 100), 2, Drive.T0);
        for (var m = 0; m < 3; m++) scaler.Observe(Ipi, Drive.T0.AddMinutes(m), 300);
        Assert.Equal(2, scaler.Evaluate(Drive.T0.AddMinutes(3), new FleetView(2, Updating: true)).DesiredCapacity);
        scaler.Observe(Ipi, Drive.T0.AddMinutes(3), 300);
        Assert.Equal(6, scaler.Evaluate(Drive.T0.AddMinutes(4), new FleetView(2, Updating: false)).DesiredCapacity);
    }

    [Fact]
    public void High_resolution_metric_scales_out_after_three_ten_second_datapoints()
    {
        var config = ScalingConfiguration.TargetTracking(1, 20, target: 4, metric: SimMetrics.ConcurrentRequestsPerModel);
        Assert.Equal(10, config.MetricPeriodS);
        var scaler = new Autoscaler(config, 2, Drive.T0);
        var changedAt = -1;
        for (var k = 0; k < 12 && changedAt < 0; k++)
        {
            scaler.Observe(SimMetrics.ConcurrentRequestsPerModel, Drive.T0.AddSeconds(10 * k), 12);
            if (scaler.Evaluate(Drive.T0.AddSeconds(10 * (k + 1)), new FleetView(scaler.DesiredCapacity, false)).Changed) changedAt = 10 * (k + 1);
        }
        Assert.Equal(30, changedAt);
        Assert.Equal(6, scaler.DesiredCapacity); // ceil(2 x 12 / 4)
    }
}
