using LoadLab.Core.Json;
using LoadLab.Simulation.Autoscaling;
using LoadLab.Simulation.Traffic;

namespace LoadLab.Simulation.Tests;

/// <summary>A fact that is skipped, with the reason, when the shared WorldCup98 trace is not on this machine.</summary>
public sealed class TraceFactAttribute : FactAttribute
{
    public const string TracePath = "/work/shared/traces/worldcup98-requests-per-minute.csv";

    public static string? Resolve()
    {
        foreach (var candidate in new[] { Environment.GetEnvironmentVariable("LOADLAB_WORLDCUP_TRACE"), TracePath,
                     Path.Combine(AppContext.BaseDirectory, "../../../../../../shared/traces/worldcup98-requests-per-minute.csv") })
            if (!string.IsNullOrEmpty(candidate) && File.Exists(candidate)) return candidate;
        return null;
    }

    public TraceFactAttribute()
    {
        if (Resolve() is null) Skip = $"the WorldCup98 trace is absent ({TracePath}); set LOADLAB_WORLDCUP_TRACE to run this test";
    }
}

public class WorldCupTraceTests
{
    private static TrafficSeries TwoWeeks()
    {
        var path = TraceFactAttribute.Resolve()!;
        return TrafficSeries.ParseTrace(File.ReadAllText(path), path)
            .Window(new DateTimeOffset(1998, 6, 10, 0, 0, 0, TimeSpan.Zero), 14)
            .ScaleToPeak(200);
    }

    [TraceFact]
    public void Two_weeks_of_the_world_cup_trace_scaled_to_a_200_rps_peak()
    {
        var traffic = TwoWeeks();
        Assert.Equal(14 * 1440, traffic.Minutes);
        Assert.Equal(200 * 60, traffic.PeakPerMinute, 6);

        var fleet = SimulatorTests.Flat(startupS: 300, jitter: 0.1);   // 1000 ipm capacity, SLO holds to 800
        var lax = Simulator.Run("lax", "", ScalingConfiguration.TargetTracking(1, 40, 950), traffic, fleet, new SimulationOptions { Seed = 1 });
        var safe = Simulator.Run("safe", "", ScalingConfiguration.TargetTracking(1, 40, 400), traffic, fleet, new SimulationOptions { Seed = 1 });

        // Match-day spikes and daily cycles make a reactive policy work: both scale out and in many times.
        Assert.True(safe.ScaleOuts > 20 && safe.ScaleIns > 20, $"{safe.ScaleOuts} out / {safe.ScaleIns} in");
        // The lower target pays for headroom with instance-hours and gets fewer SLO-violation minutes.
        Assert.True(safe.InstanceHours > lax.InstanceHours, $"{safe.InstanceHours} vs {lax.InstanceHours}");
        Assert.True(safe.SloViolationMinutes < lax.SloViolationMinutes, $"{safe.SloViolationMinutes} vs {lax.SloViolationMinutes}");
        // Never more than Max, never less than Min.
        Assert.InRange(safe.PeakInstances, 1, 40);
        Assert.InRange(safe.InstanceHours, 14 * 24 * 1.0, 14 * 24 * 40.0);
        // Deterministic under the seed.
        var again = Simulator.Run("safe", "", ScalingConfiguration.TargetTracking(1, 40, 400), traffic, fleet, new SimulationOptions { Seed = 1 });
        Assert.Equal(LoadLabJson.Serialize(safe), LoadLabJson.Serialize(again));
    }
}
