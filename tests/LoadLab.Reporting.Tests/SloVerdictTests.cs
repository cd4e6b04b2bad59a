using System.Globalization;
using System.Text.Json;
using AngleSharp.Html.Parser;
using LoadLab.Core.RunFiles;
using LoadLab.Reporting.Exporters;
using LoadLab.Reporting.Model;
using LoadLab.Reporting.Tests.Fixtures;
using LoadLab.Reporting.Tests.Pipeline;

namespace LoadLab.Reporting.Tests;

/// <summary>Thresholds and the SLO are two verdicts: a run that passes every threshold and breaks the SLO says both.</summary>
public sealed class SloVerdictTests
{
    [Fact]
    public void A_ladder_past_capacity_passes_its_thresholds_and_says_the_slo_broke_at_its_last_steps()
    {
        var dir = FixtureRun.Create(new FixtureRun.Options { ClosedLoop = ClosedLoopFixture.None });
        ReportService.Write(dir);
        // The steps over the SLO, from steps.csv itself (p90 SLO of 250 ms, 1 % errors).
        var expected = ReportTruthTests.ReadCsv(Path.Combine(dir, "steps.csv"))
            .Where(r => double.Parse(r["client_p90_ms"], CultureInfo.InvariantCulture) > 250 || double.Parse(r["error_rate_fraction"], CultureInfo.InvariantCulture) > 0.01)
            .Select(r => int.Parse(r["step"], CultureInfo.InvariantCulture)).ToList();
        Assert.NotEmpty(expected);

        var v = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "verdict.json"))).RootElement;
        Assert.Equal("pass", v.GetProperty("threshold_status").GetString());
        Assert.Equal("broken", v.GetProperty("slo_status").GetString());
        var check = v.GetProperty("slo_check");
        Assert.Equal(expected, check.GetProperty("broken_steps").EnumerateArray().Select(e => e.GetInt32()));
        Assert.True(check.GetProperty("past_capacity_by_design").GetBoolean());
        Assert.Equal("client_p90_ms", check.GetProperty("latency_column").GetString());

        Assert.Equal(Enumerable.Range(expected[0], expected.Count), expected); // the ladder's top steps, one run of them
        var steps = expected.Count == 1 ? $"step {expected[0]}" : $"steps {expected[0]}–{expected[^1]}";
        var line = $"Thresholds: pass (2/2) · SLO: broken at {steps} (the test design drives past capacity on purpose)";
        var doc = new HtmlParser().ParseDocument(File.ReadAllText(Path.Combine(dir, "report.html")));
        Assert.Contains(line, doc.QuerySelector("#verdict .status")!.TextContent);
        Assert.Equal(expected.Count, doc.QuerySelectorAll("#verdict ul.reasons li").Length);
        Assert.Contains("**PASS**: " + line, File.ReadAllText(Path.Combine(dir, "summary.md")));
        Directory.Delete(dir, true);
    }

    [Fact]
    public void Slo_check_judges_the_slo_percentile_column_and_names_scattered_steps()
    {
        var slo = new SloInfo(95, 100, 0.01);
        StepRow Step(int i, double latency, double errors) => new()
        {
            Step = i, StartUtc = DateTimeOffset.UnixEpoch, EndUtc = DateTimeOffset.UnixEpoch,
            ClientP90Ms = 1, ClientP99Ms = 1000, ClientSloPercentileMs = latency, ErrorRateFraction = errors,
        };
        var c = SloCheck.From(slo, [Step(0, 50, 0), Step(1, 120, 0), Step(2, 60, 0), Step(3, 50, 0.02), Step(4, 50, 0.03)]);
        Assert.Equal("broken", c.Status);
        Assert.Equal("client_slo_percentile_ms", c.LatencyColumn);
        Assert.Equal([1, 3, 4], c.BrokenSteps);
        Assert.False(c.PastCapacityByDesign); // step 2 held after step 1 broke: not a ladder's tail
        Assert.Equal("broken at steps 1, 3–4", StatusLine.Slo(c));
        Assert.Equal("held at all 2 steps", StatusLine.Slo(SloCheck.From(slo, [Step(0, 50, 0), Step(1, 99, 0.01)])));
        Assert.Equal("unknown", SloCheck.From(null, [Step(0, 50, 0)]).Status);
    }
}
