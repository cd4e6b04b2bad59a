using System.Runtime.InteropServices;
using System.Text.Json;
using LoadLab.Core.Errors;
using LoadLab.Core.Json;
using LoadLab.Core.RunFiles;
using LoadLab.SimEndpoint.Hosting;
using LoadLab.SimEndpoint.Options;
using LoadLab.TestSupport;
using Xunit.Abstractions;

namespace LoadLab.Cli.Tests;

/// <summary>
/// SIGINT and SIGTERM sent to a real `loadlab run` process (the CLI built beside the tests) in the middle of a ladder
/// against a loopback sim: the process's own signal handling, not a cancellation token handed to the pipeline.
/// </summary>
public sealed class RunSignalTests(HttpSimFixture sim, ITestOutputHelper output) : IClassFixture<HttpSimFixture>, IDisposable
{
    private readonly TempDir _dir = new("loadlab-run-signal");

    public void Dispose() => _dir.Dispose();

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int sig);

    [Theory]
    [InlineData(2, "SIGINT")]
    [InlineData(15, "SIGTERM")]
    public async Task A_signal_mid_ladder_exits_4_cuts_the_step_at_the_stop_and_reports_the_run_as_interrupted(int signal, string name)
    {
        var runDir = _dir.File("run-" + name);
        using var child = LoadlabChild.StartLocal(_dir.Path, output, "run", sim.Ladder(_dir.Path, "ladder-" + name, holdS: 4), "--out", runDir);
        // Step 1's steady part runs 6-10 s after the start: signal once six seconds are on file.
        await SignalWhenTimelineHolds(child, runDir, seconds: 6, signal);

        var (code, stdout, stderr) = await child.WaitAsync();

        Assert.True(code == ExitCodes.Interrupted, $"exit {code}, expected {ExitCodes.Interrupted}\n{stdout}{stderr}");
        Assert.Contains($"{name}: stopping the load", stderr);
        Assert.Contains("interrupted: the run stopped early", stdout);
        var dir = new RunDirectory(runDir);
        var run = LoadLabJson.Deserialize<RunInfo>(File.ReadAllText(dir.RunJson));
        Assert.Null(run.Provisional);
        Assert.True(run.Interrupted);
        Assert.Equal(RunStopCause.Signal, run.StoppedBy);
        Assert.NotNull(run.Totals);

        // The step the stop cut ends at the stop (its planned end kept beside); no step after it began.
        var cut = run.Steps[^1];
        Assert.NotNull(cut.PlannedEndUtc);
        Assert.True(cut.EndUtc < cut.PlannedEndUtc, $"cut step {cut.Index} ends {cut.EndUtc:O}, planned {cut.PlannedEndUtc:O}");
        Assert.True(cut.EndUtc <= run.EndUtc, $"cut step ends {cut.EndUtc:O} after the run's end {run.EndUtc:O}");
        Assert.InRange(run.Steps.Count, 2, 3);
        Assert.All(run.Steps.SkipLast(1), s => Assert.Null(s.PlannedEndUtc));
        var rows = StepsCsv.Read(dir.StepsCsv);
        Assert.All(rows, r => Assert.Contains(run.Steps, s => s.Index == r.Step && s.EndUtc == r.EndUtc));
        if (rows.SingleOrDefault(r => r.Step == cut.Index) is { } row)
        {
            // Offered over the seconds that ran, not over the planned window.
            var ran = (row.EndUtc - row.StartUtc).TotalSeconds;
            Assert.Equal(row.Requests / ran, row.OfferedRps, 1);
        }

        // The later stages ran over what was measured, and the report says the run was interrupted.
        Assert.True(File.Exists(dir.ReportHtml) && File.Exists(dir.SummaryMd) && File.Exists(dir.VerdictJson), stdout + stderr);
        Assert.Contains("interrupted", File.ReadAllText(dir.SummaryMd), StringComparison.OrdinalIgnoreCase);
        using var verdict = JsonDocument.Parse(File.ReadAllText(dir.VerdictJson));
        Assert.True(verdict.RootElement.GetProperty("interrupted").GetBoolean());
        Assert.False(verdict.RootElement.GetProperty("passed").GetBoolean());
    }

    [Fact]
    public async Task A_second_signal_while_requests_drain_leaves_a_provisional_run_json_that_report_refuses()
    {
        // Three-second requests keep the graceful stop open long enough for the second signal to land inside it.
        await using var slow = await SimEndpointHost.StartAsync(new SimEndpointOptions
        {
            Port = 0, Standalone = true, Instances = 1, Workers = 128, Queue = 512,
            ServiceTime = ServiceTimeSpec.TryParse("fixed:3000ms", out var s, out var e) ? s : throw new InvalidOperationException(e),
        }, new SimEndpointServices { Log = TextWriter.Null, StandaloneReason = "test" });
        var scenario = _dir.Write("slow.yaml", $$"""
            name: slow
            target: { kind: http, url: "{{slow.InvocationsUrl}}", method: POST }
            payload: { contentType: application/json, inline: '{"x": 1}' }
            load:
              warmupRequests: 0
              phases:
                - { shape: constant, rate: 10, duration: 30s }
              gracefulStop: 10s
            seed: 3
            """);
        var runDir = _dir.File("run-twice");
        using var child = LoadlabChild.StartLocal(_dir.Path, output, "run", scenario, "--out", runDir);
        // SIGTERM, then SIGINT: either signal counts, the first as a stop and the second as the end.
        await SignalWhenTimelineHolds(child, runDir, seconds: 2, signal: 15);
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        LoadlabChild.RequireSigintDelivered();
        kill(child.Process.Id, 2);

        var (code, stdout, stderr) = await child.WaitAsync();

        Assert.True(code is not (ExitCodes.Ok or ExitCodes.ThresholdFailed), $"exit {code}\n{stdout}{stderr}");
        var dir = new RunDirectory(runDir);
        var run = LoadLabJson.Deserialize<RunInfo>(File.ReadAllText(dir.RunJson));
        Assert.True(run.Provisional, "a second signal during the drain should leave the provisional run.json");
        Assert.Null(run.Totals);

        var before = Hostile.Cli.Snapshot(runDir);
        var report = await CliHarness.RunAsync(output, "report", runDir);
        Assert.Equal(ExitCodes.BadInput, report.Code);
        Assert.Contains("run.json is provisional", report.Err);
        Assert.Equal(before, Hostile.Cli.Snapshot(runDir));
    }

    /// <summary>Sends <paramref name="signal"/> once timeline.csv holds <paramref name="seconds"/> one-second rows.</summary>
    private static async Task SignalWhenTimelineHolds(LoadlabChild child, string runDir, int seconds, int signal)
    {
        if (signal == 2) LoadlabChild.RequireSigintDelivered();
        var timeline = Path.Combine(runDir, "timeline.csv");
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        while (!(File.Exists(timeline) && File.ReadAllLines(timeline).Length > seconds))
        {
            if (child.Process.HasExited) throw new InvalidOperationException($"loadlab exited ({child.Process.ExitCode}) before it was signalled");
            await Task.Delay(50, timeout.Token);
        }
        Assert.Equal(0, kill(child.Process.Id, signal));
    }
}
