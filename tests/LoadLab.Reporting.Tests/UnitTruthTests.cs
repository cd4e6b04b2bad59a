using System.Globalization;
using System.Text.Json;
using AngleSharp.Html.Parser;
using LoadLab.Reporting.Tests.Fixtures;

namespace LoadLab.Reporting.Tests;

/// <summary>
/// Numbers in the report against the run file they come from, read as raw JSON by the field name that states the
/// unit, so an exporter that scales a value twice (a percentage shown as a fraction × 100) fails here.
/// </summary>
public sealed class UnitTruthTests
{
    [Fact]
    public void Elasticity_percentages_are_shown_as_simulation_json_holds_them()
    {
        var dir = FixtureRun.Create();
        ReportService.Write(dir, ReportFormats.Html | ReportFormats.Markdown);
        using var sim = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "simulation.json")));
        var recommended = sim.RootElement.GetProperty("candidates").EnumerateArray()
            .First(c => c.GetProperty("name").GetString() == "recommended");
        var elasticity = recommended.GetProperty("elasticity");

        var doc = new HtmlParser().ParseDocument(File.ReadAllText(Path.Combine(dir, "report.html")));
        var table = doc.QuerySelector("#backtest table.candidates")!;
        var header = table.QuerySelectorAll("thead th").Select(th => th.TextContent).ToList();
        var row = table.QuerySelectorAll("tbody tr").First(r => r.Children[0].TextContent.StartsWith("recommended", StringComparison.Ordinal));
        var markdown = File.ReadAllLines(Path.Combine(dir, "summary.md"));
        var mdRow = markdown.First(l => l.StartsWith("| recommended", StringComparison.Ordinal)).Split(" | ");

        foreach (var (column, field) in new[]
                 {
                     ("Under timeshare", "under_timeshare_pct"), ("Over timeshare", "over_timeshare_pct"),
                     ("Under-prov. accuracy", "under_accuracy_pct"), ("Over-prov. accuracy", "over_accuracy_pct"),
                 })
        {
            double pct = elasticity.GetProperty(field).GetDouble();
            Assert.InRange(pct, 0, field.Contains("timeshare") ? 100 : double.MaxValue);
            var expected = Math.Round(pct, 1).ToString("0.#", CultureInfo.InvariantCulture) + " %";
            int i = header.IndexOf(column);
            Assert.True(i >= 0, $"no column '{column}' in the backtest table");
            Assert.Equal(expected, row.Children[i].TextContent);
            Assert.Equal(expected, mdRow[i].Trim());
        }
        Directory.Delete(dir, true);
    }
}
