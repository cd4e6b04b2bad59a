using LoadLab.Core.RunFiles;

namespace LoadLab.Analysis.Steps;

/// <summary>
/// The arrival process the measured steps ran under, which is the one the sustainable load holds for: a fleet
/// sustains less under random (Poisson) arrivals than under evenly spaced ones at the same mean rate.
/// </summary>
public static class StepArrivals
{
    public const string Poisson = "poisson";
    public const string Uniform = "uniform";
    public const string Closed = "closed";
    public const string Mixed = "mixed";

    /// <summary>"poisson", "uniform", "mixed" (steps of several phases that differ) or "closed" (closed-model users);
    /// and a warning when the figure may not hold for production's random arrivals.</summary>
    public static (string Process, string? Warning) Of(RunInfo run)
    {
        if (string.Equals(run.LoadModel, "closed", StringComparison.OrdinalIgnoreCase))
            return (Closed, "the steps ran closed-model users (each sends when its previous request ends), not arrivals: the limit holds for that loop, and production's independent arrivals queue more");
        var phases = run.Steps.Select(s => s.PhaseIndex).Distinct().ToHashSet();
        // run.json files written before phases recorded their arrivals ran every ladder and ramp evenly spaced.
        var processes = run.Phases.Where(p => phases.Contains(p.Index)).Select(p => p.Arrivals ?? Uniform).Distinct().ToList();
        var process = processes.Count switch { 0 => Uniform, 1 => processes[0], _ => Mixed };
        return process == Poisson
            ? (process, null)
            : (process, "the steps' requests arrived evenly spaced" + (process == Mixed ? " in some phases" : "")
                        + ": production traffic arrives at random, and a fleet sustains less under Poisson arrivals, so this limit may be optimistic (run the ladder with arrivals: poisson, the default)");
    }
}
