using HdrHistogram;
using LoadLab.Core.Errors;
using LoadLab.Core.Json;
using LoadLab.Core.RunFiles;
using LoadLab.Core.Scenarios;
using LoadLab.Engine.Recording;
using LoadLab.Engine.Running;
using LoadLab.Engine.Tests.Support;
using LoadLab.TestSupport;
using Microsoft.AspNetCore.Http;

namespace LoadLab.Engine.Tests;

/// <summary>Whole runs against a real local server: the run directory's files, thresholds, interruption, early stops.</summary>
public sealed class LoadRunnerTests
{
    private static Task<LocalServer> OkServer(int delayMs = 0) => LocalServer.StartAsync(async ctx =>
    {
        if (delayMs > 0) await Task.Delay(delayMs);
        await ctx.Response.WriteAsync("{}");
    });

    [Fact]
    public async Task A_run_writes_timeline_steps_hlog_and_run_json_that_read_back()
    {
        await using var server = await OkServer();
        using var dir = new TempDir("loadlab-engine-run");
        var load = new LoadSpec
        {
            Phases =
            [
                new PhaseSpec { Shape = PhaseShape.Steps, From = 20, To = 40, Step = 20, Hold = TimeSpan.FromSeconds(2), Warmup = TimeSpan.FromSeconds(1), Arrivals = ArrivalProcess.Uniform },
            ],
            GracefulStop = TimeSpan.FromSeconds(2),
        };
        var result = await LoadRunner.RunAsync(new LoadRunRequest
        {
            Scenario = Scenarios.Http(server.Url, load, thresholds: ["p(99) < 5000", "errors < 1%", "count > 1000000"], seed: 77),
            RunDirectory = dir.File("run"),
        }, CancellationToken.None);

        var run = LoadLabJson.Deserialize<RunInfo>(File.ReadAllText(result.Directory.RunJson));
        Assert.Equal(77, run.Seed);
        Assert.Equal("open", run.LoadModel);
        Assert.False(run.Interrupted);
        Assert.NotNull(run.EndUtc);
        Assert.Equal(120, run.Totals!.Scheduled);  // 20/s × 2 s + 40/s × 2 s
        Assert.Equal(120, run.Totals.Ok);
        Assert.Equal(2, run.Steps.Count);
        Assert.Equal(run.StartUtc.AddSeconds(3), run.Steps[1].SteadyStartUtc);
        Assert.Equal(run.StartUtc.AddSeconds(4), run.Steps[1].EndUtc);
        Assert.Equal("http", run.Target.Kind);
        Assert.Equal("uniform", Assert.Single(run.Phases).Arrivals);
        Assert.True(run.Scenario.HasValue);
        // The verdicts: two pass, the absurd count fails (so the command exits 1).
        Assert.Equal([true, true, false], run.Thresholds.Select(t => t.Passed));
        Assert.False(result.ThresholdsPassed);

        var timeline = TimelineCsv.Read(result.Directory.TimelineCsv);
        Assert.InRange(timeline.Count, 4, 6);
        Assert.Equal(120, timeline.Sum(r => r.Offered));
        Assert.Equal(120, timeline.Sum(r => r.Ok));
        Assert.Equal(run.StartUtc, timeline[0].TimeUtc);

        var steps = StepsCsv.Read(result.Directory.StepsCsv);
        Assert.Equal(2, steps.Count);
        Assert.Equal(20, steps[0].Requests);   // 1 s steady at 20/s (the warm-up second excluded)
        Assert.Equal(40, steps[1].Requests);
        Assert.Equal(40, steps[1].OfferedRps, 6);
        Assert.Equal(40, steps[1].Ok);
        Assert.True(steps[1].ClientP99Ms > 0);
        Assert.Null(steps[1].Instances);

        using var hlog = File.OpenRead(result.Directory.LatencyHlog);
        var ok = new HistogramLogReader(hlog).ReadHistograms().Where(h => h.Tag is null).ToList();
        Assert.Equal(120, ok.Sum(h => h.TotalCount));
    }

    [Fact]
    public async Task Cancelling_stops_sending_waits_for_in_flight_and_writes_every_file_marked_interrupted()
    {
        await using var server = await OkServer(delayMs: 300);
        using var dir = new TempDir("loadlab-engine-int");
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(2.5));
        var result = await LoadRunner.RunAsync(new LoadRunRequest
        {
            Scenario = Scenarios.Http(server.Url, Scenarios.Open(Scenarios.Constant(50, 60))),
            RunDirectory = dir.File("run"),
        }, cts.Token);

        Assert.True(result.Interrupted);
        var run = LoadLabJson.Deserialize<RunInfo>(File.ReadAllText(result.Directory.RunJson));
        Assert.True(run.Interrupted);
        Assert.Contains("interrupted", run.InterruptReason);
        Assert.InRange(run.Totals!.Scheduled, 40, 130);
        // The requests in flight at the interrupt were waited for (graceful stop) and recorded.
        Assert.Equal(run.Totals.Started, run.Totals.Ok);
        var timeline = TimelineCsv.Read(result.Directory.TimelineCsv);
        Assert.Equal(run.Totals.Ok, timeline.Sum(r => r.Ok));
        Assert.True(File.Exists(result.Directory.StepsCsv));
        using var hlog = File.OpenRead(result.Directory.LatencyHlog);
        Assert.Equal(run.Totals.Ok, new HistogramLogReader(hlog).ReadHistograms().Where(h => h.Tag is null).Sum(h => h.TotalCount));
    }

    [Fact]
    public async Task A_target_that_refuses_every_connection_stops_the_run_early_with_exit_3_and_the_reason()
    {
        using var dir = new TempDir("loadlab-engine-refused");
        var url = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
        var e = await Assert.ThrowsAsync<TargetFailedException>(() => LoadRunner.RunAsync(new LoadRunRequest
        {
            Scenario = Scenarios.Http(url, Scenarios.Open(Scenarios.Constant(50, 60))),
            RunDirectory = dir.File("run"),
        }, CancellationToken.None));
        Assert.Contains("connection refused", e.Message);
        Assert.Contains(dir.File("run"), e.Message);
        var run = LoadLabJson.Deserialize<RunInfo>(File.ReadAllText(dir.File("run/run.json")));
        Assert.True(run.Interrupted);
        Assert.Contains("failed every request", run.InterruptReason);
        Assert.True(run.Totals!.Errors > 0);
        Assert.Equal(0, run.Totals.Ok);
        Assert.True((run.EndUtc!.Value - run.StartUtc).TotalSeconds < 15);
    }

    [Fact]
    public async Task AbortOnFail_stops_once_a_threshold_fails()
    {
        await using var server = await OkServer(delayMs: 50);
        using var dir = new TempDir("loadlab-engine-abort");
        var result = await LoadRunner.RunAsync(new LoadRunRequest
        {
            Scenario = Scenarios.Http(server.Url, Scenarios.Open(Scenarios.Constant(20, 60)), thresholds: ["p(90) < 10"], abortOnFail: true),
            RunDirectory = dir.File("run"),
            AbortOnFailAfter = TimeSpan.FromSeconds(2),
        }, CancellationToken.None);
        Assert.True(result.Interrupted);
        Assert.Contains("abortOnFail", result.StopReason);
        Assert.False(result.ThresholdsPassed);
        Assert.True(result.Info.Totals!.Scheduled < 200);
    }

    [Fact]
    public async Task Closed_model_keeps_the_users_busy_and_records_step_rows()
    {
        var concurrent = 0;
        var maxConcurrent = 0;
        await using var server = await LocalServer.StartAsync(async ctx =>
        {
            var n = Interlocked.Increment(ref concurrent);
            lock (ctx.RequestServices) maxConcurrent = Math.Max(maxConcurrent, n);
            await Task.Delay(20);
            Interlocked.Decrement(ref concurrent);
        });
        using var dir = new TempDir("loadlab-engine-closed");
        var result = await LoadRunner.RunAsync(new LoadRunRequest
        {
            Scenario = Scenarios.Http(server.Url, new LoadSpec
            {
                Model = LoadModel.Closed,
                Phases = [new PhaseSpec { Shape = PhaseShape.Steps, From = 2, To = 4, Step = 2, Hold = TimeSpan.FromSeconds(1.5), Warmup = TimeSpan.FromSeconds(0.5) }],
            }),
            RunDirectory = dir.File("run"),
            ClientWarmupRequests = 0,
        }, CancellationToken.None);
        Assert.Equal("closed", result.Info.LoadModel);
        Assert.Equal(4, maxConcurrent);
        var steps = StepsCsv.Read(result.Directory.StepsCsv);
        Assert.Equal(2, steps.Count);
        // ~20 ms per request: 2 users ≈ 100/s, 4 users ≈ 200/s.
        Assert.True(steps[1].AchievedRps > steps[0].AchievedRps * 1.4, $"{steps[0].AchievedRps} vs {steps[1].AchievedRps}");
        Assert.Equal(0, result.Info.Totals!.Errors);
    }
}
