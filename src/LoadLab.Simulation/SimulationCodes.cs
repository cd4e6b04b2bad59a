namespace LoadLab.Simulation;

/// <summary>
/// The stable codes of the findings <c>simulation.json</c> carries; all are warnings (each says a backtest figure is
/// weaker than it looks, or a policy misbehaves on the traffic). docs/warnings.md lists them; keep the two in step.
/// </summary>
public static class SimulationCodes
{
    public const string NoRecommendation = "simulate.no_recommendation";
    public const string PeakOverMaxCapacity = "simulate.peak_over_max_capacity";
    public const string AlternativeSkipped = "simulate.alternative_skipped";
    public const string NoInterval = "simulate.no_interval";
    public const string NotOnParetoFront = "simulate.not_on_pareto_front";
    public const string Flaps = "simulate.flaps";

    // The recommender's simulated check runs here but speaks for recommendation.json: its codes are the recommender's
    // (the same strings as LoadLab.Analysis' AnalysisCodes, which this project cannot reference).
    public const string RecommendFlaps = "recommend.flaps";
    public const string RecommendSloViolatedAtEveryTarget = "recommend.slo_violated_at_every_target";
}
