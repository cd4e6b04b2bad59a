using System.Globalization;
using System.Text;
using LoadLab.Reporting.Baselines;
using LoadLab.Reporting.Model;
using static LoadLab.Reporting.Exporters.Html;

namespace LoadLab.Reporting.Exporters;

/// <summary>
/// The "Against the baseline" section: compare.json in brief, right after the verdict. Only when the run was
/// compared (the section is absent otherwise: a comparison is something the user asked for, not a missing file).
/// </summary>
public sealed partial class HtmlExporter
{
    public const string BaselineSectionId = "baseline";
    public const string BaselineSectionTitle = "Against the baseline";

    private static bool HasBaseline(ReportModel m) => !m.Baseline.Missing;

    private static void Baseline(StringBuilder h, ReportModel m)
    {
        if (!HasBaseline(m)) return;
        h.Append($"<section id=\"{BaselineSectionId}\" aria-labelledby=\"{BaselineSectionId}-h\">\n<h2 id=\"{BaselineSectionId}-h\">{E(BaselineSectionTitle)}</h2>\n");
        if (m.Baseline.Value is not { } c)
        {
            Missing(h, m.Baseline.Problem, "The comparison with the baseline is not shown.");
            h.Append("</section>\n");
            return;
        }
        var b = c.Baseline;
        h.Append($"<div class=\"verdict {(c.Regression ? "fail" : "pass")}\">\n<div class=\"status\"><span class=\"badge\">{(c.Regression ? "REGRESSION" : "NO REGRESSION")}</span> <span>")
         .Append(E(BaselineText.Headline(c))).Append("</span></div>\n</div>\n");
        h.Append("<p>").Append(E($"Baseline {b.Directory}: seed {b.Seed}, started {Fmt.Time(b.StartUtc)}, LoadLab {b.ToolVersion ?? "?"}; " +
                                 $"a broken threshold is a regression only when the difference is significant (p < {c.SignificanceLevelFraction.ToString("0.###", CultureInfo.InvariantCulture)}). " +
                                 "compare.html has every step."))
         .Append("</p>\n");
        h.Append("<div class=\"scroll\"><table><caption>Regression thresholds, where each is closest to breaking</caption><thead><tr>");
        foreach (var col in BaselineText.Header) h.Append("<th scope=\"col\">").Append(E(col)).Append("</th>");
        h.Append("</tr></thead><tbody>");
        foreach (var row in BaselineText.Rows(c))
        {
            h.Append("<tr>");
            foreach (var cell in row) h.Append("<td>").Append(E(cell)).Append("</td>");
            h.Append("</tr>");
        }
        h.Append("</tbody></table></div>\n");
        foreach (var n in c.Notes) h.Append("<p class=\"note\">").Append(E(n)).Append("</p>\n");
        h.Append("</section>\n");
    }
}
