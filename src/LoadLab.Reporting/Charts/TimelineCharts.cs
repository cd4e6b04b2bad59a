using LoadLab.Core.RunFiles;
using LoadLab.Reporting.Exporters;
using LoadLab.Reporting.Model;
using ScottPlot;

namespace LoadLab.Reporting.Charts;

/// <summary>
/// "The run over time": stacked charts on one time axis (minutes since the run started, same limits and same
/// data-area padding), so a reader can look straight down from a latency spike to the errors and instances.
/// </summary>
public static class TimelineCharts
{
    /// <summary>The charts, notes on what is missing, and the shared time axis's label (null when nothing was drawn).</summary>
    public sealed record Result(IReadOnlyList<ChartImage> Charts, IReadOnlyList<string> Notes, string? AxisLabel = null);

    public static Result Create(ReportModel m)
    {
        var charts = new List<ChartImage>();
        var notes = new List<string>();
        var start = m.RunStart;
        var rows = m.Timeline.Value ?? [];
        var metrics = m.Metrics.Value;
        if (start is null) return new Result(charts, ["No run start time (run.json and timeline.csv are missing)."]);

        var axis = TimeAxis.For(start.Value, m);
        double Min(DateTimeOffset t) => axis.X(t);

        // One x range for every chart: the union of the timeline and the metrics window.
        var xs = new List<double>();
        if (rows.Count > 0) { xs.Add(Min(rows[0].TimeUtc)); xs.Add(Min(rows[^1].TimeUtc)); }
        if (m.Run.Value?.EndUtc is { } end) xs.Add(Min(end));
        if (metrics?.InstanceCounts.Count > 0) { xs.Add(Min(metrics.InstanceCounts[0].TimeUtc)); xs.Add(Min(metrics.InstanceCounts[^1].TimeUtc)); }
        double x0 = Math.Min(0, xs.DefaultIfEmpty(0).Min()), x1 = xs.DefaultIfEmpty(1).Max();
        if (x1 <= x0) x1 = x0 + 1;

        Plot New(string title, string y)
        {
            var p = ChartStyle.NewPlot(title, axis.Label, y);
            p.Layout.Fixed(ChartStyle.TimePadding);
            p.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
            return p;
        }
        ChartImage Done(Plot p, string id, string title, string alt, double yMin = 0)
        {
            p.Axes.AutoScale();
            var lim = p.Axes.GetLimits();
            // Headroom on top for a one-row legend, so it never hides data.
            p.Axes.SetLimits(x0, x1, Math.Min(yMin, lim.Bottom), Math.Max(lim.Top * 1.3, yMin + 1));
            p.ShowLegend(Alignment.UpperLeft, Orientation.Horizontal);
            return ChartStyle.Render(p, id, title, alt, ChartStyle.Width, 300);
        }

        if (rows.Count > 0)
        {
            var t = rows.Select(r => Min(r.TimeUtc)).ToArray();

            var rate = New("Offered vs ok rate", "Requests per second");
            var offered = rate.Add.ScatterLine(t, rows.Select(r => (double)r.Offered).ToArray(), ChartStyle.Blue);
            offered.LegendText = "offered /s"; offered.LineWidth = 2;
            var achieved = rate.Add.ScatterLine(t, rows.Select(r => (double)r.Ok).ToArray(), ChartStyle.Orange);
            achieved.LegendText = "ok /s (succeeded; the steps table's Ok rps)"; achieved.LineWidth = 2; achieved.LinePattern = LinePattern.Dashed;
            charts.Add(Done(rate, "chart-rate", "Offered vs ok rate",
                $"Line chart over {Fmt.N(x1 - x0)} {axis.Unit}: offered requests per second peak {Fmt.I(rows.Max(r => r.Offered))}, ok (succeeded) peak {Fmt.I(rows.Max(r => r.Ok))}."));

            var lat = New("Client latency percentiles (per second)", "Latency (ms)");
            void L(Func<TimelineRow, double> f, string label, Color c, LinePattern pattern)
            {
                var pts = rows.Where(r => r.Completed > 0).ToList();
                if (pts.Count == 0) return;
                var s = lat.Add.ScatterLine(pts.Select(r => Min(r.TimeUtc)).ToArray(), pts.Select(f).ToArray(), c);
                s.LegendText = label; s.LineWidth = 1.5f; s.LinePattern = pattern;
            }
            L(r => r.P50Ms, "p50", ChartStyle.SkyBlue, LinePattern.Solid);
            L(r => r.P90Ms, "p90", ChartStyle.Blue, LinePattern.Solid);
            L(r => r.P99Ms, "p99", ChartStyle.Purple, LinePattern.Dashed);
            if (m.Slo is { } slo)
            {
                var h = lat.Add.HorizontalLine(slo.LatencyMs, 2, ChartStyle.Vermillion, LinePattern.Dashed);
                h.LegendText = $"SLO {Fmt.N(slo.LatencyMs)} ms";
            }
            charts.Add(Done(lat, "chart-latency-time", "Client latency percentiles over time",
                $"Line chart of client p50, p90 and p99 latency per second; worst p99 {Fmt.N(rows.Max(r => r.P99Ms))} ms."));

            var err = New("Errors by class (per second)", "Errors per second");
            var classes = new (string Name, Func<TimelineRow, long> F, Color C)[]
            {
                ("model error", r => r.ErrModel, ChartStyle.Purple), ("throttled", r => r.ErrThrottle, ChartStyle.Orange),
                ("5xx", r => r.Err5xx, ChartStyle.Vermillion), ("4xx", r => r.Err4xx, ChartStyle.SkyBlue),
                ("timeout", r => r.ErrTimeout, ChartStyle.Black), ("connection", r => r.ErrConnection, ChartStyle.Grey),
                ("dropped", r => r.Dropped, ChartStyle.Green),
            };
            var totals = new List<string>();
            foreach (var (name, f, c) in classes)
            {
                long total = rows.Sum(f);
                if (total == 0) continue;
                var s = err.Add.ScatterLine(t, rows.Select(r => (double)f(r)).ToArray(), c);
                s.LegendText = name; s.LineWidth = 1.5f;
                totals.Add($"{name} {Fmt.I(total)}");
            }
            if (totals.Count == 0)
            {
                var zero = err.Add.ScatterLine(t, t.Select(_ => 0.0).ToArray(), ChartStyle.Green);
                zero.LegendText = "no errors";
            }
            charts.Add(Done(err, "chart-errors", "Errors by class over time",
                totals.Count == 0 ? "Line chart of errors per second: no errors in the whole run." : "Line chart of errors per second by class; totals: " + string.Join(", ", totals) + "."));
        }
        else
        {
            notes.Add(m.Timeline.Problem ?? "timeline.csv has no rows.");
        }

        if (metrics is not null)
        {
            if (metrics.InstanceCounts.Count > 0)
            {
                var inst = New("Instances", "Instances");
                var ts = metrics.InstanceCounts.Select(s => Min(s.TimeUtc)).ToArray();
                var cur = inst.Add.Scatter(ts, metrics.InstanceCounts.Select(s => (double)s.Current).ToArray(), ChartStyle.Blue);
                cur.LegendText = "in service"; cur.ConnectStyle = ConnectStyle.StepHorizontal; cur.LineWidth = 2; cur.MarkerSize = 0;
                var des = inst.Add.Scatter(ts, metrics.InstanceCounts.Select(s => (double)s.Desired).ToArray(), ChartStyle.Orange);
                des.LegendText = "desired"; des.ConnectStyle = ConnectStyle.StepHorizontal; des.LineWidth = 2; des.MarkerSize = 0; des.LinePattern = LinePattern.Dashed;
                charts.Add(Done(inst, "chart-instances", "Instances over time",
                    $"Step chart of instance count: from {metrics.InstanceCounts[0].Current} to {metrics.InstanceCounts[^1].Current}, at most {metrics.InstanceCounts.Max(s => s.Current)}."));
            }
            else notes.Add("metrics.json has no instance counts.");

            var cpu = metrics.Series.FirstOrDefault(s => s.MetricName == "CPUUtilization" && s.Stat == "Average" && s.Points.Count > 0)
                      ?? metrics.Series.FirstOrDefault(s => s.MetricName == "CPUUtilization" && s.Points.Count > 0);
            if (cpu is not null)
            {
                var p = New("CPU utilization", "CPU (%, 100 per core)");
                var s = p.Add.Scatter(cpu.Points.Select(x => Min(x.TimeUtc)).ToArray(), cpu.Points.Select(x => x.Value).ToArray(), ChartStyle.Vermillion);
                s.LegendText = $"CPUUtilization ({cpu.Stat}, {cpu.PeriodS} s)"; s.LineWidth = 2; s.MarkerSize = 4;
                charts.Add(Done(p, "chart-cpu", "CPU utilization over time",
                    $"Line chart of CPUUtilization ({cpu.Stat}) from CloudWatch, peak {Fmt.N(cpu.Points.Max(x => x.Value))} %."));
            }
            else notes.Add("metrics.json has no CPUUtilization series.");
        }
        else
        {
            notes.Add((m.Metrics.Problem ?? "metrics.json is missing.") + " Instances and CPU are not shown.");
        }
        return new Result(charts, notes, axis.Label);
    }
}
