using System.Text;
using LoadLab.Reporting.Charts;
using LoadLab.Reporting.Model;
using static LoadLab.Reporting.Exporters.Html;

namespace LoadLab.Reporting.Exporters;

/// <summary>The "The run over time" and "Tables" sections: the timeline charts, the steps, CloudWatch and distribution tables.</summary>
public sealed partial class HtmlExporter
{
    private static void Timeline(StringBuilder h, ReportModel m)
    {
        Open(h, "timeline");
        var result = TimelineCharts.Create(m);
        foreach (var note in result.Notes) Missing(h, note, "");
        if (result.Charts.Count > 0)
        {
            h.Append($"<p class=\"muted\">All charts share one time axis: {E(result.AxisLabel?.ToLowerInvariant())}.</p>\n<div class=\"stack\">");
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
}
