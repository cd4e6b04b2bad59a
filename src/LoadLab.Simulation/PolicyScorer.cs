using LoadLab.Core.RunFiles;
using LoadLab.Simulation.Autoscaling;
using LoadLab.Simulation.Fleet;
using LoadLab.Simulation.Traffic;

namespace LoadLab.Simulation;

/// <summary>Verdict of a scale-in cooldown check: the simulated policy's result, kept so a caller need not run it again.</summary>
public sealed record FlapCheck(int ScaleInCooldownS, CandidateResult Result)
{
    public int ScaleIns => Result.ScaleIns;
    public int Flaps => Result.Flaps;
    public double SloViolationMinutes => Result.SloViolationMinutes;
    public double InstanceHours => Result.InstanceHours;
    public bool Flapping => Flaps > 0;
}

/// <summary>
/// The small API the recommender (and the CLI) call to score a policy on a traffic series without writing files.
/// </summary>
public static class PolicyScorer
{
    /// <summary>Runs one configuration and returns its scores (no timeline unless asked).</summary>
    public static CandidateResult Score(ScalingConfiguration config, TrafficSeries traffic, FleetModel fleet, SimulationOptions? options = null,
        string name = "policy") =>
        Simulator.Run(name, "", config, traffic, fleet, (options ?? new SimulationOptions()) with { KeepTimeline = options?.KeepTimeline ?? false });

    /// <summary>Does a target-tracking policy with this scale-in cooldown flap on this traffic (scale in, then out again within the flap window)?</summary>
    public static FlapCheck CheckScaleInCooldown(double target, int scaleOutCooldownS, int scaleInCooldownS, int min, int max,
        TrafficSeries traffic, FleetModel fleet, SimulationOptions? options = null)
    {
        var r = Score(ScalingConfiguration.TargetTracking(min, max, target, scaleOutCooldownS, scaleInCooldownS), traffic, fleet, options);
        return new FlapCheck(scaleInCooldownS, r);
    }

    /// <summary>The shortest scale-in cooldown among <paramref name="choices"/> that does not flap (the longest one if all do).</summary>
    /// <param name="tried">When given, receives every check made, shortest first (the recommender records them).</param>
    public static FlapCheck ChooseScaleInCooldown(double target, int scaleOutCooldownS, IReadOnlyList<int> choices, int min, int max,
        TrafficSeries traffic, FleetModel fleet, SimulationOptions? options = null, ICollection<FlapCheck>? tried = null)
    {
        FlapCheck? last = null;
        foreach (var c in choices.Order())
        {
            last = CheckScaleInCooldown(target, scaleOutCooldownS, c, min, max, traffic, fleet, options);
            tried?.Add(last);
            if (!last.Flapping) return last;
        }
        return last ?? throw new ArgumentException("no cooldown to choose from", nameof(choices));
    }
}
