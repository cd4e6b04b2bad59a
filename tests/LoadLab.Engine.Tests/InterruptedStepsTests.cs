using LoadLab.Core.Json;
using LoadLab.Core.RunFiles;
using LoadLab.Core.Scenarios;
using LoadLab.Engine.Recording;
using LoadLab.Engine.Running;
using LoadLab.Engine.Tests.Support;
using LoadLab.TestSupport;
using Microsoft.AspNetCore.Http;

namespace LoadLab.Engine.Tests;

/// <summary>A run stopped inside a step: the step is credited with the seconds it ran, and run.json says what it is meanwhile.</summary>
public sealed class InterruptedStepsTests
{
    private static LoadSpec Ladder() => new()
    {
        Phases = [new PhaseSpec { Shape = PhaseShape.Steps, From = 40, To = 120, Step = 40, Hold = TimeSpan.FromSeconds(4), Warmup = TimeSpan.FromSeconds(1) }],
        GracefulStop = TimeSpan.FromSeconds(2),
    };

    [Fact]
    public async Task A_step_cut_by_the_stop_is_credited_with_the_seconds_it_ran_and_run_json_is_provisional_until_the_end()
    {
        await using var server = await LocalServer.StartAsync(ctx => ctx.Response.WriteAsync("{}"));
        using var dir = new TempDir("loadlab-engine-cut");
        var runDir = dir.File("run");
        using var stop = new CancellationTokenSource();
        string? provisional = null;
        // Stop 1-2 s into step 1's steady part (it runs 5-8 s after the start): once timeline.csv has six seconds.
        var watcher = Task.Run(async () =>
        {
            var timeline = Path.Combine(runDir, "timeline.csv");
            while (!stop.IsCancellationRequested)
            {
                if (File.Exists(timeline) && File.ReadAllLines(timeline).Length >= 7) // header + 6 seconds
                {
                    provisional = File.ReadAllText(Path.Combine(runDir, "run.json"));
                    await stop.CancelAsync();
                }
                await Task.Delay(50);
            }
        });
        var result = await LoadRunner.RunAsync(new LoadRunRequest { Scenario = Scenarios.Http(server.Url, Ladder()), RunDirectory = runDir }, stop.Token);
        await watcher;

        var during = LoadLabJson.Deserialize<RunInfo>(provisional!);
        Assert.True(during.Provisional);
        Assert.Null(during.Totals);
        var run = LoadLabJson.Deserialize<RunInfo>(File.ReadAllText(result.Directory.RunJson));
        Assert.Null(run.Provisional);
        Assert.Equal(RunStopCause.Signal, run.StoppedBy);

        // Step 2 never began; step 1 ends at the stop, its planned end kept beside.
        Assert.Equal([0, 1], run.Steps.Select(s => s.Index));
        Assert.Null(run.Steps[0].PlannedEndUtc);
        var cut = run.Steps[1];
        Assert.Equal(run.StartUtc.AddSeconds(8), cut.PlannedEndUtc);
        Assert.True(cut.EndUtc > cut.SteadyStartUtc && cut.EndUtc < cut.PlannedEndUtc, $"{cut.SteadyStartUtc:O} {cut.EndUtc:O}");

        var steps = StepsCsv.Read(result.Directory.StepsCsv);
        var row = steps.Single(s => s.Step == 1);
        Assert.Equal(cut.EndUtc, row.EndUtc);
        var ran = (cut.EndUtc - cut.SteadyStartUtc).TotalSeconds;
        // Offered over the seconds that ran: the step's 80/s (over its planned 3 s it would read 80 × ran / 3).
        Assert.Equal(row.Requests / ran, row.OfferedRps, 0.0006); // steps.csv keeps three decimals (rounding both to 2 places flips at .xx5)
        Assert.InRange(row.OfferedRps, 60, 100);
    }

    [Fact]
    public void Step_windows_cut_at_a_stop_keep_the_steps_that_began()
    {
        var profile = RateProfile.For(Ladder());
        var t0 = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        var whole = RunInfoBuilder.Steps(profile, t0);
        Assert.Equal(3, whole.Count);
        Assert.All(whole, s => Assert.Null(s.PlannedEndUtc));

        var cutInWarmup = RunInfoBuilder.Steps(profile, t0, 4.5);
        Assert.Equal(2, cutInWarmup.Count);
        Assert.Equal(t0.AddSeconds(4.5), cutInWarmup[1].EndUtc);
        Assert.Equal(t0.AddSeconds(4.5), cutInWarmup[1].SteadyStartUtc); // no steady part at all
        Assert.Equal(t0.AddSeconds(8), cutInWarmup[1].PlannedEndUtc);
        Assert.Equal(whole[0], cutInWarmup[0]);
    }
}
