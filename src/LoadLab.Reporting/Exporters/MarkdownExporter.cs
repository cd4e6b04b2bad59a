using System.Text;
using LoadLab.Core.Text;
using LoadLab.Reporting.Model;

namespace LoadLab.Reporting.Exporters;

/// <summary>
/// <c>summary.md</c>: the verdict and the tables for a pull request or a CI log (GitHub-flavoured Markdown).
/// User strings are escaped so a scenario name cannot inject markup or break a table.
/// </summary>
public sealed class MarkdownExporter : IReportExporter
{
    public ReportFormats Format => ReportFormats.Markdown;
    public string FileName => "summary.md";

    public string Render(ReportModel m)
    {
        var v = m.Verdict;
        var sb = new StringBuilder();
        sb.Append("# LoadLab: ").Append(Md(m.ScenarioName)).Append("\n\n");
        var (badge, detail) = StatusLine.Of(v);
        sb.Append("**").Append(badge).Append("**: ").Append(Md(detail)).Append("\n\n");
        if (v.Endpoint is not null) sb.Append("Endpoint **").Append(Md(v.Endpoint)).Append("**").Append(v.Variant is null ? "" : $" / **{Md(v.Variant)}**").Append('\n');
        if (v.Slo is { } slo)
        {
            sb.Append($"SLO: p{Fmt.N(slo.LatencyPercentile)} ≤ {Fmt.N(slo.LatencyMs)} ms, errors ≤ {Fmt.Pct(slo.MaxErrorRateFraction)}: ").Append(Md(StatusLine.Slo(v.SloCheck))).Append('\n');
            foreach (var broken in v.SloCheck.Details) sb.Append("- ").Append(Md(broken)).Append('\n');
        }
        sb.Append('\n');
        Baseline(sb, m);

        // Our own words, not user input: written as they are, so docs/report.md can hold the same text verbatim.
        sb.Append("## ").Append(ReportGuide.Title).Append("\n\n").Append(ReportGuide.Text).Append("\n\n");

        sb.Append("## Recommended policy\n\n");
        if (v.Recommendation is { } r)
        {
            Table(sb, ["", "Value"], [false, false],
            [
                ["Resource", Md(r.ResourceId)],
                ["Policy", $"{Md(r.PolicyType ?? "–")} {Md(r.PolicyName ?? "–")}"],
                ["Target", $"{Fmt.N(r.TargetValue, 0)} {Md(r.Metric ?? "")}".TrimEnd()],
                ["AWS rule of thumb", Fmt.N(r.RuleOfThumbTarget, 0)],
                ["Sustainable IPI at the SLO", r.SustainableIpm is null ? "–" : (r.SustainableIsLowerBound ? "at least " : "") + Fmt.N(r.SustainableIpm, 0) + Md(IntervalText.Suffix(r.SustainableInterval))],
                ["Cooldowns", $"out {Fmt.Seconds(r.ScaleOutCooldownS)}, in {Fmt.Seconds(r.ScaleInCooldownS)}"],
                ["Instances", $"{r.MinCapacity?.ToString() ?? "–"} – {r.MaxCapacity?.ToString() ?? "–"}"],
                ["Expected cost at peak", r.CostPerHourAtPeakUsd is null ? "–" : $"{Fmt.Money(r.CostPerHourAtPeakUsd)} / h ({Fmt.Money(r.CostPerMillionInferencesUsd)} per million inferences" + (r.CostPerDayUsd is { } day ? $", about {Fmt.Money(day)} a day)" : ")")],
                ["Extra", $"{r.StepPolicies} step policies, {r.Alarms} alarms, {r.ScheduledActions} scheduled actions{(r.Conservative ? ", conservative" : "")}"],
            ]);
        }
        else sb.Append("_Not available: ").Append(Md(m.Recommendation.Problem ?? "no recommendation")).Append("_\n\n");
        if (m.Recommendation.Value?.Rationale is { Count: > 0 } why)
        {
            sb.Append("Why:\n\n");
            foreach (var line in why) sb.Append("- ").Append(Md(line)).Append('\n');
            sb.Append('\n');
        }

        if (v.Thresholds.Count > 0)
        {
            sb.Append("## Thresholds\n\n");
            Table(sb, ["Threshold", "Result", "Observed", "Detail"], [false, false, true, false],
                v.Thresholds.Select(t => (IReadOnlyList<string>)[Md(t.Expression), t.Passed ? "✅ pass" : "❌ fail", Fmt.N(t.Observed, 3), Md(t.Detail)]).ToList());
        }
        if (v.Warnings.Any(w => w.Headline))
        {
            sb.Append("## Warnings\n\n");
            foreach (var w in v.Warnings.Where(w => w.Headline)) Warning(sb, w);
            sb.Append('\n');
        }
        if (v.Warnings.Any(w => !w.Headline))
        {
            sb.Append("Notes that do not change the figures:\n\n");
            foreach (var w in v.Warnings.Where(w => !w.Headline)) Warning(sb, w);
            sb.Append('\n');
        }
        if (v.FileProblems.Count > 0)
        {
            sb.Append("## Files not available\n\n");
            foreach (var w in v.FileProblems) sb.Append("- **").Append(Md(w.Source)).Append("**: ").Append(Md(w.Message)).Append('\n');
            sb.Append('\n');
        }

        sb.Append("## Steps\n\n");
        if (m.Steps.Value is { } steps) Table(sb, ReportTables.Steps(steps));
        else sb.Append("_Not available: ").Append(Md(m.Steps.Problem ?? "")).Append("_\n\n");

        sb.Append("## CloudWatch metrics\n\n");
        if (m.Metrics.Value is { } metrics) Table(sb, ReportTables.Metrics(metrics));
        else sb.Append("_Not available: ").Append(Md(m.Metrics.Problem ?? "")).Append("_\n\n");

        sb.Append("## Latency distribution\n\n");
        if (m.Latency.Value is { } d) Table(sb, ReportTables.Distribution(d));
        else sb.Append("_Not available: ").Append(Md(m.Latency.Problem ?? "")).Append("_\n\n");

        sb.Append("## Backtest\n\n");
        if (m.Simulation.Value is { } s)
        {
            sb.Append($"Traffic: {Md(s.TrafficSource)}, {s.Candidates.Count} candidates.\n\n");
            sb.Append("### Model vs this run\n\n");
            foreach (var line in ModelErrorTables.Summary(s)) sb.Append(Md(line)).Append("\n\n");
            if (ModelErrorTables.Steps(s) is { } modelError) Table(sb, modelError);
            else sb.Append("_No model error: simulate had no measured steps of this run to compare its fleet model with._\n\n");
            sb.Append("### Candidates\n\n");
            var all = ReportTables.Candidates(s);
            int key = ReportTables.KeyCandidateCount(s);
            Table(sb, ReportTables.Slice(all, 0, key));
            if (all.Rows.Count > key) sb.Append($"_…and {all.Rows.Count - key} other candidates (report.html, simulation.json)._\n\n");
        }
        else sb.Append("_Not available: ").Append(Md(m.Simulation.Problem ?? "")).Append("_\n\n");

        ClosedLoop(sb, m);

        if (m.Run.Value is { } run)
        {
            sb.Append("## Run\n\n");
            sb.Append($"Scenario **{Md(run.ScenarioName)}**, seed {run.Seed}, LoadLab {Md(run.ToolVersion)}, {Fmt.Time(run.StartUtc)} to {Fmt.Time(run.EndUtc)}.\n\n");
            sb.Append("```bash\n").Append(SafeText.Neutralize(ReportTables.ReproduceCommands(m)).Replace("```", "` ` `")).Append("```\n");
        }
        return sb.ToString();
    }

    /// <summary>The comparison with a baseline (compare.json), only when the run was compared.</summary>
    private static void Baseline(StringBuilder sb, ReportModel m)
    {
        if (m.Baseline.Missing) return;
        sb.Append("## Against the baseline\n\n");
        if (m.Baseline.Value is not { } c)
        {
            sb.Append("_Not available: ").Append(Md(m.Baseline.Problem ?? "")).Append("_\n\n");
            return;
        }
        sb.Append(c.Regression ? "**REGRESSION**: " : "**NO REGRESSION**: ").Append(Md(Baselines.BaselineText.Headline(c)))
          .Append(Md($" (baseline {c.Baseline.Directory}, seed {c.Baseline.Seed})")).Append("\n\n");
        Table(sb, Baselines.BaselineText.Header, [false, false, true, true, true, true, false],
            [.. Baselines.BaselineText.Rows(c).Select(r => (IReadOnlyList<string>)[.. r.Select(Md)])]);
        sb.Append('\n');
    }

    /// <summary>The closed-loop check (verify.json): the verdict line, observed vs predicted, the per-minute table.</summary>
    private static void ClosedLoop(StringBuilder sb, ReportModel m)
    {
        sb.Append("## Closed-loop check\n\n");
        if (m.Verify.Value is not { } f)
        {
            if (!m.Verify.Missing) sb.Append("_Not available: ").Append(Md(m.Verify.Problem ?? "")).Append("_\n\n");
            else sb.Append("Not run: no verify.json in the run directory or its verify/ folder. To make one: ")
                .Append(Md($"loadlab verify <scenario> --policy {Path.Combine(m.RunDirectory, "recommendation.json")} --out {Path.Combine(m.RunDirectory, "verify")}"))
                .Append(", then ").Append(Md($"loadlab report {m.RunDirectory}")).Append(" again.\n\n");
            return;
        }
        var v = f.Verdict;
        sb.Append($"**SLO {(v.SloHeld ? "HELD" : "NOT HELD")}**").Append(v.Reasons.Count > 0 ? ": " + Md(string.Join("; ", v.Reasons)) : "").Append("\n\n");
        sb.Append($"Load step x{Fmt.N(v.LoadStepFactor, 2)}; first scale-out after {ClosedLoopTables.Secs(v.TimeToFirstScaleOutS)}, ")
          .Append(v.Recovered ? $"recovery after {ClosedLoopTables.Secs(v.TimeToRecoveryS)}" : "not recovered")
          .Append($"; {v.ViolationMinutes} minute(s) over the SLO ({f.Slo.AllowedViolationMinutes} allowed); instances ")
          .Append($"{v.InitialInstances?.ToString() ?? "–"} → {v.MaxDesiredInstances?.ToString() ?? "–"} desired / {v.MaxInServiceInstances?.ToString() ?? "–"} in service; ")
          .Append($"{v.ScaleOuts} scale-out(s), {v.ScaleIns} scale-in(s)")
          .Append(ClosedLoopTables.ClockNote(f) is { } clock ? $" ({Md(clock)})" : "").Append(". From ").Append(Md(m.Verify.FileName)).Append(".\n\n");
        sb.Append("### ").Append(Md(ClosedLoopTables.EvidenceHeading)).Append("\n\n");
        foreach (var line in ClosedLoopTables.Evidence(f)) sb.Append("- ").Append(Md(line)).Append('\n');
        sb.Append('\n');
        if (ClosedLoopTables.Comparison(f) is { } comparison) Table(sb, comparison);
        else sb.Append("_No prediction: verify ran without --policy._\n\n");
        if (f.Timeline.Count > 0) Table(sb, ClosedLoopTables.Minutes(f));
    }

    private static void Warning(StringBuilder sb, ReportWarning w)
    {
        sb.Append("- **").Append(Md(w.Source)).Append("**: ").Append(Md(w.Text));
        if (w.Count > 1) sb.Append($" (×{w.Count})");
        if (w.Code != Core.Findings.Finding.Unclassified) sb.Append(" `").Append(w.Code).Append('`');
        sb.Append('\n');
    }

    private static void Table(StringBuilder sb, ReportTables.Table t) =>
        Table(sb, t.Header, t.Numeric, t.Rows.Select(r => (IReadOnlyList<string>)r.Select(Md).ToList()).ToList());

    private static void Table(StringBuilder sb, IReadOnlyList<string> header, IReadOnlyList<bool> numeric, IReadOnlyList<IReadOnlyList<string>> rows)
    {
        sb.Append("| ").Append(string.Join(" | ", header.Select(Md))).Append(" |\n|");
        foreach (var n in numeric) sb.Append(n ? " ---: |" : " --- |");
        sb.Append('\n');
        foreach (var r in rows) sb.Append("| ").Append(string.Join(" | ", r)).Append(" |\n");
        sb.Append('\n');
    }

    /// <summary>Escapes Markdown and HTML metacharacters (a summary is often rendered as HTML) and keeps it on one line; control characters and bidi overrides are neutralised first.</summary>
    public static string Md(string s)
    {
        var sb = new StringBuilder(s.Length);
        foreach (var c in SafeText.Neutralize(s))
        {
            switch (c)
            {
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '&': sb.Append("&amp;"); break;
                case '|': sb.Append("\\|"); break;
                case '\r': break;
                case '\n': sb.Append(' '); break;
                case '\\' or '`' or '*' or '_' or '[' or ']' or '#' or '!': sb.Append('\\').Append(c); break;
                default: sb.Append(c); break;
            }
        }
        return sb.ToString();
    }
}
