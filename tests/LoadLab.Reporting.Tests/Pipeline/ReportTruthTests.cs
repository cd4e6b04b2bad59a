using System.Globalization;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace LoadLab.Reporting.Tests.Pipeline;

/// <summary>
/// Every number the report shows from a run file, checked against that file as the real pipeline wrote it: the file
/// read raw by the field name that states the unit, the report cell parsed from report.html and summary.md.
/// </summary>
[Collection(RealPipelineCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed class ReportTruthTests(RealPipelineRun run)
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    [Fact]
    public void Steps_table_shows_steps_csv_in_its_units()
    {
        var csv = ReadCsv(run.File("steps.csv"));
        var (header, rows) = HtmlTable(run.File("report.html"), "#tables table");
        var md = MarkdownTable(run.File("summary.md"), "## Steps");
        Assert.Equal(csv.Count, rows.Count);
        Assert.Equal(csv.Count, md.Rows.Count);
        foreach (var (column, field, format) in new (string, string, Func<double, string>)[]
                 {
                     ("Offered rps", "offered_rps", v => v.ToString("#,0.#", C)),
                     ("p90 ms", "client_p90_ms", v => v.ToString("#,0.#", C)),
                     ("Errors", "error_rate_fraction", v => (v * 100).ToString("0.##", C) + " %"),
                 })
        {
            int i = header.IndexOf(column), j = md.Header.IndexOf(column);
            Assert.True(i >= 0 && j >= 0, $"no column '{column}'");
            for (int r = 0; r < csv.Count; r++)
            {
                var expected = format(double.Parse(csv[r][field], C));
                Assert.Equal(expected, rows[r][i]);
                Assert.Equal(expected, md.Rows[r][j]);
            }
        }
        // The ladder went past the sim's capacity: some step shed load, so the error column was exercised.
        Assert.Contains(csv, r => double.Parse(r["error_rate_fraction"], C) > 0.01);
    }

    [Fact]
    public void Backtest_elasticity_cells_are_the_percentages_simulation_json_holds()
    {
        using var sim = JsonDocument.Parse(File.ReadAllText(run.File("simulation.json")));
        var name = sim.RootElement.GetProperty("recommended").GetString()!;
        var candidate = sim.RootElement.GetProperty("candidates").EnumerateArray().First(c => c.GetProperty("name").GetString() == name);
        var elasticity = candidate.GetProperty("elasticity");
        var (header, rows) = HtmlTable(run.File("report.html"), "#backtest table.candidates");
        var row = rows.First(r => r[0].StartsWith(name, StringComparison.Ordinal));
        foreach (var (column, field) in new[] { ("Under timeshare", "under_timeshare_pct"), ("Over timeshare", "over_timeshare_pct") })
        {
            double pct = elasticity.GetProperty(field).GetDouble();
            Assert.InRange(pct, 0, 100);
            Assert.Equal(Math.Round(pct, 1).ToString("0.#", C) + " %", row[header.IndexOf(column)]);
        }
    }

    [Fact]
    public void Verdict_json_carries_run_json_thresholds_as_observed()
    {
        using var runJson = JsonDocument.Parse(File.ReadAllText(run.File("run.json")));
        using var verdict = JsonDocument.Parse(File.ReadAllText(run.File("verdict.json")));
        var expected = runJson.RootElement.GetProperty("thresholds").EnumerateArray()
            .Select(t => (t.GetProperty("expression").GetString(), t.GetProperty("observed").GetDouble(), t.GetProperty("passed").GetBoolean())).ToList();
        var actual = verdict.RootElement.GetProperty("thresholds").EnumerateArray()
            .Select(t => (t.GetProperty("expression").GetString(), t.GetProperty("observed").GetDouble(), t.GetProperty("passed").GetBoolean())).ToList();
        Assert.Equal(2, expected.Count);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Verdict_json_slo_check_names_the_steps_csv_steps_over_the_slo()
    {
        using var runJson = JsonDocument.Parse(File.ReadAllText(run.File("run.json")));
        var slo = runJson.RootElement.GetProperty("slo");
        double ms = slo.GetProperty("latency_ms").GetDouble(), maxErrors = slo.GetProperty("max_error_rate_fraction").GetDouble();
        var expected = ReadCsv(run.File("steps.csv"))
            .Where(r => double.Parse(r["client_slo_percentile_ms"], C) > ms || double.Parse(r["error_rate_fraction"], C) > maxErrors)
            .Select(r => int.Parse(r["step"], C)).ToList();
        using var verdict = JsonDocument.Parse(File.ReadAllText(run.File("verdict.json")));
        var check = verdict.RootElement.GetProperty("slo_check");
        Assert.Equal("broken", verdict.RootElement.GetProperty("slo_status").GetString());
        Assert.Equal(expected, check.GetProperty("broken_steps").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal("pass", verdict.RootElement.GetProperty("threshold_status").GetString());
    }

    internal static List<Dictionary<string, string>> ReadCsv(string path)
    {
        var lines = File.ReadAllLines(path).Where(l => l.Length > 0).ToList();
        var header = lines[0].Split(',');
        return lines.Skip(1).Select(l => header.Zip(l.Split(',')).ToDictionary(p => p.First, p => p.Second)).ToList();
    }

    internal static (List<string> Header, List<List<string>> Rows) HtmlTable(string path, string selector)
    {
        var doc = new HtmlParser().ParseDocument(File.ReadAllText(path));
        var table = doc.QuerySelector(selector) ?? throw new InvalidOperationException($"no {selector} in {path}");
        var header = table.QuerySelectorAll("thead th").Select(th => th.TextContent).ToList();
        var rows = table.QuerySelectorAll("tbody tr").Select(tr => tr.Children.Select(c => c.TextContent).ToList()).ToList();
        return (header, rows);
    }

    internal static (List<string> Header, List<List<string>> Rows) MarkdownTable(string path, string heading)
    {
        var lines = File.ReadAllLines(path).SkipWhile(l => l != heading).Skip(1).SkipWhile(l => !l.StartsWith('|')).TakeWhile(l => l.StartsWith('|')).ToList();
        static List<string> Cells(string l) => l.Trim('|').Split(" | ").Select(c => c.Trim()).ToList();
        return (Cells(lines[0]), lines.Skip(2).Select(Cells).ToList());
    }
}
