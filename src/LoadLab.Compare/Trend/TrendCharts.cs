using LoadLab.Reporting.Charts;
using LoadLab.Reporting.Exporters;
using ScottPlot;

namespace LoadLab.Compare.Trend;

/// <summary>
/// The trend's charts in the report's style: one per figure, the runs in start order on the x axis (numbered, as
/// the table beside numbers them), so runs days apart and runs minutes apart read alike.
/// </summary>
public static class TrendCharts
{
    public static IReadOnlyList<ChartImage> For(ScenarioTrend s)
    {
        var charts = new List<ChartImage>();
        var pct = s.Runs.Select(r => r.LatencyPercentile).FirstOrDefault(p => p is not null);
        Add(charts, s, "sustainable", "Sustainable load", "Invocations per instance per minute", r => r.SustainablePerInstancePerMin,
            r => r.SustainableCiLowPerInstancePerMin, r => r.SustainableCiHighPerInstancePerMin, ChartStyle.Blue);
        Add(charts, s, "latency", $"{(pct is { } p ? Fmt.Percentile(p) : "SLO percentile")} at the recommended target", "Latency (ms)",
            r => r.LatencyAtTargetMs, null, null, ChartStyle.Vermillion);
        Add(charts, s, "cost", "Cost at peak", "USD per hour", r => r.CostPerHourAtPeakUsd, null, null, ChartStyle.Green);
        return charts;
    }

    private static void Add(List<ChartImage> charts, ScenarioTrend s, string id, string title, string yLabel,
        Func<TrendPoint, double?> value, Func<TrendPoint, double?>? low, Func<TrendPoint, double?>? high, Color color)
    {
        var points = s.Runs.Select((r, i) => (X: i + 1.0, Run: r, Y: value(r))).Where(p => p.Y is { } y && double.IsFinite(y)).ToList();
        if (points.Count == 0) return;
        var plot = ChartStyle.NewPlot(title, "Run (in start order)", yLabel);
        var xs = points.Select(p => p.X).ToArray();
        var ys = points.Select(p => p.Y!.Value).ToArray();
        if (low is not null && high is not null && points.All(p => low(p.Run) is not null && high(p.Run) is not null))
        {
            // The 95 % confidence interval as a vertical bar through each point.
            foreach (var p in points)
            {
                var bar = plot.Add.Line(p.X, low(p.Run)!.Value, p.X, high(p.Run)!.Value);
                bar.Color = ChartStyle.Grey;
                bar.LineWidth = 2;
            }
        }
        var line = plot.Add.Scatter(xs, ys, color);
        line.MarkerSize = 8;
        line.LineWidth = 2;
        plot.Axes.Bottom.SetTicks(xs, points.Select(p => ((int)p.X).ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray());
        plot.Axes.AutoScale();
        plot.Axes.Margins(0.08, 0.15);
        var lim = plot.Axes.GetLimits();
        plot.Axes.SetLimitsY(Math.Min(0, lim.Bottom), lim.Top);
        var safeId = new string(s.Scenario.Select(c => char.IsLetterOrDigit(c) ? c : '-').ToArray());
        charts.Add(ChartStyle.Render(plot, $"trend-{safeId}-{id}", title,
            $"Line chart of {title.ToLowerInvariant()} over {points.Count} run(s) of {s.Scenario}: " +
            string.Join(", ", points.Select(p => $"run {(int)p.X} {Fmt.N(p.Y, 2)}")) + ".", ChartStyle.Width, 300));
    }
}
