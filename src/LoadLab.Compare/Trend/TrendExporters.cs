using System.Text;
using LoadLab.Compare.Exporters;
using LoadLab.Core.Json;
using static LoadLab.Reporting.Exporters.Html;

namespace LoadLab.Compare.Trend;

/// <summary>trend.html (charts and tables), trend.md (the tables) and trend.json (the whole <see cref="TrendResult"/>).</summary>
public static class TrendExporters
{
    public const string HtmlFile = "trend.html";
    public const string MarkdownFile = "trend.md";
    public const string JsonFile = "trend.json";

    public static string Json(TrendResult t) => LoadLabJson.Serialize(t);

    public static string Markdown(TrendResult t)
    {
        var md = new StringBuilder("# LoadLab trend\n\n");
        md.Append("Runs under `").Append(t.ReportsDirectory.Replace("`", "", StringComparison.Ordinal)).Append("`, oldest first.\n");
        foreach (var s in t.Scenarios)
            CompareMarkdown.Table(md, CompareMarkdown.Cell(s.Scenario), TrendTables.Header(s), TrendTables.Rows(s));
        Skipped(t, line => md.Append("- ").Append(CompareMarkdown.Cell(line)).Append('\n'), () => md.Append("\n## Skipped\n\n"));
        return md.ToString();
    }

    public static string Html(TrendResult t)
    {
        var h = HtmlPage.Open("Trend across runs", "LoadLab trend");
        h.Append("<p>Runs under <code>").Append(E(t.ReportsDirectory)).Append("</code>, oldest first; the sustainable load with its 95 % confidence interval, ")
         .Append("the SLO percentile's latency that the run's fitted curve predicts at its recommended target, and the cost at peak.</p>\n");
        int n = 0;
        foreach (var s in t.Scenarios)
        {
            h.Append("<section><h2>").Append(E(s.Scenario)).Append("</h2>\n");
            foreach (var chart in TrendCharts.For(s))
                h.Append("<figure><img id=\"").Append(E(chart.Id)).Append("\" src=\"").Append(chart.DataUri).Append("\" width=\"").Append(chart.Width)
                 .Append("\" height=\"").Append(chart.Height).Append("\" alt=\"").Append(E(chart.AltText)).Append("\"><figcaption>")
                 .Append(E(chart.Title)).Append("</figcaption></figure>\n");
            h.Append("</section>\n");
            HtmlPage.Table(h, $"runs-{n++}", $"{s.Scenario}: runs", TrendTables.Header(s), TrendTables.Rows(s));
        }
        var skipped = new StringBuilder();
        Skipped(t, line => skipped.Append("<li>").Append(E(line)).Append("</li>"), () => skipped.Append("<h2>Skipped</h2><ul>"));
        if (skipped.Length > 0) h.Append(skipped).Append("</ul>\n");
        return HtmlPage.Close(h);
    }

    private static void Skipped(TrendResult t, Action<string> line, Action heading)
    {
        if (t.Skipped.Count == 0) return;
        heading();
        foreach (var s in t.Skipped) line(s);
    }
}
