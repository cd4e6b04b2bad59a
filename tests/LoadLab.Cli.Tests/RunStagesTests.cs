using LoadLab.Core.Json;
using LoadLab.Core.RunFiles;
using LoadLab.TestSupport;
using Xunit.Abstractions;

namespace LoadLab.Cli.Tests;

/// <summary>`loadlab run --stages ...` and the later stages' options given to `run`, on a real load against the sim.</summary>
[Collection(ProcessEnvironment.Name)]
public sealed class RunStagesTests(HttpSimFixture sim, ITestOutputHelper output) : IClassFixture<HttpSimFixture>, IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Stages_load_runs_the_load_and_its_thresholds_and_nothing_after()
    {
        var runDir = _dir.File("run");
        var r = await CliHarness.RunAsync(output, "run", sim.Ladder(_dir.Path, thresholds: "[ \"errors < 50%\" ]"), "--out", runDir, "--stages", "load");

        Assert.Equal(0, r.Code);
        var dir = new RunDirectory(runDir);
        Assert.True(File.Exists(dir.RunJson) && File.Exists(dir.StepsCsv) && File.Exists(dir.TimelineCsv));
        var run = LoadLabJson.Deserialize<RunInfo>(File.ReadAllText(dir.RunJson));
        Assert.True(run.Thresholds.Single().Passed);
        foreach (var later in new[] { dir.AnalysisJson, dir.SimulationJson, dir.ReportHtml, dir.SummaryMd, dir.VerdictJson })
            Assert.False(File.Exists(later), $"{Path.GetFileName(later)} was written by --stages load");
        Assert.DoesNotContain("── analyze ──", r.Out);
        Assert.DoesNotContain("── report ──", r.Out);
    }

    [Fact]
    public async Task Later_stages_options_given_to_run_reach_their_stages()
    {
        var runDir = _dir.File("run");
        var r = await CliHarness.RunAsync(output, "run", sim.Ladder(_dir.Path), "--out", runDir,
            "--stages", "load,analyze,simulate,report", "--resamples", "0", "--step-scaling", "always", "--no-sweep", "--format", "md");

        var dir = new RunDirectory(runDir);
        Assert.True(File.Exists(dir.AnalysisJson), r.All);
        var analysis = LoadLabJson.Deserialize<AnalysisFile>(File.ReadAllText(dir.AnalysisJson));
        Assert.Null(analysis.SustainableIpmCiLow); // --resamples 0: no bootstrap interval
        Assert.True(File.Exists(dir.RecommendationJson), r.All);
        Assert.Contains(LoadLabJson.Deserialize<RecommendationFile>(File.ReadAllText(dir.RecommendationJson)).PutScalingPolicy,
            p => p.PolicyType == "StepScaling");
        Assert.True(File.Exists(dir.SimulationJson), r.All);
        Assert.DoesNotContain(LoadLabJson.Deserialize<SimulationFile>(File.ReadAllText(dir.SimulationJson)).Candidates, c => c.Kind == "sweep");
        Assert.True(File.Exists(dir.SummaryMd), r.All);
        Assert.False(File.Exists(dir.ReportHtml), "--format md wrote report.html");
        Assert.False(File.Exists(dir.VerdictJson), "--format md wrote verdict.json");
        Assert.DoesNotContain("── collect ──", r.Out);
    }

    [Theory]
    [InlineData("--stages", "analyze", "leaves out load")]
    [InlineData("--stages", "load,bogus", "unknown stage 'bogus'")]
    [InlineData("--collect-period", "-10", "--collect-period")]
    [InlineData("--resamples", "-1", "--resamples")]
    [InlineData("--format", "pdf", "unknown format 'pdf'")]
    public async Task A_bad_stage_option_is_refused_before_any_load(string flag, string value, string message)
    {
        var runDir = _dir.File("run");
        var r = await CliHarness.RunAsync(output, "run", sim.Ladder(_dir.Path), "--out", runDir, flag, value);

        Assert.Equal(2, r.Code);
        Assert.Contains(message, r.Err);
        Assert.False(Directory.Exists(runDir), "the run directory was created, so the load had started");
    }
}
