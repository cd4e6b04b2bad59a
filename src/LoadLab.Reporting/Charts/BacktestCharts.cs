using LoadLab.Core.RunFiles;
using LoadLab.Reporting.Exporters;
using LoadLab.Reporting.Model;
using ScottPlot;

namespace LoadLab.Reporting.Charts;

/// <summary>The policy backtest: capacity against demand for the recommendation and the rule of thumb, and the Pareto chart.</summary>
public static class BacktestCharts
{
    /// <summary>The recommended candidate: the one simulation.json names, else the first.</summary>
    public static CandidateResult? Recommended(SimulationFile s) =>
        s.Candidates.FirstOrDefault(c => c.Name == s.Recommended) ?? s.Candidates.FirstOrDefault();

    /// <summary>The AWS rule-of-thumb candidate, by name ("rule-of-thumb", "rule_of_thumb", "aws-rule-of-thumb" ...).</summary>
    public static CandidateResult? RuleOfThumb(SimulationFile s) =>
        s.Candidates.FirstOrDefault(c => c.Name.Replace('_', '-').Contains("rule-of-thumb", StringComparison.OrdinalIgnoreCase)
                                         || c.Name.Contains("thumb", StringComparison.OrdinalIgnoreCase));

    public static ChartImage? Capacity(ReportModel m)
    {
        var s = m.Simulation.Value;
        if (s is null) return null;
        var rec = Recommended(s);
        var rot = RuleOfThumb(s);
        var baseline = rec?.Timeline.Count > 0 ? rec : rot?.Timeline.Count > 0 ? rot : null;
        if (baseline is null) return null;

        double H(DateTimeOffset t) => (t - s.StartUtc).TotalHours;
        var plot = ChartStyle.NewPlot("Backtest: capacity vs demand", "Hours since the traffic started", "Instances");
        var demand = plot.Add.ScatterLine(baseline.Timeline.Select(x => H(x.TimeUtc)).ToArray(),
            baseline.Timeline.Select(x => x.RequiredInstances).ToArray(), ChartStyle.Black);
        demand.LegendText = "demand (instances needed at the SLO)";
        demand.LineWidth = 1.5f;
        var alt = new List<string>();
        bool coincide = rec is not null && rot is not null && rot != rec && SameCapacity(rec, rot);
        void Capacity(CandidateResult? c, string label, Color color, LinePattern pattern)
        {
            if (c is null || c.Timeline.Count == 0) return;
            var sc = plot.Add.Scatter(c.Timeline.Select(x => H(x.TimeUtc)).ToArray(), c.Timeline.Select(x => (double)x.InServiceInstances).ToArray(), color);
            sc.ConnectStyle = ConnectStyle.StepHorizontal;
            sc.MarkerSize = 0;
            sc.LineWidth = 2.5f;
            sc.LinePattern = pattern;
            sc.LegendText = $"{label}: in service" + (coincide && c == rot ? " (identical to recommended: the lines coincide)" : "");
            alt.Add($"{label} ({c.Name}) {Fmt.N(c.SloViolationMinutes)} SLO-violation minutes, {Fmt.N(c.InstanceHours)} instance-hours");
        }
        Capacity(rec, "recommended", ChartStyle.Green, LinePattern.Solid);
        if (rot != rec) Capacity(rot, "rule of thumb", ChartStyle.Orange, LinePattern.Dashed);
        plot.Axes.AutoScale();
        var lim = plot.Axes.GetLimits();
        plot.Axes.SetLimitsY(0, lim.Top * 1.1 + 0.5);
        plot.ShowLegend(Alignment.UpperLeft);
        return ChartStyle.Render(plot, "chart-backtest", "Backtest: capacity vs demand",
            $"Step chart over the {s.TrafficSource} traffic: demand in instances against the instances in service; " + string.Join("; ", alt) + ".",
            ChartStyle.Width, 360) with
        {
            Note = coincide ? $"The recommended ({rec!.Name}) and the rule-of-thumb ({rot!.Name}) policies keep the same instances in service at every step: their lines lie on top of each other." : null,
        };
    }

    /// <summary>True when two candidates kept the same instances in service at every step of the backtest (their capacity lines coincide).</summary>
    public static bool SameCapacity(CandidateResult a, CandidateResult b) =>
        a.Timeline.Count > 0 && a.Timeline.Select(x => (x.TimeUtc, x.InServiceInstances)).SequenceEqual(b.Timeline.Select(x => (x.TimeUtc, x.InServiceInstances)));

    public static ChartImage? Pareto(ReportModel m)
    {
        var s = m.Simulation.Value;
        if (s is null || s.Candidates.Count == 0) return null;
        bool useCost = s.Candidates.All(c => c.CostUsd is not null);
        double X(CandidateResult c) => useCost ? c.CostUsd!.Value : c.InstanceHours;
        var plot = ChartStyle.NewPlot("Candidates: cost vs SLO violations",
            useCost ? "Cost over the backtest ($)" : "Instance-hours over the backtest", "SLO-violation minutes");
        var all = plot.Add.ScatterPoints(s.Candidates.Select(X).ToArray(), s.Candidates.Select(c => c.SloViolationMinutes).ToArray(), ChartStyle.Grey);
        all.LegendText = "candidate";
        all.MarkerSize = 7;
        all.MarkerShape = MarkerShape.OpenCircle;
        var front = s.Candidates.Where(c => s.ParetoFront.Contains(c.Name)).OrderBy(X).ToList();
        if (front.Count > 0)
        {
            var f = plot.Add.Scatter(front.Select(X).ToArray(), front.Select(c => c.SloViolationMinutes).ToArray(), ChartStyle.Blue);
            f.LegendText = "Pareto front";
            f.MarkerSize = 8;
            f.MarkerShape = MarkerShape.FilledCircle;
            f.LineWidth = 1.5f;
        }
        void Mark(CandidateResult? c, string label, Color color, MarkerShape shape)
        {
            if (c is null) return;
            var mk = plot.Add.Marker(X(c), c.SloViolationMinutes, shape, 16, color);
            mk.LegendText = $"{label}: {c.Name}";
        }
        var rec = Recommended(s);
        var rot = RuleOfThumb(s);
        Mark(rec, "recommended", ChartStyle.Green, MarkerShape.FilledDiamond);
        if (rot != rec) Mark(rot, "rule of thumb", ChartStyle.Orange, MarkerShape.FilledTriangleUp);
        plot.Axes.AutoScale();
        plot.Axes.Margins(0.08, 0.15);
        var lim = plot.Axes.GetLimits();
        plot.Axes.SetLimitsY(Math.Min(0, lim.Bottom), lim.Top);
        plot.ShowLegend(Alignment.UpperRight);
        return ChartStyle.Render(plot, "chart-pareto", "Candidates: cost vs SLO violations",
            $"Scatter chart of {s.Candidates.Count} candidate policies, {(useCost ? "cost" : "instance-hours")} against SLO-violation minutes; {front.Count} on the Pareto front"
            + (rec is null ? "" : $"; recommended {rec.Name} at {Fmt.N(X(rec), 2)} and {Fmt.N(rec.SloViolationMinutes)} minutes") + ".",
            ChartStyle.Width, 380);
    }
}
