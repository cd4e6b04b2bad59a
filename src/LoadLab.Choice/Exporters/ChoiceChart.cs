using LoadLab.Choice.Model;
using LoadLab.Reporting.Charts;
using LoadLab.Reporting.Exporters;

namespace LoadLab.Choice.Exporters;

/// <summary>
/// Cost per day against SLO-violation minutes for every policy each candidate's simulation tried (the
/// recommended one larger), one colour per candidate: where the candidates' clouds sit is the choice at a glance.
/// </summary>
public static class ChoiceChart
{
    private static readonly ScottPlot.Color[] Palette =
        [ChartStyle.Blue, ChartStyle.Vermillion, ChartStyle.Green, ChartStyle.Orange, ChartStyle.Purple, ChartStyle.SkyBlue, ChartStyle.Black];

    public static ChartImage? CostVersusSlo(ChoiceFile c)
    {
        if (c.PolicyPoints.Count == 0) return null;
        var plot = ChartStyle.NewPlot("Cost versus SLO, candidates × policies", "SLO-violation minutes", "USD per day");
        var names = c.PolicyPoints.Select(p => p.Candidate).Distinct(StringComparer.Ordinal).ToList();
        for (var i = 0; i < names.Count; i++)
        {
            var points = c.PolicyPoints.Where(p => p.Candidate == names[i]).ToList();
            var color = Palette[i % Palette.Length];
            var all = plot.Add.ScatterPoints(points.Select(p => p.SloViolationMinutes).ToArray(), points.Select(p => p.CostUsdPerDay).ToArray(), color);
            all.MarkerSize = 5;
            all.LegendText = names[i];
            var rec = points.Where(p => p.Kind == "recommendation").ToList();
            if (rec.Count == 0) continue;
            var big = plot.Add.ScatterPoints(rec.Select(p => p.SloViolationMinutes).ToArray(), rec.Select(p => p.CostUsdPerDay).ToArray(), color);
            big.MarkerSize = 14;
            big.MarkerShape = ScottPlot.MarkerShape.OpenCircle;
        }
        plot.ShowLegend(ScottPlot.Alignment.UpperRight);
        plot.Axes.AutoScale();
        plot.Axes.Margins(0.08, 0.12);
        var alt = "Scatter of USD per day against SLO-violation minutes: " + string.Join("; ", names.Select(n =>
        {
            var pts = c.PolicyPoints.Where(p => p.Candidate == n).ToList();
            return $"{n}: {pts.Count} policies, {Fmt.Money(pts.Min(p => p.CostUsdPerDay))}–{Fmt.Money(pts.Max(p => p.CostUsdPerDay))} a day, " +
                   $"{Fmt.N(pts.Min(p => p.SloViolationMinutes))}–{Fmt.N(pts.Max(p => p.SloViolationMinutes))} violation minutes";
        })) + ". The recommended policy of each candidate is circled.";
        return ChartStyle.Render(plot, "choice-cost-vs-slo", "Cost versus SLO", alt);
    }
}
