using LoadLab.Core.Json;
using LoadLab.Core.RunFiles;
using LoadLab.Reporting;

namespace LoadLab.Analysis.Tests;

/// <summary>A run that never reached the knee states its limit as "at least N" everywhere the limit is stated.</summary>
public class LowerBoundReportTests
{
    [Fact]
    public void Analysis_recommendation_summary_and_report_all_say_at_least()
    {
        var steps = Synthetic.Steps(Synthetic.Range(30, 300, 30), x => 40 + 0.05 * x);
        var run = Synthetic.Run(steps.Count, recommend: new RecommendInfo(50, 240, 0.5, 0.05, null, null));
        using var dir = new RunDirFixture().WithRun(run).WithSteps(steps);
        var outcome = AnalysisService.AnalyzeRunDirectory(dir.Path, simulator: new LoadLab.Simulation.Checks.SimulatedPolicyCheck());
        Assert.True(outcome.Analysis.SustainableIsLowerBound);

        var rec = LoadLabJson.Deserialize<RecommendationFile>(File.ReadAllText(dir.Dir.RecommendationJson))!;
        Assert.True(rec.Basis.SustainableIpmIsLowerBound);
        Assert.Contains(rec.Rationale, r => r.Contains("sustains at least 300 invocations"));

        ReportService.Write(dir.Path, ReportFormats.Html | ReportFormats.Markdown);
        var summary = File.ReadAllText(dir.Dir.SummaryMd);
        Assert.Contains("at least 300", summary);
        var html = File.ReadAllText(dir.Dir.ReportHtml);
        Assert.Contains("Sustainable load at the SLO: at least 300 IPI", html);
        Assert.Contains("at least 300 IPI (every step met the SLO", html);
    }
}
