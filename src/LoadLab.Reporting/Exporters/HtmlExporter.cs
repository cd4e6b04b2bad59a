using System.Text;
using LoadLab.Core.AwsApi;
using LoadLab.Core.Iac;
using LoadLab.Core.RunFiles;
using LoadLab.Reporting.Apply;
using LoadLab.Reporting.Charts;
using LoadLab.Reporting.Model;
using static LoadLab.Reporting.Exporters.Html;

namespace LoadLab.Reporting.Exporters;

/// <summary>
/// <c>report.html</c>: one self-contained file (inline CSS, charts as PNG data URIs, no external request of any
/// kind), readable offline and as a mail attachment. Sections in a fixed order; a section whose file is missing
/// or corrupt says so and the others render.
/// </summary>
public sealed partial class HtmlExporter : IReportExporter
{
    public ReportFormats Format => ReportFormats.Html;
    public string FileName => "report.html";

    /// <summary>Section ids in report order (tests and the table of contents use them).</summary>
    public static readonly IReadOnlyList<(string Id, string Title)> Sections =
    [
        ("verdict", "Verdict"),
        ("latency-curve", "Latency vs invocations per instance"),
        ("timeline", "The run over time"),
        ("tables", "Tables"),
        ("backtest", "Backtest"),
        ("closed-loop", "Closed-loop check"),
        ("apply", "How to apply"),
        ("run-facts", "Run facts"),
    ];

    public string Render(ReportModel m)
    {
        _codeCounter = 0; // ids restart per render, so the same model gives the same bytes
        var h = new StringBuilder(1 << 20);
        var title = $"LoadLab report: {m.ScenarioName}";
        h.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        h.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        // Belt and braces: even if a string slipped through unescaped, the page may load nothing from anywhere.
        h.Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src data:; style-src 'unsafe-inline'; script-src 'unsafe-inline'\">\n");
        h.Append("<meta name=\"generator\" content=\"LoadLab ").Append(E(m.ReportVersion)).Append("\">\n");
        h.Append("<title>").Append(E(title)).Append("</title>\n<style>").Append(Css).Append("</style>\n</head>\n<body>\n");
        h.Append("<header class=\"top\"><p class=\"brand\">LoadLab threshold report</p><h1>").Append(E(m.ScenarioName)).Append("</h1>");
        h.Append("<p class=\"sub\">").Append(E(TargetLine(m))).Append("</p></header>\n");
        h.Append("<nav aria-label=\"Sections\"><ol>");
        foreach (var (id, t) in Sections) h.Append($"<li><a href=\"#{id}\">{E(t)}</a></li>");
        h.Append("</ol></nav>\n<main>\n");

        Verdict(h, m);
        LatencyCurve(h, m);
        Timeline(h, m);
        Tables(h, m);
        Backtest(h, m);
        ClosedLoop(h, m);
        HowToApply(h, m);
        RunFacts(h, m);

        h.Append("</main>\n<footer><p>Written by LoadLab ").Append(E(m.ReportVersion))
         .Append(" from the files in the run directory. Self-contained: this page loads nothing from the network.</p></footer>\n");
        h.Append("<script>").Append(Script).Append("</script>\n</body>\n</html>\n");
        return h.ToString();
    }

    private static string TargetLine(ReportModel m)
    {
        var v = m.Verdict;
        var run = m.Run.Value;
        var parts = new List<string>();
        if (v.Endpoint is not null) parts.Add($"endpoint {v.Endpoint}" + (v.Variant is null ? "" : $" / {v.Variant}"));
        else if (run?.Target.Url is { } url) parts.Add(url);
        if (run?.Target.Region is { } region) parts.Add(region);
        if (run is not null) parts.Add(Fmt.Time(run.StartUtc));
        return string.Join(" · ", parts);
    }

    private static void Open(StringBuilder h, string id)
    {
        var title = Sections.First(s => s.Id == id).Title;
        h.Append($"<section id=\"{id}\" aria-labelledby=\"{id}-h\">\n<h2 id=\"{id}-h\">{E(title)}</h2>\n");
    }

    private static void Close(StringBuilder h) => h.Append("</section>\n");

    private static void Missing(StringBuilder h, string? problem, string consequence)
    {
        h.Append("<p class=\"missing\" role=\"note\"><strong>Not available.</strong> ").Append(E(problem ?? "A file is missing."))
         .Append(' ').Append(E(consequence)).Append("</p>\n");
    }

    private static void Figure(StringBuilder h, ChartImage c, string? caption = null)
    {
        h.Append($"<figure id=\"{c.Id}\" class=\"chart\"><img src=\"{c.DataUri}\" width=\"{c.Width}\" height=\"{c.Height}\" alt=\"{E(c.AltText)}\">");
        h.Append("<figcaption>").Append(E(caption ?? c.Title));
        if (c.Note is not null) h.Append(" <strong>").Append(E(c.Note)).Append("</strong>");
        h.Append("</figcaption></figure>\n");
    }

    // ---------------------------------------------------------------- 1. Verdict

    private static void Verdict(StringBuilder h, ReportModel m)
    {
        var v = m.Verdict;
        Open(h, "verdict");
        var cls = v.Status switch { "pass" => "pass", "fail" => "fail", _ => "neutral" };
        var (head, detail) = StatusLine.Of(v);
        h.Append($"<div class=\"verdict {cls}\">\n<div class=\"status\"><span class=\"badge\">{head}</span> <span>{E(detail)}</span></div>\n");

        var r = v.Recommendation;
        if (r is not null)
        {
            h.Append("<h3>Recommended policy</h3>\n<dl class=\"kpis\">");
            Kpi(h, "Target", r.TargetValue is { } tv ? Fmt.N(tv, 0) : "–",
                r.Metric is null ? "" : r.Metric == ScalingConstants.InvocationsPerInstanceMetric ? "invocations per instance per minute" : r.Metric);
            Kpi(h, "Cooldowns", $"{Fmt.Seconds(r.ScaleOutCooldownS)} / {Fmt.Seconds(r.ScaleInCooldownS)}", "scale-out / scale-in");
            Kpi(h, "Instances", $"{(r.MinCapacity?.ToString() ?? "–")} – {(r.MaxCapacity?.ToString() ?? "–")}", "min – max");
            Kpi(h, "Expected cost", r.CostPerHourAtPeakUsd is { } c ? Fmt.Money(c) + " / h" : "–",
                "at peak" + (r.CostPerDayUsd is { } day ? $" · about {Fmt.Money(day)} a day" : "")
                + (r.CostPerMillionInferencesUsd is { } pm ? $" · {Fmt.Money(pm)} per million inferences" : ""));
            h.Append("</dl>\n<p class=\"basis\">");
            var basis = new List<string>();
            if (r.SustainableIpm is { } s)
                basis.Add($"Sustainable load at the SLO: {(r.SustainableIsLowerBound ? "at least " : "")}{Fmt.N(s, 0)} IPI" +
                          (r.SustainableIpmCiLow is { } lo && r.SustainableIpmCiHigh is { } hi ? $" (95 % CI {Fmt.N(lo, 0)}–{Fmt.N(hi, 0)})" : ""));
            if (r.RuleOfThumbTarget is { } rot) basis.Add($"AWS rule of thumb: {Fmt.N(rot, 0)}");
            if (r.StepPolicies > 0) basis.Add($"{r.StepPolicies} step policy(ies) with {r.Alarms} alarm(s)");
            if (r.ScheduledActions > 0) basis.Add($"{r.ScheduledActions} scheduled action(s)");
            if (r.Conservative) basis.Add("conservative: the test did not establish the limit");
            h.Append(E(string.Join(" · ", basis))).Append("</p>\n");
        }
        else Missing(h, m.Recommendation.Problem, "No policy can be shown.");

        if (v.Slo is { } slo)
        {
            h.Append($"<p class=\"slo\">SLO: p{Fmt.N(slo.LatencyPercentile)} ≤ {Fmt.N(slo.LatencyMs)} ms, errors ≤ {Fmt.Pct(slo.MaxErrorRateFraction)}: ")
             .Append(E(StatusLine.Slo(v.SloCheck))).Append(v.SloCheck.LatencyColumn is { } col ? $" <span class=\"muted\">(steps.csv {E(col)})</span>" : "").Append("</p>\n");
            if (v.SloCheck.Details.Count > 0)
            {
                h.Append("<ul class=\"reasons\">");
                foreach (var d in v.SloCheck.Details) h.Append("<li>").Append(E(d)).Append("</li>");
                h.Append("</ul>\n");
            }
        }

        if (v.Thresholds.Count > 0)
        {
            h.Append("<h3>Thresholds</h3>\n<ul class=\"thresholds\">");
            foreach (var t in v.Thresholds)
                h.Append($"<li class=\"{(t.Passed ? "ok" : "bad")}\"><span class=\"mark\" aria-hidden=\"true\">{(t.Passed ? "✓" : "✗")}</span> ")
                 .Append($"<span class=\"sr\">{(t.Passed ? "passed" : "failed")}:</span> <code>{E(t.Expression)}</code> — observed {Fmt.N(t.Observed, 3)}")
                 .Append(string.IsNullOrEmpty(t.Detail) ? "" : $" <span class=\"muted\">({E(t.Detail)})</span>").Append("</li>");
            h.Append("</ul>\n");
        }
        var headline = v.Warnings.Where(w => w.Headline).ToList();
        if (headline.Count > 0)
        {
            h.Append($"<h3>Warnings ({headline.Count})</h3>\n<ul class=\"warnings\">");
            foreach (var w in headline) WarningItem(h, w);
            h.Append("</ul>\n");
        }
        var notes = v.Warnings.Where(w => !w.Headline).ToList();
        if (notes.Count > 0)
        {
            h.Append($"<details class=\"notes\"><summary>{notes.Count} note(s) that do not change the figures</summary><ul class=\"warnings\">");
            foreach (var w in notes) WarningItem(h, w);
            h.Append("</ul></details>\n");
        }
        if (v.FileProblems.Count > 0)
        {
            h.Append("<h3>Files not available</h3>\n<ul class=\"warnings files\">");
            foreach (var w in v.FileProblems) h.Append($"<li><span class=\"src\">{E(w.Source)}</span> {E(w.Message)}</li>");
            h.Append("</ul>\n");
        }
        h.Append("</div>\n");
        var rationale = m.Recommendation.Value?.Rationale ?? [];
        if (rationale.Count > 0)
        {
            h.Append("<details><summary>Why this policy</summary><ul>");
            foreach (var line in rationale) h.Append("<li>").Append(E(line)).Append("</li>");
            h.Append("</ul></details>\n");
        }
        Close(h);
    }

    private static void WarningItem(StringBuilder h, ReportWarning w)
    {
        h.Append($"<li class=\"sev-{w.Severity.ToString().ToLowerInvariant()}\"><span class=\"src\">{E(w.Source)}</span> {E(w.Text)}");
        if (w.Count > 1) h.Append($" <span class=\"muted\">(×{w.Count})</span>");
        if (w.Code != Core.Findings.Finding.Unclassified) h.Append($" <code class=\"muted\">{E(w.Code)}</code>");
        if (w.Detail is not null) h.Append($" <span class=\"muted\">{E(w.Detail)}</span>");
        h.Append("</li>");
    }

    private static void Kpi(StringBuilder h, string label, string value, string note) =>
        h.Append($"<div><dt>{E(label)}</dt><dd><span class=\"v\">{E(value)}</span><span class=\"n\">{E(note)}</span></dd></div>");

    // ---------------------------------------------------------------- 2. Latency curve

    private static void LatencyCurve(StringBuilder h, ReportModel m)
    {
        Open(h, "latency-curve");
        var chart = LatencyCurveChart.Create(m);
        if (chart is null) Missing(h, m.Steps.Problem ?? m.Analysis.Problem ?? "No step has an invocations-per-instance figure.", "The curve cannot be drawn.");
        else
        {
            if (m.Analysis.Problem is { } p) Missing(h, p, "Only the measured points are shown (no fit, knee or sustainable load).");
            Figure(h, chart, "Each step's latency against its invocations per instance per minute (IPI), with the fitted curve, "
                              + "the knee, the SLO, the sustainable IPI with its 95 % confidence band, the recommended target and the AWS rule-of-thumb target.");
        }
        if (m.Analysis.Value is { } a)
        {
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
                : $"{Fmt.N(s, 0)} IPI (95 % CI {Fmt.N(a.SustainableIpmCiLow, 0)}–{Fmt.N(a.SustainableIpmCiHigh, 0)})");
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
            if (a.BootstrapResamples > 0) Row(h, "Confidence interval", $"bootstrap, {a.BootstrapResamples} resamples, seed {a.BootstrapSeed}");
            Row(h, "Steps used", a.StepsUsed.ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (a.InstanceStartupS is { } st) Row(h, "Instance startup", $"{Fmt.N(st, 0)} s ({(a.InstanceStartupMeasured ? "measured" : "assumed")})");
            h.Append("</tbody></table>\n");
        }
        Close(h);
    }

    private static void Row(StringBuilder h, string th, string td) =>
        h.Append($"<tr><th scope=\"row\">{E(th)}</th><td>{E(td)}</td></tr>");

    // ---------------------------------------------------------------- 3. Timeline

    private static void Timeline(StringBuilder h, ReportModel m)
    {
        Open(h, "timeline");
        var result = TimelineCharts.Create(m);
        foreach (var note in result.Notes) Missing(h, note, "");
        if (result.Charts.Count > 0)
        {
            h.Append("<p class=\"muted\">All charts share one time axis: minutes since the run started.</p>\n<div class=\"stack\">");
            foreach (var c in result.Charts) Figure(h, c);
            h.Append("</div>\n");
        }
        Close(h);
    }

    // ---------------------------------------------------------------- 4. Tables

    private static void Tables(StringBuilder h, ReportModel m)
    {
        Open(h, "tables");
        h.Append("<h3 id=\"steps-table\">Steps</h3>\n");
        if (m.Steps.Value is { } steps)
        {
            var t = ReportTables.Steps(steps);
            Table(h, t, "Steady steps (warm-up excluded)");
        }
        else Missing(h, m.Steps.Problem, "The step table is not shown.");

        h.Append("<h3 id=\"metrics-table\">CloudWatch metrics</h3>\n");
        if (m.Metrics.Value is { } metrics)
        {
            h.Append($"<p class=\"muted\">{E(metrics.Endpoint)} / {E(metrics.Variant)}, {E(Fmt.Time(metrics.WindowStartUtc))} to {E(Fmt.Time(metrics.WindowEndUtc))}.</p>\n");
            Table(h, ReportTables.Metrics(metrics), "Every CloudWatch series pulled for the run");
        }
        else Missing(h, m.Metrics.Problem, "The CloudWatch table is not shown.");

        h.Append("<h3 id=\"distribution\">Latency distribution</h3>\n");
        if (m.Latency.Value is { } d)
        {
            var chart = DistributionChart.Create(m);
            if (chart is not null) Figure(h, chart, $"Client latency by percentile over the whole run ({d.Intervals} intervals, {d.UnitNote}).");
            Table(h, ReportTables.Distribution(d), "Client latency percentiles (whole run)", "compact");
        }
        else Missing(h, m.Latency.Problem, "The latency distribution is not shown.");
        Close(h);
    }

    private static void Table(StringBuilder h, ReportTables.Table t, string caption, string? cssClass = null)
    {
        h.Append("<div class=\"scroll\"><table").Append(cssClass is null ? "" : $" class=\"{cssClass}\"").Append("><caption>").Append(E(caption)).Append("</caption><thead><tr>");
        for (int i = 0; i < t.Header.Count; i++)
            h.Append($"<th scope=\"col\"{(t.Numeric[i] ? " class=\"num\"" : "")}>{E(t.Header[i])}</th>");
        h.Append("</tr></thead><tbody>");
        foreach (var row in t.Rows)
        {
            h.Append("<tr>");
            for (int i = 0; i < row.Count; i++)
            {
                if (i == 0) h.Append($"<th scope=\"row\">{E(row[i])}</th>");
                else h.Append($"<td{(t.Numeric[i] ? " class=\"num\"" : "")}>{E(row[i])}</td>");
            }
            h.Append("</tr>");
        }
        h.Append("</tbody></table></div>\n");
    }

    // ---------------------------------------------------------------- 5. Backtest

    private static void Backtest(StringBuilder h, ReportModel m)
    {
        Open(h, "backtest");
        if (m.Simulation.Value is not { } s)
        {
            Missing(h, m.Simulation.Problem, "No backtest can be shown.");
            Close(h);
            return;
        }
        h.Append($"<p>Traffic: <strong>{E(s.TrafficSource)}</strong>, from {E(Fmt.Time(s.StartUtc))} in {s.StepS} s steps, seed {s.Seed}. "
                 + $"{s.Candidates.Count} candidate policies replayed through the model of Application Auto Scaling.</p>\n");
        var cap = BacktestCharts.Capacity(m);
        if (cap is not null) Figure(h, cap, "Demand (instances needed to meet the SLO) against the instances the recommended and the rule-of-thumb policies would have had in service.");
        else h.Append("<p class=\"missing\" role=\"note\">No per-step series for the recommended or the rule-of-thumb policy.</p>\n");
        var pareto = BacktestCharts.Pareto(m);
        if (pareto is not null) Figure(h, pareto, "Every candidate's cost against its SLO-violation minutes; the Pareto front is the set no other candidate beats on both.");
        h.Append("<h3>Elasticity and outcome per candidate</h3>\n");
        var all = ReportTables.Candidates(s);
        int key = ReportTables.KeyCandidateCount(s);
        Table(h, ReportTables.Slice(all, 0, key), "The recommended policy, the rule of thumb and the Pareto front; elasticity metrics after the SPEC Research Group (accuracy: mean under/over-provisioned instances relative to demand; timeshare: share of time under/over-provisioned)");
        if (all.Rows.Count > key)
        {
            h.Append($"<details><summary>The other {all.Rows.Count - key} candidates</summary>");
            Table(h, ReportTables.Slice(all, key), "Every other candidate of the sweep, cheapest first");
            h.Append("</details>\n");
        }
        Close(h);
    }

    // ---------------------------------------------------------------- 6. How to apply

    private static void HowToApply(StringBuilder h, ReportModel m)
    {
        Open(h, "apply");
        if (m.Recommendation.Value is not { } r)
        {
            Missing(h, m.Recommendation.Problem, "There is nothing to apply.");
            Close(h);
            return;
        }
        var region = m.Run.Value?.Target.Region ?? m.Metrics.Value?.Region;
        h.Append("<p>The fastest way: <code>loadlab apply ").Append(E(IacNames.ShellQuote(Path.Combine(m.RunDirectory, "recommendation.json"))))
         .Append("</code> prints the plan as a diff against the live configuration and changes nothing without <code>--yes</code>. The same requests by hand:</p>\n");

        h.Append("<h3>Requests (Application Auto Scaling and CloudWatch API, field for field)</h3>\n");
        h.Append("<p class=\"muted\">In order: register the scalable target, put the policies, the alarms the step policies need, then the scheduled actions. Click a request to see its JSON.</p>\n");
        foreach (var req in ApplySnippets.Requests(r))
        {
            h.Append("<details class=\"req\"><summary><code>").Append(E(req.Operation)).Append("</code> ").Append(E(req.Name)).Append("</summary>");
            Code(h, $"{req.Operation}.json", req.Json, "json");
            h.Append("</details>\n");
        }
        h.Append("<h3>AWS CLI</h3>\n");
        var requests = IacRequests.FromRecommendation(r);
        var options = new IacOptions { Region = region, CloudFormationSyntax = CloudFormationSyntax.Yaml };
        Code(h, "apply-with-aws-cli.sh", IacEmitter.Emit(IacKind.Cli, requests, options), "bash");
        h.Append("<h3>CloudFormation</h3>\n");
        Code(h, IacEmitter.FileName(IacKind.CloudFormation, CloudFormationSyntax.Yaml), IacEmitter.Emit(IacKind.CloudFormation, requests, options), "yaml");
        h.Append("<h3>Terraform</h3>\n");
        Code(h, IacEmitter.FileName(IacKind.Terraform), IacEmitter.Emit(IacKind.Terraform, requests, options), "hcl");
        Close(h);
    }

    [ThreadStatic] private static int _codeCounter;

    private static void Code(StringBuilder h, string label, string code, string lang)
    {
        var id = "code-" + (++_codeCounter).ToString(System.Globalization.CultureInfo.InvariantCulture);
        h.Append($"<div class=\"code\"><div class=\"code-head\"><span>{E(label)}</span><button type=\"button\" data-copy=\"{id}\">Copy</button></div>");
        h.Append($"<pre id=\"{id}\" class=\"lang-{lang}\"><code>{E(code)}</code></pre></div>\n");
    }

    // ---------------------------------------------------------------- 7. Run facts

    private static void RunFacts(StringBuilder h, ReportModel m)
    {
        Open(h, "run-facts");
        if (m.Run.Value is not { } run)
        {
            Missing(h, m.Run.Problem, "The scenario, seed and times are unknown.");
            Close(h);
            return;
        }
        h.Append("<table class=\"compact\"><caption>What was run</caption><tbody>");
        Row(h, "Scenario", run.ScenarioName + (run.ScenarioPath is null ? "" : $" ({run.ScenarioPath})"));
        Row(h, "Target", run.Target.Kind + ": " + string.Join(", ", new[]
        {
            run.Target.Endpoint is null ? null : "endpoint " + run.Target.Endpoint,
            run.Target.Variant is null ? null : "variant " + run.Target.Variant,
            run.Target.Region is null ? null : "region " + run.Target.Region,
            run.Target.Url,
        }.OfType<string>()));
        Row(h, "Load model", run.LoadModel);
        Row(h, "Phases", run.Phases.Count == 0 ? "–" : string.Join(", ", run.Phases.Select(p => $"{p.Shape} ({Fmt.Duration(p.EndUtc - p.StartUtc)})")));
        Row(h, "Steps", run.Steps.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Row(h, "Seed", run.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Row(h, "LoadLab version", run.ToolVersion + (run.ToolVersion == m.ReportVersion ? "" : $" (report written by {m.ReportVersion})"));
        Row(h, "Start (UTC)", Fmt.Time(run.StartUtc));
        Row(h, "End (UTC)", Fmt.Time(run.EndUtc) + (run.EndUtc is { } e ? $" ({Fmt.Duration(e - run.StartUtc)})" : ""));
        if (run.Interrupted) Row(h, "Interrupted", run.InterruptReason ?? "yes");
        if (run.Shard is not null) Row(h, "Shard", run.Shard);
        if (run.Totals is { } t)
            Row(h, "Totals", $"{Fmt.I(t.Completed)} completed of {Fmt.I(t.Scheduled)} scheduled, {Fmt.I(t.Ok)} ok, {Fmt.I(t.Errors)} errors, {Fmt.I(t.Dropped)} dropped, {Fmt.I(t.Late)} late; p50 {Fmt.N(t.P50Ms)} ms, p90 {Fmt.N(t.P90Ms)} ms, p99 {Fmt.N(t.P99Ms)} ms, max {Fmt.N(t.MaxMs)} ms");
        h.Append("</tbody></table>\n<h3>How to reproduce</h3>\n");
        Code(h, "reproduce.sh", ReportTables.ReproduceCommands(m), "bash");
        Close(h);
    }

    // ---------------------------------------------------------------- assets

    private const string Css = """
:root{--fg:#1b1f24;--muted:#57606a;--line:#d0d7de;--bg:#fff;--soft:#f6f8fa;--ok:#0b6e4f;--okbg:#e6f4ee;--bad:#b3261e;--badbg:#fdecea;--neutral:#4a5568;--neutralbg:#eef1f4;--accent:#0072B2}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;color:var(--fg);background:var(--bg);font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,"Noto Sans","Liberation Sans","DejaVu Sans",sans-serif}
header.top,nav,main,footer{max-width:1080px;margin:0 auto;padding:0 24px}
header.top{padding-top:28px}
.brand{margin:0;color:var(--muted);font-size:13px;letter-spacing:.06em;text-transform:uppercase}
h1{margin:.1em 0 .1em;font-size:30px;line-height:1.2;word-break:break-word}
.sub{margin:0;color:var(--muted)}
nav ol{display:flex;flex-wrap:wrap;gap:4px 18px;list-style:none;padding:12px 0;margin:16px 0 0;border-top:1px solid var(--line);border-bottom:1px solid var(--line)}
nav li{counter-increment:sec}
nav li::before{content:counter(sec) ". ";color:var(--muted)}
a{color:var(--accent)}
section{margin:34px 0}
h2{font-size:22px;margin:0 0 12px;padding-bottom:6px;border-bottom:2px solid var(--fg)}
h3{font-size:16px;margin:22px 0 8px}
.verdict{border:2px solid var(--neutral);border-radius:10px;padding:18px 22px;background:var(--neutralbg)}
.verdict.pass{border-color:var(--ok);background:var(--okbg)}
.verdict.fail{border-color:var(--bad);background:var(--badbg)}
.verdict h3{margin-top:16px}
.verdict ul.reasons{margin:10px 0 0;padding-left:20px}
.status{font-size:18px;font-weight:600;display:flex;align-items:center;gap:12px;flex-wrap:wrap}
.badge{display:inline-block;padding:4px 14px;border-radius:6px;color:#fff;background:var(--neutral);font-size:20px;letter-spacing:.04em}
.pass .badge{background:var(--ok)}.fail .badge{background:var(--bad)}
dl.kpis{display:grid;grid-template-columns:repeat(auto-fit,minmax(200px,1fr));gap:12px;margin:8px 0}
dl.kpis div{background:#fff;border:1px solid var(--line);border-radius:8px;padding:10px 14px}
dl.kpis dt{color:var(--muted);font-size:13px;text-transform:uppercase;letter-spacing:.04em}
dl.kpis dd{margin:0}
dl.kpis .v{display:block;font-size:24px;font-weight:700;font-variant-numeric:tabular-nums}
dl.kpis .n{display:block;color:var(--muted);font-size:12.5px;word-break:break-word}
.basis,.slo{margin:6px 0}
ul.thresholds{list-style:none;padding:0;margin:0}
ul.thresholds li{padding:3px 0}
.mark{display:inline-block;width:1.4em;font-weight:700}
li.ok .mark{color:var(--ok)}li.bad .mark{color:var(--bad)}li.bad{font-weight:600}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
ul.warnings{margin:0;padding-left:20px}
ul.warnings li{margin:3px 0}
.src{display:inline-block;font:12px/1.6 ui-monospace,SFMono-Regular,Menlo,Consolas,"DejaVu Sans Mono",monospace;background:#fff;border:1px solid var(--line);border-radius:4px;padding:0 5px;margin-right:4px}
.missing{background:#fff8e1;border-left:4px solid #E69F00;padding:8px 12px;margin:8px 0}
.muted{color:var(--muted)}
figure.chart{margin:10px 0 18px}
figure.chart img{display:block;width:100%;height:auto;border:1px solid var(--line);border-radius:6px}
figcaption{color:var(--muted);font-size:13.5px;margin-top:4px}
.stack figure.chart{margin:0 0 6px}
.scroll{overflow-x:auto}
table{border-collapse:collapse;width:100%;margin:6px 0 14px;font-variant-numeric:tabular-nums;font-size:14px}
caption{text-align:left;color:var(--muted);font-size:13px;padding:2px 0 6px}
th,td{border-bottom:1px solid var(--line);padding:5px 8px;text-align:left;vertical-align:top}
thead th{background:var(--soft);border-bottom:2px solid var(--line);white-space:nowrap}
tbody th{font-weight:600}
.num{text-align:right}
table.compact{width:auto;min-width:60%}
table.compact th{color:var(--muted);font-weight:600;white-space:nowrap;padding-right:24px}
.code{border:1px solid var(--line);border-radius:6px;margin:8px 0 12px;overflow:hidden}
.code-head{display:flex;justify-content:space-between;align-items:center;background:var(--soft);padding:4px 10px;font:13px ui-monospace,SFMono-Regular,Menlo,Consolas,"DejaVu Sans Mono",monospace;border-bottom:1px solid var(--line)}
.code-head button{font:inherit;font-size:12px;padding:2px 10px;border:1px solid var(--line);border-radius:4px;background:#fff;cursor:pointer}
pre{margin:0;padding:10px 12px;overflow-x:auto;font:12.5px/1.45 ui-monospace,SFMono-Regular,Menlo,Consolas,"DejaVu Sans Mono",monospace;background:#fff;white-space:pre}
code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"DejaVu Sans Mono",monospace;font-size:.92em}
details{margin:10px 0}
details.req{margin:4px 0}
details.req>summary{padding:4px 0}
details.req .code{margin-top:4px}
summary{cursor:pointer;color:var(--accent)}
footer{color:var(--muted);font-size:13px;border-top:1px solid var(--line);margin-top:40px;padding-bottom:30px}
@media print{nav,.code-head button{display:none}section{break-inside:avoid-page}}
""";

    // Copy buttons only; the page works without script.
    private const string Script = """
document.querySelectorAll('button[data-copy]').forEach(function(b){b.addEventListener('click',function(){var el=document.getElementById(b.getAttribute('data-copy'));if(!el)return;var t=el.innerText;try{navigator.clipboard.writeText(t).then(function(){b.textContent='Copied';setTimeout(function(){b.textContent='Copy';},1500);},function(){b.textContent='Select and copy';});}catch(e){b.textContent='Select and copy';}});});
""";
}
