using LoadLab.Cli.Infrastructure;
using LoadLab.Cli.Pipeline;
using LoadLab.Core.Json;
using LoadLab.Core.RunFiles;
using LoadLab.Core.Scenarios;
using LoadLab.TestSupport;
using Xunit.Abstractions;

namespace LoadLab.Cli.Tests;

/// <summary>
/// One real run against the sim, stopped (as Ctrl-C does) 1-2 s into the steady part of its second step of three;
/// the run.json it wrote while running is kept, as a second signal would have left it.
/// </summary>
public sealed class InterruptedRunFixture : IAsyncLifetime
{
    private readonly HttpSimFixture _sim = new();
    public TempDir Dir { get; } = new("loadlab-interrupted");
    public string RunDir => Dir.File("run");
    public int Code { get; private set; }
    public string Out { get; private set; } = "";
    public string Err { get; private set; } = "";
    public string ProvisionalRunJson { get; private set; } = "";

    public async Task InitializeAsync()
    {
        await _sim.InitializeAsync();
        var scenario = ScenarioLoader.Load(_sim.Ladder(Dir.Path, holdS: 4));
        using var stop = new CancellationTokenSource();
        var watcher = Task.Run(async () =>
        {
            var timeline = Path.Combine(RunDir, "timeline.csv");
            while (!stop.IsCancellationRequested)
            {
                // Step 1's steady part runs 5-8 s after the start: stop once six seconds are on file.
                if (File.Exists(timeline) && File.ReadAllLines(timeline).Length >= 7)
                {
                    ProvisionalRunJson = File.ReadAllText(Path.Combine(RunDir, "run.json"));
                    await stop.CancelAsync();
                }
                await Task.Delay(50);
            }
        });
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        Code = await new RunPipeline(new AwsSettings(null, null, null), stdout, stderr)
            .RunAsync(new RunPipelineRequest { Scenario = scenario, RunDirectory = RunDir }, CancellationToken.None, stop.Token);
        await watcher;
        (Out, Err) = (stdout.ToString(), stderr.ToString());
    }

    public async Task DisposeAsync()
    {
        await _sim.DisposeAsync();
        Dir.Dispose();
    }
}

[Collection(ProcessEnvironment.Name)]
public sealed class InterruptedRunTests(InterruptedRunFixture run, ITestOutputHelper output) : IClassFixture<InterruptedRunFixture>
{
    [Fact]
    public void An_interrupted_run_exits_4_and_still_collects_analyzes_and_reports_what_was_measured()
    {
        output.WriteLine(run.Out + run.Err);
        Assert.Equal(4, run.Code);
        var dir = new RunDirectory(run.RunDir);
        Assert.Contains("interrupted: the run stopped early", run.Out);
        Assert.True(File.Exists(dir.ReportHtml) && File.Exists(dir.SummaryMd) && File.Exists(dir.VerdictJson), run.Out + run.Err);
        Assert.Contains("interrupted", File.ReadAllText(dir.SummaryMd), StringComparison.OrdinalIgnoreCase);
        // The cut step kept 1-2 s of its steady part: analyze left it out and said why.
        Assert.Contains("step 1: left out, the run stopped", run.Out + run.Err);
    }

    [Theory]
    [InlineData("report")]
    [InlineData("analyze")]
    public async Task A_stage_on_an_interrupted_run_says_so_and_exits_4(string stage)
    {
        var copy = CopyOfRun(run.RunDir, "copy-" + stage);
        var r = await CliHarness.RunAsync(output, stage, copy);
        Assert.Equal(4, r.Code);
        Assert.Contains("interrupted run: interrupted (Ctrl-C or SIGTERM)", r.Out);
    }

    [Theory]
    [InlineData("collect")]
    [InlineData("analyze")]
    [InlineData("simulate")]
    [InlineData("report")]
    public async Task A_provisional_run_json_is_refused_by_every_later_stage(string stage)
    {
        Assert.True(LoadLabJson.Deserialize<RunInfo>(run.ProvisionalRunJson).Provisional);
        // What a process killed by a second signal leaves: the provisional run.json, the timeline and the histograms so far.
        var killed = Path.Combine(run.Dir.Path, "killed-" + stage);
        Directory.CreateDirectory(killed);
        File.WriteAllText(Path.Combine(killed, "run.json"), run.ProvisionalRunJson);
        foreach (var name in new[] { "timeline.csv", "latency.hlog" }) File.Copy(Path.Combine(run.RunDir, name), Path.Combine(killed, name));
        var before = Directory.GetFiles(killed).Order().ToList();

        var r = await CliHarness.RunAsync(output, stage, killed);
        Assert.Equal(2, r.Code);
        Assert.Contains("run.json is provisional", r.Err);
        Assert.Equal(before, Directory.GetFiles(killed).Order().ToList());
    }

    private static string CopyOfRun(string from, string name)
    {
        var to = Path.Combine(Path.GetDirectoryName(from)!, name);
        Directory.CreateDirectory(to);
        foreach (var f in Directory.GetFiles(from)) File.Copy(f, Path.Combine(to, Path.GetFileName(f)), overwrite: true);
        return to;
    }
}
