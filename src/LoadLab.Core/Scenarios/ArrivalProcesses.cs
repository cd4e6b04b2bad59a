namespace LoadLab.Core.Scenarios;

/// <summary>
/// Which arrival process each phase of a load runs. Step ladders and ramps are test designs that stand for
/// production traffic, which arrives at random, and a fleet sustains less under random arrivals than under evenly
/// spaced ones: so they are Poisson unless the scenario says <c>arrivals: uniform</c>. A <c>poisson</c> phase is
/// Poisson by definition; every other shape keeps evenly spaced arrivals unless told otherwise.
/// </summary>
public static class ArrivalProcesses
{
    public static ArrivalProcess DefaultFor(PhaseShape shape) =>
        shape is PhaseShape.Steps or PhaseShape.Ramp or PhaseShape.Poisson ? ArrivalProcess.Poisson : ArrivalProcess.Uniform;

    /// <summary>The phase's own setting, else the load's, else the shape's default; null in the closed model (users, not arrivals) and for pauses.</summary>
    public static ArrivalProcess? Of(LoadSpec load, PhaseSpec phase)
    {
        if (load.Model == LoadModel.Closed || phase.Shape == PhaseShape.Pause) return null;
        if (phase.Shape == PhaseShape.Poisson) return ArrivalProcess.Poisson;
        return phase.Arrivals ?? load.Arrivals ?? DefaultFor(phase.Shape);
    }

    /// <summary>The name run.json and analysis.json use ("poisson", "uniform").</summary>
    public static string Name(ArrivalProcess p) => p == ArrivalProcess.Poisson ? "poisson" : "uniform";
}
