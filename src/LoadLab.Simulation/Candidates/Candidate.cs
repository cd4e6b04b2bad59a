using LoadLab.Simulation.Autoscaling;

namespace LoadLab.Simulation.Candidates;

public static class CandidateKinds
{
    public const string Recommendation = "recommendation";
    public const string RuleOfThumb = "rule-of-thumb";
    public const string Sweep = "sweep";
    public const string Policy = "policy";
    /// <summary>An alternative the recommender considered (recommendation.json "alternatives" with a request).</summary>
    public const string Alternative = "alternative";
}

/// <summary>One policy to backtest: a name, where it came from, and the compiled configuration.</summary>
public sealed record Candidate(string Name, string Kind, string Description, ScalingConfiguration Configuration);

/// <summary>
/// The sweep grid: target values as fractions of the sustainable load at the SLO (the IPI where the fitted latency
/// reaches the SLO), times (scale-out, scale-in) cooldown pairs. Defaults: 10 targets x 10 cooldown pairs = 100.
/// </summary>
public sealed record SweepOptions
{
    public IReadOnlyList<double> TargetFractions { get; init; } = [0.3, 0.4, 0.5, 0.55, 0.6, 0.65, 0.7, 0.8, 0.9, 1.0];
    public IReadOnlyList<(int OutS, int InS)> Cooldowns { get; init; } =
        [(60, 60), (60, 300), (60, 600), (120, 300), (300, 300), (300, 600), (300, 900), (600, 600), (600, 1200), (900, 1800)];
    /// <summary>Cooldown pairs only, no target sweep (used when checking a scale-in cooldown for flapping).</summary>
    public static SweepOptions None { get; } = new() { TargetFractions = [], Cooldowns = [] };
}
