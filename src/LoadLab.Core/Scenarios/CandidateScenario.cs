namespace LoadLab.Core.Scenarios;

/// <summary>
/// The scenario one candidate's sub-run runs: the same load design, SLO and thresholds, aimed at the candidate
/// (its variant through TargetVariant, its endpoint, or its URL), named after it, and carrying its price so the
/// recommendation's cost is the candidate's. Pure.
/// </summary>
public static class CandidateScenario
{
    public static Scenario For(Scenario scenario, CandidateSpec candidate, double pricePerInstanceHourUsd)
    {
        var t = scenario.Target;
        var target = t.Kind == TargetKind.Http
            ? t with { Url = candidate.Url ?? t.Url }
            : t with
            {
                Endpoint = candidate.Endpoint ?? t.Endpoint,
                // The metrics and the policy are the candidate variant's; on a shared endpoint TargetVariant routes to it.
                Variant = candidate.Variant ?? t.Variant,
                TargetVariant = candidate.Variant is not null && candidate.Endpoint is null ? candidate.Variant : t.TargetVariant,
            };
        return scenario with
        {
            Name = $"{scenario.Name}-{candidate.Name}",
            Target = target,
            Candidates = [],
            Recommend = scenario.Recommend with { PricePerInstanceHour = pricePerInstanceHourUsd },
        };
    }
}
