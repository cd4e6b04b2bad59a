using System.Text;
using LoadLab.Choice.Model;
using static LoadLab.Reporting.Exporters.Html;

namespace LoadLab.Choice.Exporters;

/// <summary><c>choice.html</c>: self-contained (inline CSS, the chart as a data URI, a CSP that loads nothing), every text escaped.</summary>
public static class ChoiceHtml
{
    public const string FileName = "choice.html";

    public static string Render(ChoiceFile c)
    {
        var h = new StringBuilder(1 << 16);
        h.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        h.Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src data:; style-src 'unsafe-inline'\">\n");
        h.Append("<title>Which instance type</title>\n<style>").Append(Css).Append("</style>\n</head>\n<body>\n<main>\n");
        h.Append("<h1>Which instance type: the cheapest configuration that holds the SLO</h1>\n");
        h.Append("<p class=\"verdict").Append(c.Winner is null ? " fail" : "").Append("\">").Append(E(c.Verdict)).Append("</p>\n");
        h.Append("<p>Region ").Append(E(c.Region)).Append("; traffic: ").Append(E(c.Traffic)).Append(".</p>\n");
        Table(h, "candidates", "Candidates", ChoiceTables.CandidateHeader, ChoiceTables.CandidateRows(c));
        if (ChoiceChart.CostVersusSlo(c) is { } chart)
            h.Append("<figure><img src=\"").Append(chart.DataUri).Append("\" alt=\"").Append(E(chart.AltText)).Append("\" width=\"")
             .Append(chart.Width).Append("\"><figcaption>").Append(E(chart.AltText)).Append("</figcaption></figure>\n");
        Table(h, "prices", "Prices used", ChoiceTables.PriceHeader, ChoiceTables.PriceRows(c));
        if (c.Warnings.Count > 0)
        {
            h.Append("<section id=\"warnings\"><h2>Warnings</h2><ul>");
            foreach (var w in c.Warnings) h.Append("<li>").Append(E(w)).Append("</li>");
            h.Append("</ul></section>\n");
        }
        return h.Append("</main>\n</body>\n</html>\n").ToString();
    }

    private static void Table(StringBuilder h, string id, string title, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        h.Append("<section id=\"").Append(E(id)).Append("\"><h2>").Append(E(title)).Append("</h2>\n<table>\n<thead><tr>");
        foreach (var c in header) h.Append("<th scope=\"col\">").Append(E(c)).Append("</th>");
        h.Append("</tr></thead>\n<tbody>\n");
        foreach (var row in rows)
        {
            h.Append("<tr>");
            foreach (var c in row) h.Append("<td>").Append(E(c)).Append("</td>");
            h.Append("</tr>\n");
        }
        h.Append("</tbody>\n</table>\n</section>\n");
    }

    private const string Css = """
        body{font-family:"DejaVu Sans",system-ui,sans-serif;margin:0;color:#1b1b1b;background:#fff;line-height:1.45}
        main{padding:1rem 2rem;max-width:90rem}h1{font-size:1.5rem}
        table{border-collapse:collapse;margin:.5rem 0 1.5rem;font-size:.9rem}
        th,td{border:1px solid #ccc;padding:.25rem .5rem;text-align:left;vertical-align:top}th{background:#f2f2f2}
        .verdict{font-size:1.2rem;font-weight:bold;padding:.5rem 1rem;border-left:.4rem solid #009E73;background:#e8f6f1}
        .verdict.fail{border-color:#D55E00;background:#fde2dc}
        img{max-width:100%;height:auto}figure{margin:1rem 0}figcaption{font-size:.85rem;color:#444}
        """;
}
