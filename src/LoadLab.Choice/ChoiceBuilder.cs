using LoadLab.Choice.Loading;
using LoadLab.Choice.Model;
using static System.FormattableString;

namespace LoadLab.Choice;

/// <summary>
/// The choice across candidates: each judged from its own files (<see cref="CandidateJudge"/>), the winner the
/// cheapest per day among those that hold the SLO, and every near-tie named rather than hidden. Pure.
/// </summary>
public static class ChoiceBuilder
{
    public static ChoiceFile Build(IReadOnlyList<CandidateRun> runs, string region, ChoiceOptions options)
    {
        options.Validate();
        var rows = runs.Select(r => CandidateJudge.Judge(r, options)).ToList();
        var warnings = new List<string>();
        var traffics = runs.Where(r => r.Simulation is not null).Select(r => TrafficName(r.Simulation!.TrafficSource)).Distinct(StringComparer.Ordinal).ToList();
        if (traffics.Count > 1)
            warnings.Add("the candidates' backtests ran on different traffic (" + string.Join("; ", traffics) + "): their costs are not comparable");
        var minutes = runs.Where(r => r.Simulation is not null).Select(r => r.Simulation!.Minutes).Distinct().ToList();
        if (minutes.Count > 1) warnings.Add("the candidates' backtests cover different lengths (" + string.Join(", ", minutes) + " minutes)");
        foreach (var r in rows.Where(r => r.SustainableIsLowerBound))
            warnings.Add($"{r.Name}: the run never reached its limit, so its sustainable load is a lower bound and its cost an upper bound");
        foreach (var r in runs.Where(r => r.Price.Source == Core.Pricing.PriceTable.BuiltInName))
            warnings.Add($"{r.Entry.Name}: the price of {r.Entry.InstanceType} is the built-in table's (figures as of {r.Price.AsOf}, not fetched): give --prices FILE for billing-grade numbers");

        var holding = rows.Where(r => r.Status == CandidateStatus.Holds && r.CostUsdPerDay is not null).OrderBy(r => r.CostUsdPerDay).ThenBy(r => r.Name, StringComparer.Ordinal).ToList();
        var winner = holding.FirstOrDefault();
        var ties = winner is null ? [] : holding.Skip(1).Where(r => IsNearTie(winner, r, options)).Select(r => r.Name).ToList();
        return new ChoiceFile
        {
            Region = region,
            Traffic = traffics.Count == 1 ? traffics[0] : string.Join("; ", traffics),
            Candidates = rows,
            Winner = winner?.Name,
            NearTies = ties,
            Verdict = Verdict(rows, winner, holding, ties),
            AllowedViolationMinutes = options.AllowedViolationMinutes,
            AllowedViolationFraction = options.AllowedViolationFraction,
            NearTieFraction = options.NearTieFraction,
            Prices = runs.Select(r => new PriceUsed(r.Entry.Name, r.Entry.InstanceType, r.Price.Region, r.Price.UsdPerInstanceHour, r.Price.Source, r.Price.AsOf)).ToList(),
            Warnings = warnings,
            PolicyPoints = PolicyPoints(runs),
        };
    }

    /// <summary>
    /// Each sub-run replaying its own timeline.csv is the same traffic (one load design offered to every candidate):
    /// named once so it is not mistaken for different traffic.
    /// </summary>
    private static string TrafficName(string source) =>
        Path.GetFileName(source) == "timeline.csv" ? "each candidate's own timeline.csv (the same load design, as offered)" : source;

    /// <summary>The other's cost interval reaches the winner's, or its point cost is within the near-tie fraction.</summary>
    public static bool IsNearTie(CandidateChoice winner, CandidateChoice other, ChoiceOptions options)
    {
        var w = winner.CostUsdPerDay!.Value;
        var o = other.CostUsdPerDay!.Value;
        if (o <= w * (1 + options.NearTieFraction)) return true;
        return (other.CostLowUsdPerDay ?? o) <= (winner.CostHighUsdPerDay ?? w);
    }

    private static string Verdict(List<CandidateChoice> rows, CandidateChoice? winner, List<CandidateChoice> holding, List<string> ties)
    {
        if (winner is null)
        {
            var least = rows.Where(r => r.SloViolationMinutes is not null).OrderBy(r => r.SloViolationMinutes).FirstOrDefault();
            return "No candidate holds the SLO on this traffic" +
                   (least is null ? "." : Invariant($"; the fewest SLO-violation minutes: {least.Name} ({least.InstanceType}), {least.SloViolationMinutes:0.#}."));
        }
        var text = Invariant($"{winner.Name} ({winner.InstanceType}) is the cheapest candidate that holds the SLO: ${winner.CostUsdPerDay:0.00} a day");
        var next = holding.Skip(1).FirstOrDefault();
        if (next is not null)
            text += Invariant($" against ${next.CostUsdPerDay:0.00} for {next.Name} ({next.InstanceType})");
        if (holding.Count == 1 && rows.Count > 1) text += " (the only one that holds it)";
        text += ".";
        if (ties.Count > 0)
            text += " A near-tie: " + string.Join(", ", ties) + " costs within the sustainable load's interval (or " +
                    "within the near-tie margin) of the winner, so the choice between them is not settled by this run; measure longer steps or compare on price alone.";
        return text;
    }

    /// <summary>Every simulated policy of every candidate, at the candidate's price: the cost-versus-SLO cloud.</summary>
    private static List<PolicyPoint> PolicyPoints(IReadOnlyList<CandidateRun> runs)
    {
        var points = new List<PolicyPoint>();
        foreach (var r in runs)
        {
            if (r.Simulation is not { Minutes: > 0 } sim) continue;
            foreach (var c in sim.Candidates)
                points.Add(new PolicyPoint(r.Entry.Name, c.Name, c.Kind, c.SloViolationMinutes,
                    Math.Round(c.InstanceHours * r.Price.UsdPerInstanceHour * CandidateJudge.MinutesPerDay / sim.Minutes, 4), c.InstanceHours));
        }
        return points;
    }
}
