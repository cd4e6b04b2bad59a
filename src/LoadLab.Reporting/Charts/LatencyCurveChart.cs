using LoadLab.Core.RunFiles;
using LoadLab.Reporting.Exporters;
using LoadLab.Reporting.Model;
using ScottPlot;

namespace LoadLab.Reporting.Charts;

/// <summary>
/// Latency against invocations per instance per minute: the measured steps (client p50/p90/p99, server
/// ModelLatency), the fitted curve over the steps it was fitted on, the knee, the SLO, the sustainable IPI with its confidence band, the
/// recommended target and the AWS rule-of-thumb target.
/// </summary>
public static class LatencyCurveChart
{
    public static ChartImage? Create(ReportModel m)
    {
        var analysis = m.Analysis.Value;
        var steps = (m.Steps.Value ?? []).Where(s => s.InvocationsPerInstancePerMin is > 0).OrderBy(s => s.InvocationsPerInstancePerMin).ToList();
        var points = analysis?.Points ?? [];
        if (steps.Count == 0 && points.Count == 0) return null;

        var plot = ChartStyle.NewPlot("Latency vs invocations per instance",
            "Invocations per instance per minute (IPI)", "Latency (ms)");
        var slo = m.Slo;
        var summary = m.Verdict.Recommendation;
        var basis = m.Recommendation.Value?.Basis;

        double maxX = 0, maxY = 0;
        var alt = new List<string>();
        if (steps.Count > 0)
        {
            var xs = steps.Select(s => s.InvocationsPerInstancePerMin!.Value).ToArray();
            maxX = xs.Max();
            void Series(Func<StepRow, double?> y, string label, Color color, MarkerShape shape)
            {
                var pts = steps.Where(s => y(s) is { } v && !double.IsNaN(v)).ToList();
                if (pts.Count == 0) return;
                var sx = pts.Select(s => s.InvocationsPerInstancePerMin!.Value).ToArray();
                var sy = pts.Select(s => y(s)!.Value).ToArray();
                var sc = plot.Add.Scatter(sx, sy, color);
                sc.LegendText = label;
                sc.MarkerShape = shape;
                sc.MarkerSize = 8;
                sc.LineWidth = 1;
                sc.LinePattern = LinePattern.Dotted;
                maxY = Math.Max(maxY, sy.Max());
            }
            Series(s => s.ClientP50Ms, "client p50", ChartStyle.SkyBlue, MarkerShape.FilledCircle);
            Series(s => s.ClientP90Ms, "client p90", ChartStyle.Blue, MarkerShape.FilledSquare);
            Series(s => s.ClientP99Ms, "client p99", ChartStyle.Purple, MarkerShape.FilledTriangleUp);
            Series(s => s.ServerModelLatencyMs, "server ModelLatency (avg)", ChartStyle.Orange, MarkerShape.FilledDiamond);
            alt.Add($"{steps.Count} steps from {Fmt.N(xs.Min(), 0)} to {Fmt.N(maxX, 0)} IPI, client p90 from {Fmt.N(steps.First().ClientP90Ms)} ms to {Fmt.N(steps.Last().ClientP90Ms)} ms");
        }
        else
        {
            var xs = points.Select(p => p.Ipm).ToArray();
            var ys = points.Select(p => p.LatencyMs).ToArray();
            var sc = plot.Add.ScatterPoints(xs, ys, ChartStyle.Blue);
            sc.LegendText = slo is null ? "steps (analysis)" : $"steps, p{Fmt.N(slo.LatencyPercentile)} (analysis)";
            sc.MarkerShape = MarkerShape.FilledSquare;
            sc.MarkerSize = 8;
            maxX = xs.Max();
            maxY = ys.Max();
            alt.Add($"{points.Count} steps from analysis.json");
        }

        double xRight = Math.Max(maxX, Math.Max(summary?.SustainableIpmCiHigh ?? 0, Math.Max(summary?.RuleOfThumbTarget ?? 0, summary?.TargetValue ?? 0))) * 1.12;
        // Keep the SLO region readable: saturated p99 points far above 3× the SLO would flatten everything else.
        double maxP90 = steps.Count > 0 ? steps.Max(s => s.ClientP90Ms) : maxY;
        double yTop = (slo is null ? maxY : Math.Min(maxY, Math.Max(3 * slo.LatencyMs, maxP90))) * 1.15;
        if (slo is not null && yTop < slo.LatencyMs * 1.2) yTop = slo.LatencyMs * 1.2;
        string? note = maxY > yTop ? $"Points above {Fmt.N(yTop, 0)} ms (up to {Fmt.N(maxY, 0)} ms) lie above the chart; the steps table has them." : null;
        if (yTop <= 0) yTop = 1;

        if (analysis?.Curve is { } curve && FittedCurveSeries(analysis, yTop * 1.5) is { } series)
        {
            var line = plot.Add.ScatterLine(series.X, series.Y, ChartStyle.Black);
            line.LineWidth = 2;
            line.LegendText = analysis.LatencyLimitMethod == "interpolated" ? $"fitted curve ({curve.Kind}; not used for the limit)" : $"fitted curve ({curve.Kind})";
            alt.Add($"fitted {curve.Kind} curve from {Fmt.N(series.X[0], 0)} to {Fmt.N(series.X[^1], 0)} IPI (the steps it was fitted on)");
        }

        if (summary?.SustainableInterval is { } interval)
        {
            var band = plot.Add.HorizontalSpan(interval.LowIpm, interval.HighIpm, ChartStyle.Green.WithAlpha(0.15));
            band.LegendText = IntervalText.BandLabel(interval);
            band.LineWidth = 0;
        }
        if (slo is not null)
        {
            var l = plot.Add.HorizontalLine(slo.LatencyMs, 2, ChartStyle.Vermillion, LinePattern.Dashed);
            l.LegendText = $"SLO p{Fmt.N(slo.LatencyPercentile)} ≤ {Fmt.N(slo.LatencyMs)} ms";
            alt.Add($"SLO line at {Fmt.N(slo.LatencyMs)} ms");
        }
        if (analysis?.KneeIpm is { } knee)
        {
            var l = plot.Add.VerticalLine(knee, 1.5f, ChartStyle.Grey, LinePattern.DenselyDashed);
            l.LegendText = $"knee {Fmt.N(knee, 0)} IPI";
            alt.Add($"knee at {Fmt.N(knee, 0)} IPI");
        }
        if (summary?.SustainableIpm is { } sust)
        {
            var l = plot.Add.VerticalLine(sust, 2, ChartStyle.Green, LinePattern.Dashed);
            l.LegendText = $"sustainable {(summary.SustainableIsLowerBound ? "≥ " : "")}{Fmt.N(sust, 0)} IPI";
            alt.Add($"sustainable {Fmt.N(sust, 0)} IPI{IntervalText.Suffix(summary.SustainableInterval)}");
        }
        if (summary?.TargetValue is { } target)
        {
            var l = plot.Add.VerticalLine(target, 3, ChartStyle.Green, LinePattern.Solid);
            l.LegendText = $"recommended target {Fmt.N(target, 0)}";
            alt.Add($"recommended target {Fmt.N(target, 0)}");
        }
        if ((summary?.RuleOfThumbTarget ?? basis?.RuleOfThumbTarget) is { } rot and > 0)
        {
            var l = plot.Add.VerticalLine(rot, 2, ChartStyle.Orange, LinePattern.DenselyDashed);
            l.LegendText = $"AWS rule of thumb {Fmt.N(rot, 0)}";
            alt.Add($"AWS rule-of-thumb target {Fmt.N(rot, 0)}");
        }

        plot.Axes.SetLimits(0, xRight, 0, yTop);
        plot.ShowLegend(Edge.Right);
        return ChartStyle.Render(plot, "chart-latency-ipi", "Latency vs invocations per instance",
            "Scatter chart of latency against invocations per instance per minute: " + string.Join("; ", alt) + ".",
            ChartStyle.Width, 480) with { Note = note };
    }

    /// <summary>
    /// The fitted curve as drawn: only over the IPI range of the steps it was fitted on (analysis.json's fit range;
    /// beyond it the curve is an extrapolation the analysis does not claim), cut where it leaves the chart
    /// (<paramref name="yCap"/>). Null when there is no curve or fewer than two points to draw.
    /// </summary>
    public static (double[] X, double[] Y)? FittedCurveSeries(AnalysisFile analysis, double yCap)
    {
        if (analysis.Curve is not { } curve) return null;
        var used = analysis.Points.Where(p => p.UsedInFit).Select(p => p.Ipm).ToList();
        double? lo = analysis.FitRangeLowIpm ?? (used.Count > 0 ? used.Min() : null);
        double? hi = analysis.FitRangeHighIpm ?? (used.Count > 0 ? used.Max() : null);
        if (lo is not { } from || hi is not { } to || !(to > from)) return null;
        var cx = new List<double>();
        var cy = new List<double>();
        const int n = 200;
        for (int i = 0; i <= n; i++)
        {
            double x = from + (to - from) * i / n;
            double y = curve.PredictMs(x);
            if (!double.IsFinite(y) || y > yCap) break;
            cx.Add(x);
            cy.Add(y);
        }
        return cx.Count > 1 ? (cx.ToArray(), cy.ToArray()) : null;
    }
}
