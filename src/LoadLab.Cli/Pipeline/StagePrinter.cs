using System.Globalization;
using LoadLab.Analysis;
using LoadLab.Core.RunFiles;
using LoadLab.Reporting;
using LoadLab.Reporting.Exporters;
using LoadLab.Reporting.Model;
using LoadLab.Simulation;

namespace LoadLab.Cli.Pipeline;

/// <summary>What each stage's result looks like on the terminal: the same lines from the stage command and from the pipeline.</summary>
public static class StagePrinter
{
    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    public static void Collected(TextWriter o, MetricsFile m, RunDirectory dir)
    {
        o.WriteLine(F($"collected {m.Series.Count} series ({m.Series.Sum(x => x.Points.Count)} datapoints) and {m.InstanceCounts.Count} instance-count sample(s) for {m.Endpoint}/{m.Variant}, {m.WindowStartUtc:yyyy-MM-ddTHH:mm}Z – {m.WindowEndUtc:HH:mm}Z"));
        foreach (var w in m.Warnings) o.WriteLine($"{w.Severity.ToString().ToLowerInvariant()}: {w.Text} [{w.Code}]");
        o.WriteLine($"wrote {dir.MetricsJson}");
    }

    public static void Analyzed(TextWriter o, AnalyzeOutcome outcome)
    {
        var a = outcome.Analysis;
        o.WriteLine(F($"SLO p{a.Slo.LatencyPercentile:0.##} ≤ {a.Slo.LatencyMs:0.#} ms, errors ≤ {a.Slo.MaxErrorRateFraction:0.###%}; {a.StepsUsed} step(s) fitted; curve: {a.Curve?.Kind ?? "none"}{(a.Saturated ? ", saturated" : ", never saturated")}"));
        if (a.SustainableIpm is { } s)
            o.WriteLine(F($"sustainable: {s:0.#} invocations/instance/min") + IntervalText.Suffix(SustainableBand.From(a))
                        + (a.KneeIpm is { } k ? F($"; knee {k:0.#}") : ""));
        if (outcome.Recommendation is { } r)
        {
            var b = r.Basis;
            o.WriteLine(F($"recommend: target {b.TargetValue:0.#} (headroom {b.HeadroomFraction:0.#%}{(b.Conservative ? ", conservative" : "")}), rule of thumb {b.RuleOfThumbTarget:0.#}; capacity {r.RegisterScalableTarget.MinCapacity}–{r.RegisterScalableTarget.MaxCapacity}; {r.PutScalingPolicy.Count} policy(ies), {r.PutMetricAlarm.Count} alarm(s), {r.PutScheduledAction.Count} scheduled action(s)"));
        }
        foreach (var w in outcome.WhyNoRecommendation) o.WriteLine($"no recommendation: {w}");
        foreach (var w in a.Warnings) o.WriteLine($"{w.Severity.ToString().ToLowerInvariant()}: {w.Text} [{w.Code}]");
        foreach (var w in outcome.Recommendation?.Warnings ?? []) o.WriteLine($"{w.Severity.ToString().ToLowerInvariant()}: {w.Text} [{w.Code}]");
        foreach (var f in outcome.FilesWritten) o.WriteLine($"wrote {f}");
    }

    public static void Simulated(TextWriter o, SimulateOutcome outcome)
    {
        var f = outcome.File;
        o.WriteLine($"traffic: {f.TrafficSource}, {f.Minutes} min from {f.StartUtc:yyyy-MM-dd HH:mm}Z; {f.Candidates.Count} candidates, seed {f.Seed}");
        var shown = f.Candidates.Where(c => c.Kind != "sweep" || f.ParetoFront.Contains(c.Name)).ToList();
        o.WriteLine($"{"candidate",-34} {"target",8} {"cooldowns",10} {"SLO-viol min",12} {"worst ms",9} {"inst-h",9} {"cost",9} {"out/in",7} {"flaps",5}  front");
        foreach (var c in shown)
        {
            var mark = c.Name == f.Recommended ? " *" : "";
            o.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{Trim(c.Name + mark, 34),-34} {c.TargetValue,8:0.#} {c.ScaleOutCooldownS + "/" + c.ScaleInCooldownS,10} {c.SloViolationMinutes,12:0} {c.WorstLatencyMs,9:0} {c.InstanceHours,9:0.#} {(c.CostUsd is { } cost ? cost.ToString("0.##", CultureInfo.InvariantCulture) : "-"),9} {c.ScaleOuts + "/" + c.ScaleIns,7} {c.Flaps,5}  {(c.OnParetoFront ? "yes" : "")}"));
        }
        o.WriteLine($"(* = recommended; sweep points shown only when on the cost-versus-SLO Pareto front)");
        foreach (var w in f.Warnings) o.WriteLine($"{w.Severity.ToString().ToLowerInvariant()}: {w.Text} [{w.Code}]");
        o.WriteLine($"wrote {outcome.OutputPath}");
    }

    public static void Reported(TextWriter o, ReportResult result)
    {
        foreach (var file in result.WrittenFiles) o.WriteLine($"wrote {file}");
        var v = result.Verdict;
        var (badge, detail) = StatusLine.Of(v);
        o.WriteLine($"verdict: {badge}: {detail}");
        foreach (var p in v.FileProblems) o.WriteLine($"note: {p.Message}");
    }

    private static string Trim(string s, int n) => s.Length <= n ? s : s[..(n - 1)] + "…";
}
