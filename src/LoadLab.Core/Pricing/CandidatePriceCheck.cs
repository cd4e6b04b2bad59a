using LoadLab.Core.Errors;
using LoadLab.Core.Scenarios;

namespace LoadLab.Core.Pricing;

/// <summary>
/// Every candidate of a scenario priced before any load is sent: a candidate without a price (its own, the --prices
/// file's or the built-in table's) is a problem at its line in the scenario, so no run is spent on a choice that
/// could not be costed.
/// </summary>
public static class CandidatePriceCheck
{
    /// <summary>The region prices are looked up for: the target's, else us-east-1 (HTTP targets have none).</summary>
    public static string RegionOf(Scenario scenario, string? overrideRegion) => overrideRegion ?? scenario.Target.Region ?? "us-east-1";

    public static IReadOnlyList<PriceQuote> Resolve(Scenario scenario, string region, PriceTable? userPrices)
    {
        var builtIn = PriceTable.BuiltIn();
        var problems = new List<Problem>();
        var quotes = new List<PriceQuote>();
        for (var i = 0; i < scenario.Candidates.Count; i++)
        {
            var c = scenario.Candidates[i];
            if (PriceResolver.Resolve(c.InstanceType, region, c.PricePerInstanceHour, userPrices, builtIn) is { } q) quotes.Add(q);
            else problems.Add(new Problem(scenario.SourcePath ?? "scenario", c.Line, c.Column, $"candidates[{i}].instanceType",
                PriceResolver.Missing(c.InstanceType, region, userPrices, builtIn)));
        }
        if (problems.Count > 0) throw new UserInputException(problems);
        return quotes;
    }
}
