using System.Text;
using LoadLab.Core.Iac;
using LoadLab.Core.RunFiles;
using LoadLab.Reporting.Charts;
using LoadLab.Reporting.Model;
using static LoadLab.Reporting.Exporters.Html;

namespace LoadLab.Reporting.Exporters;

/// <summary>The "Closed-loop check" section: verify.json, the policy tested under a spike while the fleet scaled.</summary>
public sealed partial class HtmlExporter
{
    private static void ClosedLoop(StringBuilder h, ReportModel m)
    {
        Open(h, "closed-loop");
        if (m.Verify.Value is not { } f)
        {
            if (m.Verify.Missing) NoClosedLoop(h, m);
            else Missing(h, m.Verify.Problem, "The closed-loop check is not shown.");
            Close(h);
            return;
        }
        var v = f.Verdict;
        var clock = ClosedLoopTables.ClockNote(f);
        h.Append("<p>").Append(E($"{m.Verify.FileName}: scenario {f.Scenario}"))
         .Append(f.Endpoint is null ? "" : E($" against endpoint {f.Endpoint} / {f.Variant}"))
         .Append(E($", {Fmt.Time(f.StartUtc)} to {Fmt.Time(f.EndUtc)}")).Append(clock is null ? "" : $" <strong>({E(clock)})</strong>")
         .Append(E($"; scaling observed through {f.Observer}.")).Append("</p>\n");

        h.Append($"<div class=\"verdict {(v.SloHeld ? "pass" : "fail")}\">\n<div class=\"status\"><span class=\"badge\">{(v.SloHeld ? "HELD" : "NOT HELD")}</span> ")
         .Append($"<span>SLO p{Fmt.N(f.Slo.LatencyPercentile)} ≤ {Fmt.N(f.Slo.LatencyMs)} ms, errors ≤ {Fmt.Pct(f.Slo.MaxErrorRateFraction)} while the fleet scaled</span></div>\n");
        if (v.Reasons.Count > 0)
        {
            h.Append("<ul class=\"reasons\">");
            foreach (var r in v.Reasons) h.Append("<li>").Append(E(r)).Append("</li>");
            h.Append("</ul>\n");
        }
        h.Append("<dl class=\"kpis\">");
        Kpi(h, "Load step", v.LoadStepFactor is { } lf ? "x" + Fmt.N(lf, 2) : "–", v.LoadStepUtc is { } ls ? "at " + Fmt.Time(ls) : "no step found");
        Kpi(h, "First scale-out", ClosedLoopTables.Secs(v.TimeToFirstScaleOutS), "after the load step");
        Kpi(h, "Recovery", v.ViolationMinutes == 0 ? "never over" : v.Recovered ? ClosedLoopTables.Secs(v.TimeToRecoveryS) : "not recovered",
            v.ViolationMinutes == 0 ? "the SLO held in every minute" : "back under the SLO after the load step");
        Kpi(h, "Minutes over the SLO", v.ViolationMinutes.ToString(System.Globalization.CultureInfo.InvariantCulture), $"{f.Slo.AllowedViolationMinutes} allowed");
        Kpi(h, "Instances", $"{N(v.InitialInstances)} → {N(v.MaxDesiredInstances)} / {N(v.MaxInServiceInstances)}", "initial → peak desired / in service");
        Kpi(h, "Scaling", $"{v.ScaleOuts} / {v.ScaleIns}", "scale-outs / scale-ins");
        h.Append("</dl>\n</div>\n");
        if (clock is not null)
            h.Append("<p class=\"muted\">Times and minutes are on the ").Append(E(clock))
             .Append(": the sim endpoint compresses alarm periods, cooldowns and instance startup alike.</p>\n");

        h.Append("<h3>").Append(E(ClosedLoopTables.EvidenceHeading)).Append("</h3>\n<ul class=\"evidence\">");
        foreach (var line in ClosedLoopTables.Evidence(f)) h.Append("<li>").Append(E(line)).Append("</li>");
        h.Append("</ul>\n");
        if (ClosedLoopTables.Comparison(f) is { } comparison)
            Table(h, comparison, "What happened against what the simulator's model predicted for the same offered traffic and policy", "compact");
        else h.Append("<p class=\"muted\">verify ran without <code>--policy</code> (or without its analysis.json), so there is no prediction to compare with.</p>\n");

        var charts = VerifyCharts.Create(f);
        if (charts.Count > 0)
        {
            h.Append("<div class=\"stack\">");
            foreach (var c in charts) Figure(h, c);
            h.Append("</div>\n");
        }
        if (f.Timeline.Count > 0)
        {
            h.Append("<details><summary>Per-minute timeline</summary>");
            Table(h, ClosedLoopTables.Minutes(f), "One row per minute" + (clock is null ? "" : $" ({clock})") + "; IPI = invocations per instance in the minute, in the policy's units");
            h.Append("</details>\n");
        }
        else h.Append("<p class=\"missing\" role=\"note\">verify.json has no per-minute timeline.</p>\n");
        if (f.ScalingActivities.Count > 0)
        {
            h.Append("<h3>Scaling activities</h3>\n");
            Table(h, ClosedLoopTables.Activities(f), "As Application Auto Scaling (or the sim endpoint) recorded them");
        }
        else h.Append("<p class=\"muted\">No scaling activity was recorded during the check.</p>\n");
        Close(h);
    }

    private static string N(int? v) => v?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "–";

    private static void NoClosedLoop(StringBuilder h, ReportModel m)
    {
        var run = IacNames.ShellQuote(m.RunDirectory);
        var verifyDir = IacNames.ShellQuote(Path.Combine(m.RunDirectory, "verify"));
        var policy = IacNames.ShellQuote(Path.Combine(m.RunDirectory, "recommendation.json"));
        h.Append("<p class=\"muted\" role=\"note\">No closed-loop check was found (no verify.json in the run directory or its verify/ folder). ")
         .Append("It tests the policy the way production will: a spike against the endpoint with the policy live, and whether the SLO held while the fleet scaled. ")
         .Append("To make one, apply the policy, then run <code>loadlab verify &lt;scenario&gt; --policy ").Append(E(policy))
         .Append(" --out ").Append(E(verifyDir)).Append("</code> and <code>loadlab report ").Append(E(run)).Append("</code> again.</p>\n");
    }
}
