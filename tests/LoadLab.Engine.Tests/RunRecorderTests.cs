using System.Text.Json;
using LoadLab.Core.Scenarios;
using LoadLab.Engine.Recording;
using LoadLab.Engine.Running;
using LoadLab.Engine.Targets;

namespace LoadLab.Engine.Tests;

public sealed class RunRecorderTests
{
    [Fact]
    public void Concurrent_writers_lose_no_count_and_intervals_split_exactly()
    {
        var recorder = new RunRecorder(stepCount: 1);
        var t0 = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        const int threads = 4, perThread = 50_000;
        long intervalOk = 0;
        using var done = new CountdownEvent(threads);
        for (var i = 0; i < threads; i++)
            new Thread(() =>
            {
                for (var k = 0; k < perThread; k++)
                {
                    recorder.Offered(0);
                    recorder.Started(10, late: false);
                    var outcome = k % 10 == 0 ? new RequestOutcome(OutcomeClass.Throttled, 429) : RequestOutcome.Ok(200);
                    recorder.Completed(outcome, 1000 + k % 1000, 900, steadyStep: 0);
                }
                done.Signal();
            }).Start();
        // The reporter takes intervals while the writers run.
        var second = 0;
        while (!done.IsSet)
        {
            var s = recorder.TakeInterval(t0.AddSeconds(second), t0.AddSeconds(second + 1));
            intervalOk += s.OkLatency.TotalCount;
            recorder.Recycle(s);
            second++;
            Thread.Sleep(5);
        }
        var last = recorder.TakeInterval(t0.AddSeconds(second), t0.AddSeconds(second + 1));
        intervalOk += last.OkLatency.TotalCount;

        const long total = threads * perThread;
        Assert.Equal(total, recorder.TotalCompleted);
        Assert.Equal(total / 10, recorder.CountOf(OutcomeClass.Throttled));
        Assert.Equal(total - total / 10, intervalOk);
        Assert.Equal(total - total / 10, recorder.TotalOkLatency.TotalCount);
        Assert.Equal(total / 10, recorder.TotalErrorLatency.TotalCount);
        Assert.Equal(0, recorder.InFlight);
        var step = recorder.Step(0);
        Assert.Equal((total, total - total / 10, total / 10), (step.Offered, step.Ok, step.Errors));
        Assert.Equal(step.Ok, step.OkLatency.TotalCount);
    }

    [Fact]
    public void Run_json_keeps_the_resolved_scenario_without_payload_bodies_or_traces()
    {
        var scenario = new Scenario
        {
            Name = "s",
            Target = new TargetSpec { Kind = TargetKind.Http, Url = "http://127.0.0.1:1/" },
            Payload = new PayloadSpec { File = "payloads/a.json", Bodies = [new PayloadBody("a.json", new byte[100_000])] },
            Load = new LoadSpec
            {
                Phases = [new PhaseSpec { Shape = PhaseShape.Replay, File = "t.csv", Trace = new ReplayTrace(TimeSpan.FromMinutes(1), new double[10_000], "/t.csv") }],
            },
        };
        var json = RunInfoBuilder.ResolvedScenario(scenario);
        var text = json.GetRawText();
        Assert.True(text.Length < 5_000, $"{text.Length} characters");
        Assert.Equal("payloads/a.json", json.GetProperty("payload").GetProperty("file").GetString());
        Assert.Equal("t.csv", json.GetProperty("load").GetProperty("phases")[0].GetProperty("file").GetString());
        Assert.False(json.GetProperty("payload").TryGetProperty("bodies", out _));
        Assert.Equal(JsonValueKind.Number, json.GetProperty("load").GetProperty("max_in_flight").ValueKind);
    }
}
