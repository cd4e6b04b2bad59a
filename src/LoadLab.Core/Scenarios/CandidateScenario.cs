namespace LoadLab.Core.Scenarios;

/// <summary>
/// The scenario one candidate's sub-run runs: the same load design, SLO and thresholds, aimed at the candidate
/// (its variant through TargetVariant, its endpoint, or its URL), named after it, and carrying its price so the
/// recommendation's cost is the candidate's. Pure.
/// </summary>
public static class CandidateScenario
{
    /// <summary>The header SageMaker (and the sim endpoint, and proxies that honour it) routes a request to a variant by.</summary>
    public const string TargetVariantHeader = "X-Amzn-SageMaker-Target-Variant";

    private static Dictionary<string, string> WithTargetVariant(IReadOnlyDictionary<string, string> headers, string variant) =>
        new(headers.Where(h => !h.Key.Equals(TargetVariantHeader, StringComparison.OrdinalIgnoreCase)), StringComparer.OrdinalIgnoreCase)
        {
            [TargetVariantHeader] = variant,
        };

    public static Scenario For(Scenario scenario, CandidateSpec candidate, double pricePerInstanceHourUsd)
    {
        var t = scenario.Target;
        var target = t.Kind == TargetKind.Http
            ? t with { Url = candidate.Url ?? t.Url, Headers = candidate.Variant is null ? t.Headers : WithTargetVariant(t.Headers, candidate.Variant) }
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
