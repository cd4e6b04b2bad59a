using LoadLab.Core.Json;
using LoadLab.Core.RunFiles;
using LoadLab.Simulation.Autoscaling;
using LoadLab.Simulation.Fleet;
using LoadLab.Simulation.Traffic;

namespace LoadLab.Simulation.Tests;

public class SimulatorTests
{
    internal static readonly DateTimeOffset T0 = new(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Flat 50 ms until 1000 invocations per instance per minute; the SLO holds up to 800.</summary>
    internal static FleetModel Flat(double startupS = 600, double jitter = 0) => new()
    {
        Curve = new LatencyCurve { Kind = "linear", L0Ms = 50, A = 0 },
        CapacityIpm = 1000,
        SustainableIpm = 800,
        SloMs = 200,
        StartupS = startupS,
        StartupJitterFraction = jitter,
        DrainS = 0,
        PricePerInstanceHour = 1.0,
    };

    private static TrafficSeries Step() =>
        new(T0, [.. Enumerable.Repeat(1000.0, 10), .. Enumerable.Repeat(3000.0, 60)], "test");

    [Fact]
    public void Startup_delay_shows_as_under_provisioning()
    {
        // Scale-out cooldown (900 s) longer than the startup (600 s): one scale-out.
        var config = ScalingConfiguration.TargetTracking(1, 20, target: 500, scaleOutCooldownS: 900);
        var r = Simulator.Run("t", "", config, Step(), Flat(startupS: 600), new SimulationOptions { InitialCapacity = 2 });

        // High datapoints for minutes 10, 11, 12 -> scale-out at 13:00 to ceil(2 x 1500 / 500) = 6; in service at 23:00.
        var e = Assert.Single(r.Events);
        Assert.Equal((T0.AddMinutes(13), 2, 6), (e.TimeUtc, e.From, e.To));
        Assert.All(r.Timeline.Take(23), s => Assert.Equal(2, s.InServiceInstances));
        Assert.All(r.Timeline.Skip(23), s => Assert.Equal(6, s.InServiceInstances));
        // Demand needs ceil(3000 / 800) = 4 instances from minute 10: minutes 10..22 are under-provisioned.
        Assert.Equal(100.0 * 13 / 70, r.Elasticity!.UnderTimesharePct, 6);
        // Under-provisioning accuracy: 13 minutes x (4 - 2) / 4, as a percentage of 70 minutes.
        Assert.Equal(100.0 * 13 * 0.5 / 70, r.Elasticity.UnderAccuracyPct, 6);
        // 2 instances serve 2000 of 3000 a minute: a backlog builds, then requests time out.
        Assert.True(r.SloViolationMinutes >= 10);
        Assert.True(r.DroppedRequests > 0);
        Assert.Equal(60, r.WorstLatencyMs / 1000, 6); // capped at the 60 s invocation timeout

        var instant = Simulator.Run("t", "", config, Step(), Flat(startupS: 0), new SimulationOptions { InitialCapacity = 2 });
        Assert.Equal(100.0 * 3 / 70, instant.Elasticity!.UnderTimesharePct, 6);
        Assert.True(instant.SloViolationMinutes < r.SloViolationMinutes);
    }

    [Fact]
    public void A_scale_out_cooldown_shorter_than_the_startup_overshoots_on_stale_datapoints()
    {
        // Default 300 s cooldown, 600 s startup: when the endpoint is InService again at 23:00, the last three
        // datapoints were still measured on 2 instances (1500 each), the cooldown is over, so it scales 6 -> 18.
        var config = ScalingConfiguration.TargetTracking(1, 20, target: 500);
        var r = Simulator.Run("t", "", config, Step(), Flat(startupS: 600), new SimulationOptions { InitialCapacity = 2 });
        Assert.Equal((T0.AddMinutes(13), 2, 6), (r.Events[0].TimeUtc, r.Events[0].From, r.Events[0].To));
        Assert.Equal((T0.AddMinutes(23), 6, 18), (r.Events[1].TimeUtc, r.Events[1].From, r.Events[1].To));
        Assert.Equal("scale-in", r.Events[2].Kind);
    }

    [Fact]
    public void Instance_hours_and_cost_count_every_billed_instance()
    {
        var config = ScalingConfiguration.TargetTracking(3, 3, target: 500);
        var traffic = new TrafficSeries(T0, Enumerable.Repeat(100.0, 120).ToArray(), "test");
        var r = Simulator.Run("t", "", config, traffic, Flat(), new SimulationOptions());
        Assert.Equal(6.0, r.InstanceHours, 9);   // 3 instances x 2 hours
        Assert.Equal(6.0, r.CostUsd!.Value, 9);
        Assert.Equal(0, r.SloViolationMinutes);
        Assert.Equal(50, r.WorstLatencyMs);
    }

    [Fact]
    public void Same_seed_same_result_and_the_seed_matters()
    {
        var config = ScalingConfiguration.TargetTracking(1, 50, target: 300, 60, 120);
        var wave = Enumerable.Range(0, 600).Select(m => 3000 + 2500 * Math.Sin(m / 40.0)).ToArray();
        var traffic = new TrafficSeries(T0, wave, "sine");
        string Run(long seed) => LoadLabJson.Serialize(Simulator.Run("t", "", config, traffic, Flat(startupS: 300, jitter: 0.5), new SimulationOptions { Seed = seed }));
        Assert.Equal(Run(7), Run(7));
        Assert.NotEqual(Run(7), Run(8));
    }

    [Fact]
    public void Minutes_without_traffic_publish_no_datapoint_so_the_fleet_is_not_scaled_in()
    {
        var config = ScalingConfiguration.TargetTracking(1, 20, target: 500);
        var traffic = new TrafficSeries(T0, [.. Enumerable.Repeat(3000.0, 30), .. Enumerable.Repeat(0.0, 120)], "test");
        var r = Simulator.Run("t", "", config, traffic, Flat(startupS: 0), new SimulationOptions { InitialCapacity = 6 });
        Assert.Equal(0, r.ScaleIns);
        Assert.Equal(6, r.Timeline[^1].InServiceInstances);
    }

    [Fact]
    public void High_resolution_policy_reacts_within_the_first_minute()
    {
        var hi = ScalingConfiguration.TargetTracking(1, 20, target: 1, metric: SimMetrics.ConcurrentRequestsPerModel);
        var lo = ScalingConfiguration.TargetTracking(1, 20, target: 500);
        var traffic = new TrafficSeries(T0, [.. Enumerable.Repeat(500.0, 10), .. Enumerable.Repeat(3000.0, 20)], "test");
        var fast = Simulator.Run("hi", "", hi, traffic, Flat(startupS: 0), new SimulationOptions { InitialCapacity = 1 });
        var slow = Simulator.Run("lo", "", lo, traffic, Flat(startupS: 0), new SimulationOptions { InitialCapacity = 1 });
        var firstFast = fast.Events.First(e => e.Kind == "scale-out").TimeUtc;
        var firstSlow = slow.Events.First(e => e.Kind == "scale-out").TimeUtc;
        Assert.True(firstFast < T0.AddMinutes(11), $"high-resolution scale-out at {firstFast:HH:mm:ss}");
        Assert.Equal(T0.AddMinutes(13), firstSlow);
    }
}
