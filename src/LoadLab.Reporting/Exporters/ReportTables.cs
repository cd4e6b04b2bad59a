using System.Globalization;
using LoadLab.Core.Iac;
using LoadLab.Core.RunFiles;
using LoadLab.Reporting.Charts;
using LoadLab.Reporting.Model;

namespace LoadLab.Reporting.Exporters;

/// <summary>The tables both the HTML and the Markdown show, as plain text cells (exporters escape).</summary>
public static class ReportTables
{
    public sealed record Table(IReadOnlyList<string> Header, IReadOnlyList<bool> Numeric, IReadOnlyList<IReadOnlyList<string>> Rows);

    public static Table Steps(IReadOnlyList<StepRow> steps)
    {
        // steps.csv's achieved_rps counts every completed request, errors included; the timeline chart draws the ok
        // ones. Both are shown, each named for what it counts, so the table and the chart never seem to disagree.
        string[] header = ["Step", "Offered rps", "Completed rps", "Ok rps", "Instances", "IPI", "p50 ms", "p90 ms", "p99 ms", "ModelLatency ms", "Errors", "CPU %"];
        var rows = steps.OrderBy(s => s.Step).Select(s => (IReadOnlyList<string>)
        [
            s.Step.ToString(CultureInfo.InvariantCulture), Fmt.N(s.OfferedRps), Fmt.N(s.AchievedRps), Fmt.N(OkRps(s)), Fmt.N(s.Instances, 0),
            Fmt.N(s.InvocationsPerInstancePerMin, 0), Fmt.N(s.ClientP50Ms), Fmt.N(s.ClientP90Ms), Fmt.N(s.ClientP99Ms),
            Fmt.N(s.ServerModelLatencyMs), Fmt.Pct(s.ErrorRateFraction), Fmt.N(s.CpuPct),
        ]).ToList();
        return new Table(header, header.Select((_, i) => i > 0).ToList(), rows);
    }

    /// <summary>Requests that succeeded per second of the step's steady window (null when the window has no length).</summary>
    public static double? OkRps(StepRow s)
    {
        double seconds = (s.EndUtc - s.StartUtc).TotalSeconds;
        return seconds > 0 ? s.Ok / seconds : null;
    }

    public static Table Metrics(MetricsFile m)
    {
        string[] header = ["Metric", "Namespace", "Stat", "Period s", "Unit", "Points", "Min", "Mean", "Max"];
        var rows = m.Series
            .OrderBy(s => s.Namespace, StringComparer.Ordinal).ThenBy(s => s.MetricName, StringComparer.Ordinal).ThenBy(s => s.Stat, StringComparer.Ordinal)
            .Select(s =>
            {
                var v = s.Points.Select(p => p.Value).Where(x => !double.IsNaN(x)).ToList();
                return (IReadOnlyList<string>)
                [
                    s.MetricName, s.Namespace, s.Stat, s.PeriodS.ToString(CultureInfo.InvariantCulture), s.Unit ?? "",
                    s.Points.Count.ToString(CultureInfo.InvariantCulture),
                    v.Count == 0 ? "–" : Fmt.N(v.Min(), 2), v.Count == 0 ? "–" : Fmt.N(v.Average(), 2), v.Count == 0 ? "–" : Fmt.N(v.Max(), 2),
                ];
            }).ToList();
        return new Table(header, [false, false, false, true, false, true, true, true, true], rows);
    }

    public static Table Distribution(LatencyDistribution d)
    {
        var rows = d.Table.Select(p => (IReadOnlyList<string>)[Fmt.Percentile(p.Percentile), Fmt.N(p.ValueMs, 2)])
            .Append([ "mean", Fmt.N(d.MeanMs, 2) ])
            .Append([ "ok requests", Fmt.I(d.TotalCount) ])
            .Append([ "failed requests", Fmt.I(d.ErrorCount) ])
            .ToList();
        return new Table(["Percentile", "Latency ms"], [false, true], rows);
    }

    /// <summary>How many of <see cref="Candidates"/>' first rows are the ones a reader needs (recommended, rule of thumb, Pareto front).</summary>
    public static int KeyCandidateCount(SimulationFile s)
    {
        var rec = BacktestCharts.Recommended(s);
        var rot = BacktestCharts.RuleOfThumb(s);
        return s.Candidates.Count(c => c == rec || c == rot || s.ParetoFront.Contains(c.Name));
    }

    /// <summary>Rows <paramref name="skip"/>.. of a table (same header).</summary>
    public static Table Slice(Table t, int skip, int take = int.MaxValue) =>
        t with { Rows = t.Rows.Skip(skip).Take(take).ToList() };

    /// <summary>Candidates: the recommended first, then the rule of thumb, then the Pareto front, then the rest by cost.</summary>
    public static Table Candidates(SimulationFile s)
    {
        var rec = BacktestCharts.Recommended(s);
        var rot = BacktestCharts.RuleOfThumb(s);
        int Rank(CandidateResult c) => c == rec ? 0 : c == rot ? 1 : s.ParetoFront.Contains(c.Name) ? 2 : 3;
        string[] header = ["Candidate", "Target", "Cooldown out/in s", "SLO-violation min", "SLO-violation min (pessimistic fleet)", "Worst latency ms", "Instance-hours", "Cost",
            "Scale out/in", "Under-prov. accuracy", "Over-prov. accuracy", "Under timeshare", "Over timeshare", "Jitter /h"];
        var rows = s.Candidates.OrderBy(Rank).ThenBy(c => c.CostUsd ?? c.InstanceHours).Select(c =>
        {
            var tags = new List<string>();
            if (c == rec) tags.Add("recommended");
            if (c == rot) tags.Add("rule of thumb");
            if (s.ParetoFront.Contains(c.Name)) tags.Add("Pareto");
            var e = c.Elasticity;
            return (IReadOnlyList<string>)
            [
                c.Name + (tags.Count > 0 ? $" ({string.Join(", ", tags)})" : ""),
                Fmt.N(c.TargetValue, 0), $"{c.ScaleOutCooldownS}/{c.ScaleInCooldownS}", Fmt.N(c.SloViolationMinutes), Fmt.N(c.SloViolationMinutesPessimistic),
                Fmt.N(c.WorstLatencyMs), Fmt.N(c.InstanceHours, 1), Fmt.Money(c.CostUsd), $"{c.ScaleOuts}/{c.ScaleIns}",
                Fmt.PctOf(e?.UnderAccuracyPct, 1), Fmt.PctOf(e?.OverAccuracyPct, 1), Fmt.PctOf(e?.UnderTimesharePct, 1), Fmt.PctOf(e?.OverTimesharePct, 1), Fmt.N(e?.JitterPerHour, 2),
            ];
        }).ToList();
        return new Table(header, header.Select((_, i) => i > 0 && i != 2 && i != 8).ToList(), rows);
    }

    /// <summary>The exact commands that reproduce the run and this report.</summary>
    public static string ReproduceCommands(ReportModel m)
    {
        var run = m.Run.Value;
        var lines = new List<string> { "# Re-run the load test with the same scenario and seed (writes a new run directory):" };
        if (run is not null)
        {
            var scenario = run.ScenarioPath ?? $"scenarios/{run.ScenarioName}.yaml";
            lines.Add($"loadlab run {IacNames.ShellQuote(scenario)} --seed {run.Seed.ToString(CultureInfo.InvariantCulture)}");
        }
        lines.Add("# Re-create this report from the files in this run directory:");
        lines.Add($"loadlab report {IacNames.ShellQuote(m.RunDirectory)}");
        return string.Join("\n", lines) + "\n";
    }
}
