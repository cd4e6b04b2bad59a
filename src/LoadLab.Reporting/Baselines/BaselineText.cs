using System.Globalization;
using LoadLab.Reporting.Exporters;

namespace LoadLab.Reporting.Baselines;

/// <summary>The words and table of the "Against the baseline" section, shared by report.html and summary.md.</summary>
public static class BaselineText
{
    public static IReadOnlyList<string> Header { get; } = ["threshold", "scope", "baseline", "limit", "observed", "p-value", "verdict"];

    public static string Headline(BaselineComparison c) =>
        c.Regression
            ? $"regressed against the baseline: {string.Join("; ", c.Regressions)}"
            : $"no regression against the baseline ({c.Thresholds.Count} threshold(s) held or the difference was not significant)";

    public static IReadOnlyList<IReadOnlyList<string>> Rows(BaselineComparison c) =>
        [.. c.Thresholds.Select(t => (t, k: BaselineCheck.Worst(t.Checks))).Select(x => (IReadOnlyList<string>)
        [
            x.t.Expression,
            x.k?.Scope ?? "–",
            Value(x.k?.BaselineValue, x.k?.Unit),
            Value(x.k?.LimitValue, x.k?.Unit),
            Value(x.k?.ObservedValue, x.k?.Unit),
            x.k?.PValue is { } p ? PValue(p) : "–",
            x.k is null ? "not judged" : Verdict(x.k),
        ])];

    private static string Verdict(BaselineCheck k) =>
        !k.Judged ? "not judged" + (k.Note is null ? "" : $": {k.Note}")
        : k.Regression ? "REGRESSION"
        : k.Holds ? "holds"
        : "broken, not significant";

    private static string Value(double? v, string? unit) => unit switch
    {
        "ms" => Fmt.N(v, 1) + " ms",
        "fraction" => Fmt.Pct(v, 2),
        "per_min" => Fmt.N(v, 1) + " /instance/min",
        _ => Fmt.N(v, 3),
    };

    private static string PValue(double p) => p < 1e-6 ? "< 1e-6" : p.ToString("0.####", CultureInfo.InvariantCulture);
}
