using System.Globalization;
using System.Text.Json;
using System.Xml.Linq;
using LoadLab.Core.Json;
using LoadLab.Core.RunFiles;
using LoadLab.Reporting.Exporters;
using LoadLab.Reporting.Model;
using LoadLab.Reporting.Tests.Fixtures;
using Microsoft.Extensions.Time.Testing;

namespace LoadLab.Reporting.Tests;

/// <summary>What a pipeline reads: verdict.json's header, report.junit.xml, the summary export, the baseline section.</summary>
public sealed class CiOutputsTests : IDisposable
{
    private readonly List<string> _dirs = [];

    public void Dispose()
    {
        foreach (var d in _dirs) Directory.Delete(d, true);
    }

    private string Fixture(FixtureRun.Options? o = null)
    {
        var dir = FixtureRun.Create(o);
        _dirs.Add(dir);
        return dir;
    }

    private static RunInfo Run(string dir) => LoadLabJson.Deserialize<RunInfo>(File.ReadAllText(Path.Combine(dir, "run.json")));

    [Fact]
    public void Verdict_json_starts_with_its_format_version_tool_version_times_directory_scenario_and_seed()
    {
        var dir = Fixture();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 8, 30, 0, TimeSpan.Zero));
        ReportService.Write(dir, ReportFormats.Json, clock);
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "verdict.json")));
        var v = doc.RootElement;
        var run = Run(dir);
        Assert.Equal(["format_version", "tool_version", "generated_utc", "started_utc", "ended_utc", "run_directory", "scenario_name", "seed"],
            v.EnumerateObject().Take(8).Select(p => p.Name));
        Assert.Equal(Verdict.CurrentFormatVersion, v.GetProperty("format_version").GetInt32());
        Assert.Equal(ReportModelBuilder.ToolVersion, v.GetProperty("tool_version").GetString());
        Assert.Equal(clock.GetUtcNow(), v.GetProperty("generated_utc").GetDateTimeOffset());
        Assert.Equal(run.StartUtc, v.GetProperty("started_utc").GetDateTimeOffset());
        Assert.Equal(run.EndUtc, v.GetProperty("ended_utc").GetDateTimeOffset());
        Assert.Equal(Path.GetFullPath(dir), v.GetProperty("run_directory").GetString());
        Assert.Equal(run.ScenarioName, v.GetProperty("scenario_name").GetString());
        Assert.Equal(run.Seed, v.GetProperty("seed").GetInt64());
    }

    [Fact]
    public void Junit_has_a_testcase_per_threshold_the_slo_and_the_closed_loop_check_with_observed_values_in_failures()
    {
        var dir = Fixture(new FixtureRun.Options { FailThreshold = true, ClosedLoop = ClosedLoopFixture.NotHeld });
        var result = ReportService.Write(dir, ReportFormats.Junit);
        Assert.Equal([Path.Combine(dir, JunitExporter.JunitFileName)], result.WrittenFiles);
        var suite = XDocument.Load(Path.Combine(dir, JunitExporter.JunitFileName)).Root!.Element("testsuite")!;
        var cases = suite.Elements("testcase").ToList();
        var run = Run(dir);
        Assert.Equal(run.Thresholds.Count + 2, cases.Count);
        Assert.Equal(cases.Count.ToString(CultureInfo.InvariantCulture), (string?)suite.Attribute("tests"));
        foreach (var t in run.Thresholds)
        {
            var c = cases.Single(x => (string?)x.Attribute("name") == t.Expression);
            if (t.Passed) Assert.Null(c.Element("failure"));
            else Assert.Contains($"observed {t.Observed.ToString("0.###", CultureInfo.InvariantCulture)}", (string?)c.Element("failure")!.Attribute("message"));
        }
        var closedLoop = cases.Single(x => ((string?)x.Attribute("classname"))!.StartsWith("loadlab.closed_loop.", StringComparison.Ordinal));
        Assert.Contains("did not hold", (string?)closedLoop.Element("failure")!.Attribute("message"));
        Assert.Equal(cases.Count(c => c.Element("failure") is not null).ToString(CultureInfo.InvariantCulture), (string?)suite.Attribute("failures"));
    }

    [Fact]
    public void Junit_skips_what_does_not_apply_and_never_passes_it()
    {
        var dir = Fixture(new FixtureRun.Options { ClosedLoop = ClosedLoopFixture.None });
        File.Delete(Path.Combine(dir, "steps.csv"));
        ReportService.Write(dir, ReportFormats.Junit);
        var cases = XDocument.Load(Path.Combine(dir, JunitExporter.JunitFileName)).Descendants("testcase").ToList();
        var slo = cases.Single(x => ((string?)x.Attribute("classname"))!.StartsWith("loadlab.slo.", StringComparison.Ordinal));
        var closedLoop = cases.Single(x => ((string?)x.Attribute("classname"))!.StartsWith("loadlab.closed_loop.", StringComparison.Ordinal));
        Assert.NotNull(slo.Element("skipped"));
        Assert.Contains("verify.json", (string?)closedLoop.Element("skipped")!.Attribute("message"));
    }

    [Fact]
    public void The_summary_export_is_tied_to_run_json_and_analysis_json()
    {
        var dir = Fixture();
        var path = Path.Combine(Path.GetTempPath(), "loadlab-summary-" + Guid.NewGuid().ToString("N")[..8], "summary.json");
        _dirs.Add(Path.GetDirectoryName(path)!);
        var result = ReportService.Write(dir, ReportFormats.None, new FakeTimeProvider(FixtureRun.Start.AddHours(1)), path);
        Assert.Equal([path], result.WrittenFiles);
        var s = LoadLabJson.Deserialize<SummaryExport>(File.ReadAllText(path));
        var run = Run(dir);
        var totals = run.Totals!;
        var duration = (run.EndUtc!.Value - run.StartUtc).TotalSeconds;
        Assert.Equal(duration, s.DurationS);
        Assert.Equal(totals.Completed, s.Requests!.Completed);
        Assert.Equal(totals.Completed / duration, s.ThroughputPerS);
        Assert.Equal((double)totals.Errors / totals.Completed, s.ErrorRateFraction);
        Assert.Equal(totals.P99Ms, s.Latency!.P99Ms);
        Assert.Equal(run.Thresholds.Count, s.Thresholds.Count);
        Assert.Equal(LoadLabJson.Deserialize<AnalysisFile>(File.ReadAllText(Path.Combine(dir, "analysis.json"))).SustainableIpm, s.SustainablePerInstancePerMin);
        Assert.Equal(result.Verdict.Status, s.Status);
        Assert.True(s.ClosedLoopSloHeld);
        Assert.Null(s.BaselineRegression);
    }

    [Fact]
    public void A_baseline_comparison_is_shown_escaped_and_a_corrupt_one_is_a_file_problem()
    {
        var dir = Fixture();
        File.WriteAllText(Path.Combine(dir, "compare.json"), """
            { "format_version": 1, "scenario": "step-ladder",
              "baseline": { "directory": "reports/<script>base", "seed": 42, "start_utc": "2026-11-20T10:00:00Z", "tool_version": "0.1.0", "interrupted": false },
              "significance_level_fraction": 0.01,
              "thresholds": [ { "expression": "p(90) < baseline * 1.10", "metric": "p90", "regression": true,
                "checks": [ { "scope": "step 3", "unit": "ms", "judged": true, "holds": false, "p_value": 0.0001, "significant": true, "regression": true,
                              "baseline_ms": 100, "limit_ms": 110, "observed_ms": 150 } ] } ],
              "regression": true, "regressions": [ "p(90) < baseline * 1.10" ] }
            """);
        var result = ReportService.Write(dir, ReportFormats.Html | ReportFormats.Markdown | ReportFormats.Json);
        Assert.True(result.Verdict.Baseline!.Regression);
        var html = File.ReadAllText(Path.Combine(dir, "report.html"));
        Assert.Contains("<section id=\"baseline\"", html);
        Assert.Contains("reports/&lt;script&gt;base", html);
        Assert.DoesNotContain("<script>base", html);
        Assert.Contains("150 ms", html);
        Assert.Contains("## Against the baseline", File.ReadAllText(Path.Combine(dir, "summary.md")));

        File.WriteAllText(Path.Combine(dir, "compare.json"), "{ \"baseline\": ");
        var corrupt = ReportService.Write(dir, ReportFormats.Html);
        Assert.Contains(corrupt.Verdict.FileProblems, p => p.Source == "compare.json");
        Assert.Contains("<section id=\"baseline\"", File.ReadAllText(Path.Combine(dir, "report.html")));
    }
}
