using LoadLab.Reporting.Exporters;
using LoadLab.Reporting.Model;
using ScottPlot;

namespace LoadLab.Reporting.Charts;

/// <summary>
/// The HdrHistogram percentile plot: latency against percentile on the usual log scale of 1/(1−p), so the tail
/// (p99, p99.9, p99.99) gets as much room as the median.
/// </summary>
public static class DistributionChart
{
    public static ChartImage? Create(ReportModel m)
    {
        var d = m.Latency.Value;
        if (d is null || d.Spectrum.Count < 2) return null;

        static double X(double percentile) => Math.Log10(1.0 / (1.0 - Math.Min(percentile, 99.9999) / 100.0));
        var plot = ChartStyle.NewPlot("Latency by percentile (whole run, from latency.hlog)", "Percentile", "Latency (ms)");
        var line = plot.Add.ScatterLine(d.Spectrum.Select(p => X(p.Percentile)).ToArray(), d.Spectrum.Select(p => p.ValueMs).ToArray(), ChartStyle.Blue);
        line.LineWidth = 2.5f;
        line.LegendText = $"client latency from the scheduled start, {Fmt.I(d.TotalCount)} ok requests";
        if (d.ServiceSpectrum is { Count: > 1 } svc)
        {
            // The gap between the two lines is time spent waiting to be sent: what coordinated omission would hide.
            var s2 = plot.Add.ScatterLine(svc.Select(p => X(p.Percentile)).ToArray(), svc.Select(p => p.ValueMs).ToArray(), ChartStyle.Orange);
            s2.LineWidth = 2;
            s2.LinePattern = LinePattern.Dashed;
            s2.LegendText = "service time (from the actual send)";
        }
        if (m.Slo is { } slo)
        {
            var h = plot.Add.HorizontalLine(slo.LatencyMs, 2, ChartStyle.Vermillion, LinePattern.Dashed);
            h.LegendText = $"SLO {Fmt.N(slo.LatencyMs)} ms";
            var v = plot.Add.VerticalLine(X(slo.LatencyPercentile), 1, ChartStyle.Grey, LinePattern.Dotted);
            v.LegendText = $"SLO percentile p{Fmt.N(slo.LatencyPercentile)}";
        }
        double maxX = X(d.Spectrum[^1].Percentile);
        var ticks = new[] { 0.0, 50, 90, 99, 99.9, 99.99, 99.999 }.Where(p => X(p) <= Math.Max(maxX, 2) + 1e-9).ToArray();
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            ticks.Select(X).ToArray(), ticks.Select(p => p == 0 ? "0%" : Fmt.N(p, 3) + "%").ToArray());
        plot.Axes.SetLimits(0, Math.Max(maxX, 2) * 1.02, 0, Math.Max(d.MaxMs, m.Slo?.LatencyMs ?? 0) * 1.1);
        // Below the plot, not on it: the curve rises along the left and the top, where an inner legend would cover it.
        plot.ShowLegend(Edge.Bottom);
        var t = d.Table;
        return ChartStyle.Render(plot, "chart-distribution", "Latency by percentile",
            "Percentile plot of the whole run's client latency: " + string.Join(", ", t.Select(p => $"{Fmt.Percentile(p.Percentile)} {Fmt.N(p.ValueMs)} ms")) + ".",
            ChartStyle.Width, 400);
    }
}
