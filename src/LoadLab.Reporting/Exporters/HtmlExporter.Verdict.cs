using System.Text;
using LoadLab.Core.AwsApi;
using LoadLab.Reporting.Model;
using static LoadLab.Reporting.Exporters.Html;

namespace LoadLab.Reporting.Exporters;

/// <summary>The "Verdict" section: the status, the recommended policy, the SLO, the thresholds and the warnings.</summary>
public sealed partial class HtmlExporter
{
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
                          IntervalText.Suffix(r.SustainableInterval));
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
}
