using LoadLab.Reporting.Model;

namespace LoadLab.Reporting.Exporters;

/// <summary>
/// How the report (HTML, Markdown, the chart and the CLI) words the sustainable IPI's interval, one wording for
/// all: "95 % CI lo–hi" only for a resampled interval, "between steps 7 and 8: lo–hi IPI, measured bracket" for a
/// step bracket.
/// </summary>
public static class IntervalText
{
    /// <summary>The interval as a parenthetical after the sustainable figure ("95 % CI 2,651–2,802").</summary>
    public static string Short(SustainableBand b) =>
        b.IsBracket
            ? (b.LowStep is { } l && b.HighStep is { } h ? $"between steps {l} and {h}: " : "")
              + $"{Fmt.N(b.LowIpm, 0)}–{Fmt.N(b.HighIpm, 0)} IPI, measured bracket"
            : $"95 % CI {Fmt.N(b.LowIpm, 0)}–{Fmt.N(b.HighIpm, 0)}";

    /// <summary>" (…)" after the sustainable figure, or "" when there is no interval.</summary>
    public static string Suffix(SustainableBand? b) => b is null ? "" : $" ({Short(b)})";

    /// <summary>The chart band's legend entry.</summary>
    public static string BandLabel(SustainableBand b) =>
        b.IsBracket
            ? "sustainable IPI, measured bracket" + (b.LowStep is { } l && b.HighStep is { } h ? $" (steps {l}–{h})" : "")
            : "sustainable IPI, 95 % CI";

    /// <summary>What kind of interval it is and how it was found (the Fit table's row).</summary>
    public static string Method(SustainableBand? b, string? note, int resamples, long? seed) => b switch
    {
        null => "none" + (note is { Length: > 0 } why ? ": " + why : " (no interval with width)"),
        { IsBracket: true } => "measured bracket, not a confidence interval" + (b.Note is { Length: > 0 } n ? ": " + n : ""),
        { Method: SustainableBand.BootstrapMethod } => "95 % CI, every step's requests resampled" + (b.Note is { Length: > 0 } n ? ": " + n : ""),
        _ => resamples > 0 ? $"95 % CI, bootstrap, {resamples} resamples, seed {seed}" : "95 % CI",
    };
}
