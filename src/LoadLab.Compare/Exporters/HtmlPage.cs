using System.Text;
using static LoadLab.Reporting.Exporters.Html;

namespace LoadLab.Compare.Exporters;

/// <summary>
/// The frame of compare.html and trend.html: one self-contained page (inline CSS, images as data URIs, a
/// Content-Security-Policy that loads nothing), every text escaped.
/// </summary>
public static class HtmlPage
{
    public static StringBuilder Open(string title, string brand)
    {
        var h = new StringBuilder(1 << 16);
        h.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        h.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        h.Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src data:; style-src 'unsafe-inline'\">\n");
        h.Append("<title>").Append(E(title)).Append("</title>\n<style>").Append(Css).Append("</style>\n</head>\n<body>\n");
        h.Append("<header><p class=\"brand\">").Append(E(brand)).Append("</p><h1>").Append(E(title)).Append("</h1></header>\n<main>\n");
        return h;
    }

    public static string Close(StringBuilder h) => h.Append("</main>\n</body>\n</html>\n").ToString();

    public static void Table(StringBuilder h, string id, string title, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows,
        Func<IReadOnlyList<string>, string?>? rowClass = null)
    {
        h.Append("<section id=\"").Append(E(id)).Append("\"><h2>").Append(E(title)).Append("</h2>\n<table>\n<thead><tr>");
        foreach (var c in header) h.Append("<th scope=\"col\">").Append(E(c)).Append("</th>");
        h.Append("</tr></thead>\n<tbody>\n");
        foreach (var row in rows)
        {
            var cls = rowClass?.Invoke(row);
            h.Append(cls is null ? "<tr>" : $"<tr class=\"{E(cls)}\">");
            foreach (var c in row) h.Append("<td>").Append(E(c)).Append("</td>");
            h.Append("</tr>\n");
        }
        h.Append("</tbody>\n</table>\n</section>\n");
    }

    private const string Css = """
        body{font-family:"DejaVu Sans",system-ui,sans-serif;margin:0;color:#1b1b1b;background:#fff;line-height:1.45}
        header{background:#0b3d5c;color:#fff;padding:1rem 2rem}header h1{margin:.2rem 0;font-size:1.5rem}
        .brand{margin:0;font-size:.85rem;opacity:.85}main{padding:1rem 2rem;max-width:80rem}
        table{border-collapse:collapse;margin:.5rem 0 1.5rem;font-size:.9rem}
        th,td{border:1px solid #ccc;padding:.25rem .5rem;text-align:left;vertical-align:top}th{background:#f2f2f2}
        tr.regression td{background:#fde2dc}tr.broken td{background:#fff4cc}
        .verdict{font-size:1.2rem;font-weight:bold;padding:.5rem 1rem;border-left:.4rem solid #009E73;background:#e8f6f1}
        .verdict.fail{border-color:#D55E00;background:#fde2dc}
        img{max-width:100%;height:auto}figure{margin:1rem 0}figcaption{font-size:.85rem;color:#444}
        """;
}
