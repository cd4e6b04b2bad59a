using System.Text;
using LoadLab.Core.Iac;
using LoadLab.Reporting.Apply;
using LoadLab.Reporting.Model;
using static LoadLab.Reporting.Exporters.Html;

namespace LoadLab.Reporting.Exporters;

/// <summary>The "How to apply" and "Run facts" sections, with their copyable code blocks.</summary>
public sealed partial class HtmlExporter
{
    private static void HowToApply(StringBuilder h, ReportModel m, CodeBlockIds ids)
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
            Code(h, ids, $"{req.Operation}.json", req.Json, "json");
            h.Append("</details>\n");
        }
        h.Append("<h3>AWS CLI</h3>\n");
        var requests = IacRequests.FromRecommendation(r);
        var options = new IacOptions { Region = region, CloudFormationSyntax = CloudFormationSyntax.Yaml };
        Code(h, ids, "apply-with-aws-cli.sh", IacEmitter.Emit(IacKind.Cli, requests, options), "bash");
        h.Append("<h3>CloudFormation</h3>\n");
        Code(h, ids, IacEmitter.FileName(IacKind.CloudFormation, CloudFormationSyntax.Yaml), IacEmitter.Emit(IacKind.CloudFormation, requests, options), "yaml");
        h.Append("<h3>Terraform</h3>\n");
        Code(h, ids, IacEmitter.FileName(IacKind.Terraform), IacEmitter.Emit(IacKind.Terraform, requests, options), "hcl");
        Close(h);
    }

    private static void Code(StringBuilder h, CodeBlockIds ids, string label, string code, string lang)
    {
        var id = ids.Next();
        h.Append($"<div class=\"code\"><div class=\"code-head\"><span>{E(label)}</span><button type=\"button\" data-copy=\"{id}\">Copy</button></div>");
        h.Append($"<pre id=\"{id}\" class=\"lang-{lang}\"><code>{E(code)}</code></pre></div>\n");
    }

    // ---------------------------------------------------------------- 7. Run facts

    private static void RunFacts(StringBuilder h, ReportModel m, CodeBlockIds ids)
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
        Code(h, ids, "reproduce.sh", ReportTables.ReproduceCommands(m), "bash");
        Close(h);
    }

    /// <summary>The ids of one render's copyable code blocks, numbered from 1 so the same model gives the same bytes.</summary>
    private sealed class CodeBlockIds
    {
        private int _count;

        public string Next() => "code-" + (++_count).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
