using LoadLab.Compare.Model;
using LoadLab.Reporting.Exporters;
using static LoadLab.Reporting.Exporters.Html;

namespace LoadLab.Compare.Exporters;

/// <summary><c>compare.html</c>: the verdict, the thresholds, the step tables and the analyses side by side.</summary>
public static class CompareHtml
{
    public const string FileName = "compare.html";

    public static string Render(ComparisonResult c)
    {
        var h = HtmlPage.Open($"Comparison: {c.Scenario}", "LoadLab run against its baseline");
        h.Append("<p class=\"verdict").Append(c.Regression ? " fail" : "").Append("\">").Append(E(CompareTables.Headline(c))).Append("</p>\n");
        HtmlPage.Table(h, "runs", "Runs", ["", "directory", "seed", "start (UTC)", "LoadLab"],
        [
            ["baseline", c.Baseline.Directory, c.Baseline.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture), Fmt.Time(c.Baseline.StartUtc), c.Baseline.ToolVersion],
            ["run", c.Run.Directory, c.Run.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture), Fmt.Time(c.Run.StartUtc), c.Run.ToolVersion],
        ]);
        h.Append("<p>A threshold regresses only when the run breaks it and the difference is significant at ")
         .Append(E(Fmt.N(c.SignificanceLevelFraction, 4)))
         .Append(" (one-sided): latency by the Mann–Whitney U test on the two latency histograms' counts, errors by the two-proportion z test, ")
         .Append("the sustainable load by disjoint 95 % confidence intervals.</p>\n");
        if (c.Notes.Count > 0)
        {
            h.Append("<ul class=\"notes\">");
            foreach (var n in c.Notes) h.Append("<li>").Append(E(n)).Append("</li>");
            h.Append("</ul>\n");
        }
        var checks = CompareTables.CheckRows(c).ToList();
        HtmlPage.Table(h, "thresholds", "Thresholds", CompareTables.CheckHeader, checks,
            row => row[6] == "REGRESSION" ? "regression" : row[6].StartsWith("broken", StringComparison.Ordinal) ? "broken" : null);
        HtmlPage.Table(h, "steps", "Latency and errors, step by step", CompareTables.ScopeHeader, CompareTables.ScopeRows(c));
        HtmlPage.Table(h, "analysis", "Analysis and recommendation", CompareTables.AnalysisHeader, CompareTables.AnalysisRows(c));
        return HtmlPage.Close(h);
    }
}
