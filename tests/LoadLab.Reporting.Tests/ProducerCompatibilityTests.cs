using AngleSharp.Html.Parser;
using LoadLab.Analysis;
using LoadLab.Reporting.Exporters;
using LoadLab.Reporting.Tests.Fixtures;
using LoadLab.Simulation;

namespace LoadLab.Reporting.Tests;

/// <summary>
/// The fixture's measurements (run.json, steps.csv, timeline.csv, latency.hlog, metrics.json) go through the real
/// analyzer and simulator; the report must read what they write and fill every section, with no file problem.
/// </summary>
public sealed class ProducerCompatibilityTests
{
    [Fact]
    public async Task Report_reads_what_the_real_analyzer_and_simulator_write()
    {
        var dir = FixtureRun.Create();
        foreach (var f in new[] { "analysis.json", "recommendation.json", "simulation.json" }) File.Delete(Path.Combine(dir, f));
        AnalysisService.AnalyzeRunDirectory(dir, simulator: new LoadLab.Simulation.Checks.SimulatedPolicyCheck());
        await SimulationService.RunAsync(new SimulateRequest
        {
            RunDirectory = dir,
            TrafficPath = Path.Combine(TestPaths.RepoRoot, "scenarios", "traces", "worldcup98-excerpt.csv"),
            Days = 1, ScaleToPeakRps = 180, NowUtc = FixtureRun.Start.AddHours(1),
        });

        var result = ReportService.Write(dir);

        Assert.Empty(result.Verdict.FileProblems);
        var r = Assert.IsType<Model.RecommendationSummary>(result.Verdict.Recommendation);
        Assert.NotNull(r.TargetValue);
        Assert.InRange(r.SustainableIpm!.Value, 2733 * 0.9, 2733 * 1.1); // the fixture's curve reaches 250 ms at 2,733 IPI
        var doc = new HtmlParser().ParseDocument(File.ReadAllText(Path.Combine(dir, "report.html")));
        Assert.Empty(doc.QuerySelectorAll(".missing"));
        foreach (var id in new[] { "chart-latency-ipi", "chart-backtest", "chart-pareto", "chart-distribution" })
            Assert.NotNull(doc.QuerySelector($"#{id} img"));
        Assert.Contains("aws application-autoscaling put-scaling-policy", doc.QuerySelector("#apply")!.TextContent);
        Directory.Delete(dir, true);
    }
}
