using LoadLab.Core.RunFiles;

namespace LoadLab.Reporting.Model;

/// <summary>
/// The interval around the sustainable IPI as analysis.json found it, and what kind of interval it is: a 95 %
/// confidence interval from resampling every step's requests, or a measured bracket (the two steps the limit lies
/// between). A bracket is not a confidence interval and is never called one; a zero-width interval is not an
/// interval at all and is not shown.
/// </summary>
public sealed record SustainableBand(double LowIpm, double HighIpm, string? Method, string? Note, int? LowStep, int? HighStep)
{
    public const string BootstrapMethod = "outcome_bootstrap";
    public const string BracketMethod = "step_bracket";

    /// <summary>True when the interval is the two measured steps either side of the limit.</summary>
    public bool IsBracket => Method == BracketMethod;

    /// <summary>The interval of <paramref name="a"/>, or null when there is none or it has no width.</summary>
    public static SustainableBand? From(AnalysisFile? a)
    {
        if (a?.SustainableIpmCiLow is not { } lo || a.SustainableIpmCiHigh is not { } hi || !(hi > lo)) return null;
        bool bracket = a.SustainableIpmCiMethod == BracketMethod;
        return new SustainableBand(lo, hi, a.SustainableIpmCiMethod, a.SustainableIpmCiNote,
            bracket ? StepAt(a, lo) : null, bracket ? StepAt(a, hi) : null);
    }

    /// <summary>The measured step at <paramref name="ipm"/>: a bracket's ends are steps' own IPI (rounded to 0.01 in analysis.json).</summary>
    private static int? StepAt(AnalysisFile a, double ipm)
    {
        var nearest = a.Points.Where(p => double.IsFinite(p.Ipm)).MinBy(p => Math.Abs(p.Ipm - ipm));
        return nearest is not null && Math.Abs(nearest.Ipm - ipm) <= Math.Max(0.02, 1e-4 * ipm) ? nearest.Step : null;
    }
}
