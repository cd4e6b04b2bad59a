namespace LoadLab.Core.Pricing;

/// <summary>
/// Which price a candidate instance type gets: its own (the scenario's pricePerInstanceHour) first, then the user's
/// <c>--prices</c> file, then the built-in table. Null means none has it: the caller reports that as a located error,
/// because a choice made on a guessed price is worse than none.
/// </summary>
public static class PriceResolver
{
    public const string ScenarioSource = "scenario";

    public static PriceQuote? Resolve(string instanceType, string region, double? ownPriceUsd, PriceTable? userTable, PriceTable builtIn)
    {
        if (ownPriceUsd is { } own) return new PriceQuote(instanceType, region, own, ScenarioSource, "");
        return userTable?.Find(instanceType, region) ?? builtIn.Find(instanceType, region);
    }

    /// <summary>Why no price was found, for the error message.</summary>
    public static string Missing(string instanceType, string region, PriceTable? userTable, PriceTable builtIn)
    {
        var known = builtIn.HasInstanceType(instanceType) || userTable?.HasInstanceType(instanceType) == true;
        var where = known
            ? $"{instanceType} has no price for region {region} (the built-in table covers {string.Join(", ", builtIn.Regions)})"
            : $"{instanceType} is not in the built-in price table" + (userTable is null ? "" : $" nor in {userTable.Name}");
        return where + ": give pricePerInstanceHour for this candidate in the scenario, or a --prices FILE with a row for it";
    }
}
