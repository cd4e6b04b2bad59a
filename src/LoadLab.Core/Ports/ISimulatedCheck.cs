using LoadLab.Core.Findings;
using LoadLab.Core.RunFiles;

namespace LoadLab.Core.Ports;

/// <summary>
/// The recommender's simulated check as a port: the recommender (LoadLab.Analysis) decides whether there is traffic
/// to check on and asks; the simulator (LoadLab.Simulation) answers; the composition root (the CLI) connects them, so
/// only the simulation project simulates and Analysis depends on Core alone.
/// </summary>
public interface ISimulatedCheck
{
    SimulatedCheckOutcome Run(SimulatedCheckRequest request);
}

/// <summary>
/// The recommended target-tracking policy to check on <paramref name="PerMinute"/> (requests per minute from
/// <paramref name="FirstMinuteUtc"/>, named <paramref name="Source"/>), with the fleet fitted in
/// <paramref name="Analysis"/> and the instance startup <paramref name="StartupS"/>. <paramref name="Bounds"/> sizes
/// Min/Max capacity for a target; <paramref name="RuleOfThumb"/> (AWS's, invocations per instance per minute; 0 when
/// unknown) sets the floor of the target's step-down.
/// </summary>
public sealed record SimulatedCheckRequest(
    AnalysisFile Analysis, IReadOnlyList<double> PerMinute, DateTimeOffset? FirstMinuteUtc, string Source,
    double Target, int ScaleOutCooldownS, int ScaleInCooldownS, Func<double, (int Min, int Max)> Bounds,
    double StartupS, double RuleOfThumb, SimulatedCheckOptions Options);

/// <summary>What the check decided: the (possibly longer) scale-in cooldown, the (possibly lower) target, and what to say.</summary>
public sealed record SimulatedCheckOutcome(int ScaleInCooldownS, double Target, SimulatedCheckBasis? Basis,
    IReadOnlyList<string> Rationale, IReadOnlyList<Finding> Warnings)
{
    /// <summary>Nothing simulated: the cooldown and the target as they were, and why.</summary>
    public static SimulatedCheckOutcome Unchanged(int scaleInCooldownS, double target, string why) => new(scaleInCooldownS, target, null, [why], []);
}
