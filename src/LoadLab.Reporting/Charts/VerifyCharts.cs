using System.Globalization;
using LoadLab.Core.RunFiles;
using LoadLab.Reporting.Exporters;
using ScottPlot;

namespace LoadLab.Reporting.Charts;

/// <summary>
/// "Closed-loop check": the per-minute timeline of verify.json as two stacked charts on one axis (minutes of the
/// endpoint's clock since the check started): latency at the SLO percentile against the SLO line, with the minutes
/// over the SLO shaded; and desired against in-service instances. The load step and the first scale-out are marked
/// on both, so a reader looks straight down from the latency to the fleet.
/// </summary>
public static class VerifyCharts
{
    public static IReadOnlyList<ChartImage> Create(VerifyFile f)
    {
        var minutes = f.Timeline;
        if (minutes.Count == 0) return [];
        var t0 = minutes[0].MinuteUtc;
        double X(DateTimeOffset t) => (t - t0).TotalMinutes;
        // Each minute is drawn at its middle; the axis covers whole minutes.
        double x0 = 0, x1 = Math.Max(1, X(minutes[^1].MinuteUtc) + 1);
        var clock = ClosedLoopTables.ClockNote(f) is { } note ? $" ({note})" : "";
        var v = f.Verdict;

        Plot New(string title, string y)
        {
            // Minutes are whole minutes of the endpoint's clock, so the axis starts at the first one, not at the first request.
            var p = ChartStyle.NewPlot(title, $"Minutes since {t0.UtcDateTime.ToString("HH:mm", CultureInfo.InvariantCulture)} UTC" + clock, y);
            p.Layout.Fixed(ChartStyle.TimePadding);
            return p;
        }
        void Marks(Plot p)
        {
            if (v.LoadStepUtc is { } step)
            {
                var l = p.Add.VerticalLine(X(step), 1.5f, ChartStyle.Grey, LinePattern.DenselyDashed);
                l.LegendText = "load step";
            }
            if (v.FirstScaleOutUtc is { } first)
            {
                var l = p.Add.VerticalLine(X(first), 1.5f, ChartStyle.Green, LinePattern.Dotted);
                l.LegendText = "first scale-out";
            }
        }
        ChartImage Done(Plot p, string id, string title, string alt, double yTop)
        {
            p.Axes.SetLimits(x0, x1, 0, Math.Max(1, yTop * 1.35)); // headroom for the one-row legend
            p.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true }; // whole minutes
            p.ShowLegend(Alignment.UpperLeft, Orientation.Horizontal);
            return ChartStyle.Render(p, id, title, alt, ChartStyle.Width, 300);
        }
        var mid = minutes.Select(m => X(m.MinuteUtc) + 0.5).ToArray();
        var charts = new List<ChartImage>();

        var pct = Fmt.Percentile(f.Slo.LatencyPercentile);
        var lat = New($"Client {pct} latency per minute", "Latency (ms)");
        bool first = true;
        foreach (var m in minutes.Where(m => m.Violation))
        {
            var span = lat.Add.HorizontalSpan(X(m.MinuteUtc), X(m.MinuteUtc) + 1, ChartStyle.Vermillion.WithAlpha(0.12));
            if (first) span.LegendText = "over the SLO";
            first = false;
        }
        var withLatency = minutes.Select((m, i) => (m, x: mid[i])).Where(p => p.m.LatencyMs is not null).ToList();
        if (withLatency.Count > 0)
        {
            var s = lat.Add.Scatter(withLatency.Select(p => p.x).ToArray(), withLatency.Select(p => p.m.LatencyMs!.Value).ToArray(), ChartStyle.Blue);
            s.LegendText = pct; s.LineWidth = 2; s.MarkerSize = 6;
        }
        var slo = lat.Add.HorizontalLine(f.Slo.LatencyMs, 2, ChartStyle.Vermillion, LinePattern.Dashed);
        slo.LegendText = $"SLO {Fmt.N(f.Slo.LatencyMs)} ms";
        Marks(lat);
        var worst = withLatency.Count > 0 ? withLatency.Max(p => p.m.LatencyMs!.Value) : 0;
        charts.Add(Done(lat, "chart-verify-latency", $"Closed-loop check: {pct} latency per minute",
            $"Line chart of the client {pct} latency in each of {minutes.Count} minutes against the SLO of {Fmt.N(f.Slo.LatencyMs)} ms: "
            + $"worst {Fmt.N(worst)} ms, {v.ViolationMinutes} minute(s) over the SLO, {(v.Recovered ? "recovered" : "not recovered")} by the end.",
            Math.Max(worst, f.Slo.LatencyMs)));

        var inst = New("Instances per minute", "Instances");
        void Steps(Func<VerifyMinute, int?> value, string label, Color color, LinePattern pattern)
        {
            var pts = minutes.Where(m => value(m) is not null).ToList();
            if (pts.Count == 0) return;
            // Step lines over whole minutes: each minute's value from its start to its end.
            var xs = pts.Select(m => X(m.MinuteUtc)).Append(X(pts[^1].MinuteUtc) + 1).ToArray();
            var ys = pts.Select(m => (double)value(m)!.Value).Append(value(pts[^1])!.Value).ToArray();
            var s = inst.Add.Scatter(xs, ys, color);
            s.LegendText = label; s.ConnectStyle = ConnectStyle.StepHorizontal; s.LineWidth = 2; s.MarkerSize = 0; s.LinePattern = pattern;
        }
        Steps(m => m.InServiceInstances, "in service", ChartStyle.Blue, LinePattern.Solid);
        Steps(m => m.DesiredInstances, "desired", ChartStyle.Orange, LinePattern.Dashed);
        Marks(inst);
        inst.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true }; // whole instances
        var peak = minutes.Select(m => Math.Max(m.DesiredInstances ?? 0, m.InServiceInstances ?? 0)).DefaultIfEmpty(0).Max();
        charts.Add(Done(inst, "chart-verify-instances", "Closed-loop check: instances per minute",
            $"Step chart of desired and in-service instances per minute: from {v.InitialInstances?.ToString() ?? "unknown"} to at most "
            + $"{v.MaxDesiredInstances?.ToString() ?? "unknown"} desired and {v.MaxInServiceInstances?.ToString() ?? "unknown"} in service; "
            + $"{v.ScaleOuts} scale-out(s), {v.ScaleIns} scale-in(s).", peak));
        return charts;
    }
}
