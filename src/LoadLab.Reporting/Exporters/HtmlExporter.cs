using System.Text;
using LoadLab.Reporting.Charts;
using LoadLab.Reporting.Model;
using static LoadLab.Reporting.Exporters.Html;

namespace LoadLab.Reporting.Exporters;

/// <summary>
/// <c>report.html</c>: one self-contained file (CSS and script inlined from the embedded Assets/report.css and
/// report.js, charts as PNG data URIs, no external request of any kind), readable offline and as a mail attachment.
/// Sections in a fixed order, one partial file each; a section whose file is missing or corrupt says so and the
/// others render.
/// </summary>
public sealed partial class HtmlExporter : IReportExporter
{
    public ReportFormats Format => ReportFormats.Html;
    public string FileName => "report.html";

    /// <summary>Section ids in report order (tests and the table of contents use them).</summary>
    public static readonly IReadOnlyList<(string Id, string Title)> Sections =
    [
        ("verdict", "Verdict"),
        ("how-to-read", ReportGuide.Title),
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
        var h = new StringBuilder(1 << 20);
        var title = $"LoadLab report: {m.ScenarioName}";
        h.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        h.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        // Belt and braces: even if a string slipped through unescaped, the page may load nothing from anywhere.
        h.Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src data:; style-src 'unsafe-inline'; script-src 'unsafe-inline'\">\n");
        h.Append("<meta name=\"generator\" content=\"LoadLab ").Append(E(m.ReportVersion)).Append("\">\n");
        h.Append("<title>").Append(E(title)).Append("</title>\n<style>").Append(ReportAssets.Css).Append("</style>\n</head>\n<body>\n");
        h.Append("<header class=\"top\"><p class=\"brand\">LoadLab threshold report</p><h1>").Append(E(m.ScenarioName)).Append("</h1>");
        h.Append("<p class=\"sub\">").Append(E(TargetLine(m))).Append("</p></header>\n");
        h.Append("<nav aria-label=\"Sections\"><ol>");
        foreach (var (id, t) in Sections)
        {
            h.Append($"<li><a href=\"#{id}\">{E(t)}</a></li>");
            if (id == "verdict" && HasBaseline(m)) h.Append($"<li><a href=\"#{BaselineSectionId}\">{E(BaselineSectionTitle)}</a></li>");
        }
        h.Append("</ol></nav>\n<main>\n");

        Verdict(h, m);
        Baseline(h, m);
        HowToRead(h);
        LatencyCurve(h, m);
        Timeline(h, m);
        Tables(h, m);
        Backtest(h, m);
        ClosedLoop(h, m);
        var codeIds = new CodeBlockIds();
        HowToApply(h, m, codeIds);
        RunFacts(h, m, codeIds);

        h.Append("</main>\n<footer><p>Written by LoadLab ").Append(E(m.ReportVersion))
         .Append(" from the files in the run directory. Self-contained: this page loads nothing from the network.</p></footer>\n");
        h.Append("<script>").Append(ReportAssets.Script).Append("</script>\n</body>\n</html>\n");
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

    private static void HowToRead(StringBuilder h)
    {
        Open(h, "how-to-read");
        h.Append("<ul class=\"guide\">");
        foreach (var point in ReportGuide.Points) h.Append("<li>").Append(E(point)).Append("</li>");
        h.Append("</ul>\n");
        Close(h);
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
}
