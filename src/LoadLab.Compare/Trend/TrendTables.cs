using LoadLab.Reporting.Exporters;

namespace LoadLab.Compare.Trend;

/// <summary>The trend's table as plain cells, shared by trend.md and trend.html.</summary>
public static class TrendTables
{
    public static IReadOnlyList<string> Header(ScenarioTrend s)
    {
        var pct = s.Runs.Select(r => r.LatencyPercentile).FirstOrDefault(p => p is not null);
        return
        [
            "run", "directory", "start (UTC)", "seed", "sustainable (invocations/instance/min)", "95 % CI",
            "target (invocations/instance/min)", $"{(pct is { } p ? Fmt.Percentile(p) : "latency")} at target (ms)",
            "cost at peak (USD/hour)", "cost (USD/day)",
        ];
    }

    public static IEnumerable<IReadOnlyList<string>> Rows(ScenarioTrend s) => s.Runs.Select((r, i) => (IReadOnlyList<string>)
    [
        (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), r.Directory + (r.Interrupted ? " (interrupted)" : ""),
        Fmt.Time(r.StartUtc), r.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Fmt.N(r.SustainablePerInstancePerMin),
        r.SustainableCiLowPerInstancePerMin is null ? "–" : $"{Fmt.N(r.SustainableCiLowPerInstancePerMin)}–{Fmt.N(r.SustainableCiHighPerInstancePerMin)}",
        Fmt.N(r.TargetValuePerInstancePerMin), Fmt.N(r.LatencyAtTargetMs, 2), Fmt.Money(r.CostPerHourAtPeakUsd), Fmt.Money(r.CostPerDayUsd),
    ]);
}
