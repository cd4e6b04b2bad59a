using LoadLab.Core.Errors;

namespace LoadLab.Choice;

/// <summary>
/// How the choice judges a backtest and a tie. The defaults are the recommender's own allowance (its simulated check
/// steps a target down past it), so a policy the recommender accepted is not rejected here.
/// </summary>
public sealed record ChoiceOptions
{
    /// <summary>SLO-violation minutes a backtest may have and still hold: the larger of this count (default 2)...</summary>
    public double AllowedViolationMinutes { get; init; } = 2;
    /// <summary>...and this fraction of the backtest's minutes (default 0.01: the SLO holds in 99 % of minutes).</summary>
    public double AllowedViolationFraction { get; init; } = 0.01;
    /// <summary>A holding candidate whose cost per day is within this fraction of the winner's (default 0.05) is a
    /// near-tie even when the intervals do not overlap: a few percent is inside what a price table or a day's traffic moves.</summary>
    public double NearTieFraction { get; init; } = 0.05;

    public ChoiceOptions Validate()
    {
        if (AllowedViolationMinutes < 0 || !double.IsFinite(AllowedViolationMinutes))
            throw new UserInputException("choice options", "AllowedViolationMinutes", "must be >= 0");
        if (AllowedViolationFraction is < 0 or > 1 || double.IsNaN(AllowedViolationFraction))
            throw new UserInputException("choice options", "AllowedViolationFraction", "must be between 0 and 1");
        if (NearTieFraction is < 0 or > 1 || double.IsNaN(NearTieFraction))
            throw new UserInputException("choice options", "NearTieFraction", "must be between 0 and 1");
        return this;
    }

    /// <summary>The allowance for a backtest of <paramref name="minutes"/> minutes.</summary>
    public double AllowedFor(int minutes) => Math.Max(AllowedViolationMinutes, AllowedViolationFraction * minutes);
}
