using LoadLab.Compare.Model;
using LoadLab.Reporting.Exporters;

namespace LoadLab.Compare.Exporters;

/// <summary>The comparison's tables as plain cells, so the Markdown and HTML pages show the same numbers.</summary>
public static class CompareTables
{
    public static readonly IReadOnlyList<string> ScopeHeader =
    [
        "scope", "offered (requests/s)", "requests (baseline → run)", "error rate (baseline → run)",
        "p50 ms", "p90 ms", "p99 ms", "P(run slower)", "U test p-value",
    ];

    public static IEnumerable<IReadOnlyList<string>> ScopeRows(ComparisonResult c)
    {
        foreach (var s in c.Steps) yield return Scope($"step {s.Step}", Fmt.N(s.OfferedPerS, 2), s.Latency);
        yield return Scope("overall", "–", c.Overall);
    }

    private static IReadOnlyList<string> Scope(string name, string offered, ScopeComparison s) =>
    [
        name, offered, $"{Fmt.I(s.Baseline.Requests)} → {Fmt.I(s.Run.Requests)}",
        $"{Fmt.Pct(s.Baseline.ErrorRateFraction)} → {Fmt.Pct(s.Run.ErrorRateFraction)}",
        Pair(s.Baseline.P50Ms, s.Run.P50Ms), Pair(s.Baseline.P90Ms, s.Run.P90Ms), Pair(s.Baseline.P99Ms, s.Run.P99Ms),
        Fmt.N(s.LatencyTest.ProbRunSlowerFraction, 3), PValue(s.LatencyTest.PValue),
    ];

    public static readonly IReadOnlyList<string> CheckHeader =
        ["threshold", "scope", "baseline", "limit", "observed", "p-value", "verdict", "note"];

    public static IEnumerable<IReadOnlyList<string>> CheckRows(ComparisonResult c) =>
        c.Thresholds.SelectMany(t => t.Checks.Select(k => (IReadOnlyList<string>)
        [
            t.Expression, k.Scope, Value(k.BaselineValue, k.Unit), Value(k.LimitValue, k.Unit), Value(k.ObservedValue, k.Unit),
            k.PValue is { } p ? PValue(p) : "–", Verdict(k), k.Note ?? "",
        ]));

    public static readonly IReadOnlyList<string> AnalysisHeader = ["", "baseline", "run"];

    public static IEnumerable<IReadOnlyList<string>> AnalysisRows(ComparisonResult c)
    {
        var (b, r) = (c.Analysis.Baseline, c.Analysis.Run);
        yield return ["sustainable (invocations/instance/min)", Sustainable(b), Sustainable(r)];
        yield return ["recommended target (invocations/instance/min)", Fmt.N(b.TargetValuePerInstancePerMin), Fmt.N(r.TargetValuePerInstancePerMin)];
        yield return ["capacity (min–max instances)", Capacity(b), Capacity(r)];
        yield return ["cost at peak (USD/hour)", Fmt.Money(b.CostPerHourAtPeakUsd), Fmt.Money(r.CostPerHourAtPeakUsd)];
        yield return ["cost (USD/day)", Fmt.Money(b.CostPerDayUsd), Fmt.Money(r.CostPerDayUsd)];
    }

    public static string Verdict(ThresholdCheck k) =>
        !k.Judged ? "not judged" : k.Regression ? "REGRESSION" : k.Holds ? "holds" : "broken, not significant";

    public static string Headline(ComparisonResult c) => c.Regression
        ? $"regression: {string.Join("; ", c.Regressions)}"
        : "no regression: every threshold holds or its difference is not significant";

    public static string PValue(double p) =>
        double.IsNaN(p) ? "–" : p < 1e-6 ? "< 0.000001" : p.ToString("0.######", System.Globalization.CultureInfo.InvariantCulture);

    private static string Pair(double? b, double? r) => $"{Fmt.N(b, 2)} → {Fmt.N(r, 2)}";

    private static string Value(double? v, string unit) => unit switch
    {
        "fraction" => Fmt.Pct(v),
        "ms" => Fmt.N(v, 2) + (v is null ? "" : " ms"),
        _ => Fmt.N(v) + (v is null ? "" : " /min"),
    };

    private static string Sustainable(AnalysisFigures a) =>
        a.SustainablePerInstancePerMin is null ? "–"
        : $"{Fmt.N(a.SustainablePerInstancePerMin)} (95 % CI {Fmt.N(a.SustainableCiLowPerInstancePerMin)}–{Fmt.N(a.SustainableCiHighPerInstancePerMin)})"
          + (a.Saturated ? "" : ", at least: never saturated");

    private static string Capacity(AnalysisFigures a) =>
        a.MinCapacity is null && a.MaxCapacity is null ? "–" : $"{a.MinCapacity?.ToString() ?? "–"}–{a.MaxCapacity?.ToString() ?? "–"}";
}
