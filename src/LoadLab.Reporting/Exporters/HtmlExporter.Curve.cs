using System.Text;
using LoadLab.Reporting.Charts;
using LoadLab.Reporting.Model;
using static LoadLab.Reporting.Exporters.Html;

namespace LoadLab.Reporting.Exporters;

/// <summary>The "Latency vs invocations per instance" section: the curve chart and the fit table.</summary>
public sealed partial class HtmlExporter
{
    private static void LatencyCurve(StringBuilder h, ReportModel m)
    {
        Open(h, "latency-curve");
        var chart = LatencyCurveChart.Create(m);
        if (chart is null) Missing(h, m.Steps.Problem ?? m.Analysis.Problem ?? "No step has an invocations-per-instance figure.", "The curve cannot be drawn.");
        else
        {
            if (m.Analysis.Problem is { } p) Missing(h, p, "Only the measured points are shown (no fit, knee or sustainable load).");
            Figure(h, chart, "Each step's latency against its invocations per instance per minute (IPI), with the fitted curve, "
                              + "the knee, the SLO, the sustainable IPI with its interval band, the recommended target and the AWS rule-of-thumb target.");
        }
        if (m.Analysis.Value is { } a)
        {
            var band = SustainableBand.From(a);
            h.Append("<table class=\"compact\"><caption>Fit</caption><tbody>");
            Row(h, "Model", a.Curve is { } c ? $"{c.Kind}: L0 {Fmt.N(c.L0Ms, 2)} ms, a {Fmt.N(c.A, 4)}" + (c.Kind == "queueing" ? $", capacity {Fmt.N(c.CapacityIpm, 0)} IPI" : c.Kind == "segmented" ? $", breakpoint {Fmt.N(c.BreakpointIpm, 0)} IPI, slope after {Fmt.N(c.Slope2, 4)}" : "") : "none fitted");
            var chosen = a.Candidates.FirstOrDefault(c => c.Chosen) ?? a.Candidates.FirstOrDefault(c => c.Kind == a.Curve?.Kind);
            var criterion = (a.SelectionCriterion ?? "aic").ToUpperInvariant().Replace("AICC", "AICc");
            if (chosen is not null) Row(h, "Goodness of fit", $"R² {Fmt.N(chosen.RSquared, 3)}, RMSE {Fmt.N(chosen.RmseMs, 2)} ms, {criterion} {Fmt.N(chosen.Aic, 1)}");
            if (a.Candidates.Count > 1) Row(h, "Models tried", string.Join(", ", a.Candidates.Select(c => $"{c.Kind} (R² {Fmt.N(c.RSquared, 3)}, {criterion} {Fmt.N(c.Aic, 1)})")) + $"; lowest {criterion} chosen");
            if (a.LatencyColumn is { } col) Row(h, "Latency fitted", col);
            Row(h, "Knee", a.KneeIpm is { } k ? Fmt.N(k, 0) + " IPI" : "–");
            Row(h, "Sustainable at the SLO", a.SustainableIpm is not { } s ? "–"
                : a.SustainableIsLowerBound ? $"at least {Fmt.N(s, 0)} IPI (every step met the SLO: the limit lies above the tested range)"
                : $"{Fmt.N(s, 0)} IPI{IntervalText.Suffix(band)}");
            Row(h, "Max RPS per instance", Fmt.N(a.MaxRpsPerInstance, 2));
            Row(h, "Saturated", a.Saturated ? "yes" : "no (the limit is extrapolated)");
            var limits = new List<string>();
            if (a.LatencyLimitIpm is { } ll) limits.Add($"latency reaches the SLO at {Fmt.N(ll, 0)} IPI");
            if (a.ErrorOnsetIpm is { } eo) limits.Add($"errors exceed the SLO at {Fmt.N(eo, 0)} IPI");
            if (a.ThroughputLimitIpm is { } tl) limits.Add($"throughput ceiling {Fmt.N(tl, 0)} IPI");
            if (limits.Count > 0) Row(h, "Limits found", string.Join("; ", limits));
            if (a.ObservedMaxPassingIpm is { } pass) Row(h, "Highest passing step", Fmt.N(pass, 0) + " IPI");
            if (a.SaturationSignals.Count > 0) Row(h, "Saturation signals", string.Join("; ", a.SaturationSignals));
            if (a.Conservative) Row(h, "Conservative", "yes: the sustainable figure is a lower bound or uncertain");
            if (a.SustainableIpm is not null && !a.SustainableIsLowerBound)
                Row(h, band is { IsBracket: true } ? "Interval" : "Confidence interval", IntervalText.Method(band, a.SustainableIpmCiNote, a.BootstrapResamples, a.BootstrapSeed));
            Row(h, "Steps used", a.StepsUsed.ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (a.InstanceStartupS is { } st) Row(h, "Instance startup", $"{Fmt.N(st, 0)} s ({(a.InstanceStartupMeasured ? "measured" : "assumed")})");
            h.Append("</tbody></table>\n");
        }
        Close(h);
    }

    private static void Row(StringBuilder h, string th, string td) =>
        h.Append($"<tr><th scope=\"row\">{E(th)}</th><td>{E(td)}</td></tr>");
}
