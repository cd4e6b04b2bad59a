using AngleSharp.Html.Parser;
using LoadLab.Core.Json;
using LoadLab.Core.RunFiles;
using LoadLab.Reporting.Charts;
using LoadLab.Reporting.Exporters;
using LoadLab.Reporting.Model;
using LoadLab.Reporting.Tests.Fixtures;

namespace LoadLab.Reporting.Tests;

/// <summary>
/// The report says what kind of interval it shows (a measured bracket is never called a 95 % CI, a zero-width one is
/// not shown), and its charts say when two lines coincide.
/// </summary>
public sealed class IntervalAndChartTruthTests
{
    /// <summary>The fixture's run with analysis.json's interval replaced by <paramref name="change"/>.</summary>
    private static string FixtureWith(Func<AnalysisFile, AnalysisFile> change)
    {
        var dir = FixtureRun.Create();
        var rd = new RunDirectory(dir);
        var a = LoadLabJson.Deserialize<AnalysisFile>(File.ReadAllText(rd.AnalysisJson));
        LoadLabJson.WriteFile(rd.AnalysisJson, change(a));
        ReportService.Write(dir);
        return dir;
    }

    [Fact]
    public void A_step_bracket_is_printed_as_a_measured_bracket_between_its_steps_never_as_a_95_percent_ci()
    {
        AnalysisPoint lo = null!, hi = null!;
        var dir = FixtureWith(a =>
        {
            (lo, hi) = (a.Points[6], a.Points[7]);
            return a with
            {
                SustainableIpm = (lo.Ipm + hi.Ipm) / 2, SustainableIpmCiLow = lo.Ipm, SustainableIpmCiHigh = hi.Ipm,
                SustainableIpmCiMethod = "step_bracket", SustainableIpmCiNote = "the limit lies between two measured steps",
            };
        });
        try
        {
            string bracket = $"between steps {lo.Step} and {hi.Step}: {Fmt.N(lo.Ipm, 0)}–{Fmt.N(hi.Ipm, 0)} IPI, measured bracket";
            var html = File.ReadAllText(Path.Combine(dir, "report.html"));
            var md = File.ReadAllText(Path.Combine(dir, "summary.md"));
            var doc = new HtmlParser().ParseDocument(html);
            Assert.Contains(bracket, doc.QuerySelector("#verdict .basis")!.TextContent);
            var fit = FitRows(doc);
            Assert.Contains(bracket, fit["Sustainable at the SLO"]);
            Assert.StartsWith("measured bracket, not a confidence interval: the limit lies between two measured steps", fit["Interval"]);
            Assert.DoesNotContain("Confidence interval", fit.Keys);
            Assert.Contains(bracket, doc.QuerySelector("#chart-latency-ipi img")!.GetAttribute("alt"));
            Assert.Contains(bracket.Replace("–", "–"), md);
            // The guide explains both words; nothing else may call the bracket a CI.
            Assert.DoesNotContain("95 % CI", StripGuide(doc));
            Assert.DoesNotContain("(95 % CI", md);

            using var verdict = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "verdict.json")));
            var interval = verdict.RootElement.GetProperty("recommendation").GetProperty("sustainable_interval");
            Assert.Equal("step_bracket", interval.GetProperty("method").GetString());
            Assert.Equal(lo.Step, interval.GetProperty("low_step").GetInt32());
            Assert.Equal(hi.Step, interval.GetProperty("high_step").GetInt32());
            Assert.Equal("sustainable IPI, measured bracket (steps " + lo.Step + "–" + hi.Step + ")",
                IntervalText.BandLabel(SustainableBand.From(LoadLabJson.Deserialize<AnalysisFile>(File.ReadAllText(Path.Combine(dir, "analysis.json"))))!));
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void A_zero_width_interval_is_not_shown_and_a_resampled_one_is_a_95_percent_ci()
    {
        var dir = FixtureWith(a => a with { SustainableIpmCiLow = a.SustainableIpm, SustainableIpmCiHigh = a.SustainableIpm, SustainableIpmCiMethod = "outcome_bootstrap" });
        try
        {
            var doc = new HtmlParser().ParseDocument(File.ReadAllText(Path.Combine(dir, "report.html")));
            Assert.DoesNotContain("CI", doc.QuerySelector("#verdict .basis")!.TextContent);
            Assert.DoesNotContain("95 % CI", StripGuide(doc));
            Assert.StartsWith("none", FitRows(doc)["Confidence interval"]);
            Assert.DoesNotContain("(95 % CI", File.ReadAllText(Path.Combine(dir, "summary.md")));
        }
        finally { Directory.Delete(dir, true); }

        dir = FixtureWith(a => a with { SustainableIpmCiMethod = "outcome_bootstrap", SustainableIpmCiNote = "200 resamples of each step's requests" });
        try
        {
            var doc = new HtmlParser().ParseDocument(File.ReadAllText(Path.Combine(dir, "report.html")));
            var a = LoadLabJson.Deserialize<AnalysisFile>(File.ReadAllText(Path.Combine(dir, "analysis.json")));
            Assert.Contains($"(95 % CI {Fmt.N(a.SustainableIpmCiLow, 0)}–{Fmt.N(a.SustainableIpmCiHigh, 0)})", doc.QuerySelector("#verdict .basis")!.TextContent);
            Assert.Equal("95 % CI, every step's requests resampled: 200 resamples of each step's requests", FitRows(doc)["Confidence interval"]);
            Assert.Equal("sustainable IPI, 95 % CI", IntervalText.BandLabel(SustainableBand.From(a)!));
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void Two_candidates_with_the_same_capacity_are_named_as_coinciding_in_the_backtest_chart()
    {
        var dir = FixtureRun.Create();
        try
        {
            var rd = new RunDirectory(dir);
            var sim = LoadLabJson.Deserialize<SimulationFile>(File.ReadAllText(rd.SimulationJson));
            var m = ReportModelBuilder.Build(dir);
            var different = BacktestCharts.Capacity(m)!;
            Assert.Null(different.Note);
            Assert.DoesNotContain("coincide", different.AltText);

            var rec = sim.Candidates.First(c => c.Name == sim.Recommended);
            var same = sim with { Candidates = sim.Candidates.Select(c => c.Name == "rule-of-thumb" ? c with { Timeline = rec.Timeline } : c).ToList() };
            LoadLabJson.WriteFile(rd.SimulationJson, same);
            var chart = BacktestCharts.Capacity(ReportModelBuilder.Build(dir))!;
            Assert.Contains("their lines lie on top of each other", chart.Note);
            ReportService.Write(dir, ReportFormats.Html);
            var caption = new HtmlParser().ParseDocument(File.ReadAllText(Path.Combine(dir, "report.html"))).QuerySelector("#chart-backtest figcaption")!.TextContent;
            Assert.Contains("same instances in service at every step", caption);
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void Time_axis_is_whole_seconds_for_a_short_run_and_whole_minutes_otherwise()
    {
        var dir = FixtureRun.Create();
        try
        {
            var m = ReportModelBuilder.Build(dir); // a 30-minute ladder
            Assert.Equal("Minutes since the run started", TimelineCharts.Create(m).AxisLabel);
            var start = m.RunStart!.Value;
            var shortRun = m with { Run = FileSection<RunInfo>.Loaded("run.json", m.Run.Value! with { EndUtc = start.AddSeconds(100) }), Metrics = FileSection<MetricsFile>.NotFound("metrics.json"),
                Timeline = FileSection<IReadOnlyList<TimelineRow>>.Loaded("timeline.csv", m.Timeline.Value!.Where(r => r.TimeUtc < start.AddSeconds(100)).ToList()) };
            var axis = TimeAxis.For(start, shortRun);
            Assert.Equal("seconds", axis.Unit);
            Assert.Equal(90, axis.X(start.AddSeconds(90)));
            Assert.Equal("Seconds since the run started", TimelineCharts.Create(shortRun).AxisLabel);
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void How_to_read_text_is_the_same_in_the_report_the_summary_and_docs_report_md_linked_from_readme()
    {
        var docs = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "docs", "report.md")).Replace("\r\n", "\n");
        Assert.Contains("## " + ReportGuide.Title + "\n\n" + ReportGuide.Text + "\n", docs);
        Assert.Contains("(docs/report.md)", File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "README.md")));
        Assert.True(ReportGuide.Points.Count >= 5);

        var dir = FixtureRun.Create();
        try
        {
            ReportService.Write(dir);
            Assert.Contains("## " + ReportGuide.Title + "\n\n" + ReportGuide.Text + "\n", File.ReadAllText(Path.Combine(dir, "summary.md")));
            var doc = new HtmlParser().ParseDocument(File.ReadAllText(Path.Combine(dir, "report.html")));
            Assert.Equal(ReportGuide.Title, doc.QuerySelector("#how-to-read h2")!.TextContent);
            Assert.Equal(ReportGuide.Points, doc.QuerySelectorAll("#how-to-read li").Select(li => li.TextContent).ToList());
        }
        finally { Directory.Delete(dir, true); }
    }

    internal static Dictionary<string, string> FitRows(AngleSharp.Dom.IDocument doc) =>
        doc.QuerySelectorAll("#latency-curve table.compact tr").ToDictionary(tr => tr.QuerySelector("th")!.TextContent, tr => tr.QuerySelector("td")!.TextContent);

    /// <summary>The page's text without the "how to read" guide (which explains the words "95 % CI" and "measured bracket").</summary>
    internal static string StripGuide(AngleSharp.Dom.IDocument doc)
    {
        doc.QuerySelector("#how-to-read")?.Remove();
        return doc.Body!.TextContent + string.Join(" ", doc.QuerySelectorAll("img").Select(i => i.GetAttribute("alt")));
    }
}
