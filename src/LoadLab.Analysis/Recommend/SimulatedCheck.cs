using LoadLab.Core.Ports;
using LoadLab.Core.RunFiles;
using static LoadLab.Analysis.Analyzer;

namespace LoadLab.Analysis.Recommend;

/// <summary>
/// Whether the recommender's simulated check has traffic to run on; if so it asks the simulator through
/// <see cref="ISimulatedCheck"/> (what it does: <c>LoadLab.Simulation.Checks.SimulatedPolicyCheck</c>).
/// </summary>
public static class SimulatedCheck
{
    public static SimulatedCheckOutcome Run(ISimulatedCheck? simulator, AnalysisFile analysis, TrafficProfile traffic, double target, int scaleOutS, int scaleInS,
        Func<double, (int Min, int Max)> bounds, double startupS, double ruleOfThumb, SimulatedCheckOptions o)
    {
        if (!o.Enabled) return SimulatedCheckOutcome.Unchanged(scaleInS, target, "No simulated check: disabled by the recommender's options.");
        const string asBefore = "ScaleInCooldown from variability alone and the target unchecked.";
        if (traffic.PerMinute is not { } perMinute)
            return SimulatedCheckOutcome.Unchanged(scaleInS, target, $"No simulated check: {traffic.PerMinuteSource ?? "no trace and no timeline to replay"}; {asBefore}");
        if (perMinute.Count < o.MinMinutes || !(perMinute.Max() > 0))
            return SimulatedCheckOutcome.Unchanged(scaleInS, target, F("No simulated check: {0} ({1} minutes; at least {2} needed); {3}",
                traffic.PerMinuteSource ?? "the traffic", perMinute.Count, o.MinMinutes, asBefore));
        if (simulator is null)
            return SimulatedCheckOutcome.Unchanged(scaleInS, target, $"No simulated check: no simulator was given to the recommender; {asBefore}");
        return simulator.Run(new SimulatedCheckRequest(analysis, perMinute, traffic.FirstMinuteUtc, traffic.PerMinuteSource ?? "traffic",
            target, scaleOutS, scaleInS, bounds, startupS, ruleOfThumb, o));
    }
}
