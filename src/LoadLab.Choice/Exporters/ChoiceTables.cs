using LoadLab.Choice.Model;
using LoadLab.Reporting.Exporters;

namespace LoadLab.Choice.Exporters;

/// <summary>The choice's tables as rows of text, shared by choice.md and choice.html so they cannot disagree.</summary>
public static class ChoiceTables
{
    public static readonly string[] CandidateHeader =
    [
        "candidate", "instance type", "verdict", "sustainable req/s per instance (95 % interval)", "policy: target IPM, cooldowns out/in, min–max",
        "SLO-violation minutes (pessimistic)", "instance-hours", "USD/h at peak", "USD/day (interval)", "USD per million inferences", "price USD/instance-hour (source)",
    ];

    public static IEnumerable<IReadOnlyList<string>> CandidateRows(ChoiceFile c) => c.Candidates.Select(r => (IReadOnlyList<string>)
    [
        r.Name + (r.Name == c.Winner ? " (winner)" : c.NearTies.Contains(r.Name) ? " (near-tie)" : ""),
        r.InstanceType,
        r.Status + (r.Reason.Length > 0 ? ": " + r.Reason : ""),
        Sustainable(r),
        r.TargetValueIpm is null ? "–" : $"{Fmt.N(r.TargetValueIpm, 0)}, {Fmt.Seconds(r.ScaleOutCooldownS)}/{Fmt.Seconds(r.ScaleInCooldownS)}, {r.MinCapacity}–{r.MaxCapacity}",
        r.SloViolationMinutes is null ? "–" : Fmt.N(r.SloViolationMinutes) + (r.SloViolationMinutesPessimistic is { } p ? $" ({Fmt.N(p)})" : ""),
        Fmt.N(r.InstanceHours, 2),
        Fmt.Money(r.CostAtPeakUsdPerHour),
        r.CostUsdPerDay is null ? "–" : $"{Fmt.Money(r.CostUsdPerDay)} ({Fmt.Money(r.CostLowUsdPerDay)}–{Fmt.Money(r.CostHighUsdPerDay)})",
        Fmt.Money(r.CostUsdPerMillionInferences),
        $"{Fmt.N(r.PriceUsdPerInstanceHour, 4)} ({r.PriceSource})",
    ]);

    public static readonly string[] PriceHeader = ["candidate", "instance type", "region", "USD per instance-hour", "source", "as of"];

    public static IEnumerable<IReadOnlyList<string>> PriceRows(ChoiceFile c) => c.Prices.Select(p => (IReadOnlyList<string>)
        [p.Candidate, p.InstanceType, p.Region, Fmt.N(p.UsdPerInstanceHour, 4), p.Source, p.AsOf.Length > 0 ? p.AsOf : "–"]);

    private static string Sustainable(CandidateChoice r)
    {
        if (r.SustainableIpm is not { } s) return "–";
        var text = (r.SustainableIsLowerBound ? "≥ " : "") + Fmt.N(s / 60, 1);
        if (r.SustainableIpmCiLow is { } lo && r.SustainableIpmCiHigh is { } hi) text += $" ({Fmt.N(lo / 60, 1)}–{Fmt.N(hi / 60, 1)})";
        return text;
    }
}
