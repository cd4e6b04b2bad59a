using System.Text;
using HdrHistogram;
using LoadLab.Aws.Credentials;
using LoadLab.Aws.SageMakerRuntime.Streaming;
using LoadLab.Aws.Signing;
using LoadLab.Core.Json;
using LoadLab.Core.RunFiles;
using LoadLab.Core.Scenarios;
using LoadLab.Engine.Execution;
using LoadLab.Engine.Payloads;
using LoadLab.Engine.Recording;
using LoadLab.Engine.Running;
using LoadLab.Engine.Schedules;
using LoadLab.Engine.Targets;
using LoadLab.Engine.Tests.Support;
using LoadLab.TestSupport;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;

namespace LoadLab.Engine.Tests.Streaming;

/// <summary>The streaming SageMaker target against a real loopback server sending event-stream frames.</summary>
public sealed class StreamingTargetTests
{
    private static readonly StaticCredentialSource Credentials = new(new SigningCredentials("AKID", "secret"));

    private static byte[] Token(string text) =>
        ResponseStreamEvents.EncodePayloadPart(Encoding.UTF8.GetBytes($"data:{{\"token\":{{\"text\":\"{text}\"}}}}\n\n"));

    private static async Task WriteAsync(HttpContext ctx, byte[] frame)
    {
        await ctx.Response.Body.WriteAsync(frame);
        await ctx.Response.Body.FlushAsync();
    }

    private static async Task EventuallyAsync(Func<bool> condition)
    {
        for (var i = 0; i < 1000 && !condition(); i++) await Task.Delay(10);
        Assert.True(condition());
    }

    [Fact]
    public async Task Time_to_first_token_counts_from_the_scheduled_start_when_the_server_stalls_before_its_first_token()
    {
        // The server holds every response's first frame until the test lets it go; the run's clock is a fake one,
        // so "stalls for 2 s" is the test moving that clock while the server holds.
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var received = 0;
        await using var server = await LocalServer.StartAsync(async ctx =>
        {
            Interlocked.Increment(ref received);
            ctx.Response.StatusCode = 200;
            ctx.Response.ContentType = ResponseStreamEvents.ContentType;
            await ctx.Response.StartAsync();
            await gate.Task;
            foreach (var t in new[] { "a", "b", "c" }) await WriteAsync(ctx, Token(t));
        });
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var payloads = new PayloadSet([new Payload("{\"inputs\":\"hi\"}"u8.ToArray(), "inline")], "application/json");
        await using var target = new SageMakerTarget(new SageMakerTargetOptions(server.Url, "llm", "us-east-1", Stream: true),
            Credentials, payloads, HttpConnections.CreateHandler(32, TimeSpan.FromSeconds(5)), time);
        var recorder = new RunRecorder(streamingTimestampFrequency: time.TimestampFrequency);
        var schedule = ArrivalSchedule.For(new LoadSpec
        {
            Phases = [new PhaseSpec { Shape = PhaseShape.Constant, Rate = 10, Duration = TimeSpan.FromSeconds(1) }],
            Arrivals = ArrivalProcess.Uniform,
        }, seed: 1);
        var executor = new OpenModelExecutor(schedule, target, recorder, new ExecutorOptions(), time);

        var running = executor.RunAsync(time.GetTimestamp(), CancellationToken.None);
        await EventuallyAsync(() => Volatile.Read(ref received) == 1); // arrival 0, at its schedule
        time.Advance(TimeSpan.FromSeconds(1));                           // arrivals 1..9 go out late, at t = 1 s
        await running.WaitAsync(TimeSpan.FromSeconds(10));
        await EventuallyAsync(() => Volatile.Read(ref received) == 10);
        time.Advance(TimeSpan.FromSeconds(2));                           // the stall: first tokens come at t = 3 s
        gate.SetResult();
        await EventuallyAsync(() => recorder.TotalCompleted == 10);

        Assert.Equal(10, recorder.TotalOk);
        var s = recorder.TakeInterval(time.GetUtcNow().AddSeconds(-3), time.GetUtcNow());
        var ttft = s.Tokens!.Ttft;
        Assert.Equal(10, ttft.TotalCount);
        // From the schedule: 3.0 s for arrival 0, then 2.9 ... 2.1 s. From the send it would be 2.0 s for nine of them.
        // (HdrHistogram at 3 digits reads these back to within 0.1 %, i.e. a few milliseconds.)
        Assert.InRange(ttft.GetMaxValue(), 2_997_000, 3_004_000);
        Assert.InRange(ttft.GetValueAtPercentile(10), 2_098_000, 2_103_000);
        Assert.InRange(ttft.GetValueAtPercentile(50), 2_497_000, 2_503_000);
        Assert.Equal(30, s.Tokens.OutputTokens);
        Assert.Equal(20, s.Tokens.Itl.TotalCount);   // two gaps per three-token response
        Assert.Equal(30, s.Row.Tokens!.OutputTokens);
        Assert.InRange(s.Row.Tokens.TtftP50Ms, 2497, 2503);
        Assert.Equal(10.0, s.Row.Tokens.OutputTokensPerS, 3);  // 30 tokens over the 3 s interval
    }

    /// <summary>Cycles through five answers: a good stream, then four ways a stream breaks after it started.</summary>
    private static RequestDelegate FiveWays()
    {
        var n = -1;
        return async ctx =>
        {
            var kind = Interlocked.Increment(ref n) % 5;
            ctx.Response.StatusCode = 200;
            ctx.Response.ContentType = ResponseStreamEvents.ContentType;
            await WriteAsync(ctx, Token("first"));
            switch (kind)
            {
                case 0:
                    await WriteAsync(ctx, Token("second"));
                    await WriteAsync(ctx, Token("third"));
                    break;
                case 1:
                    await WriteAsync(ctx, ResponseStreamEvents.EncodeException("ModelStreamError", "ModelInvocationTimeExceeded", "too slow"));
                    break;
                case 2:
                    var bad = Token("second");
                    bad[^2] ^= 0x10;
                    await WriteAsync(ctx, bad);
                    break;
                case 3:
                    await WriteAsync(ctx, ResponseStreamEvents.EncodeException("InternalStreamFailure", null, "internal"));
                    break;
                case 4:
                    await WriteAsync(ctx, Token("second")[..9]);
                    break;
            }
        };
    }

    [Fact]
    public async Task Mid_stream_errors_and_broken_frames_are_counted_errors_and_the_token_columns_are_written()
    {
        await using var server = await LocalServer.StartAsync(FiveWays());
        using var dir = new TempDir("loadlab-engine-stream");
        var result = await LoadRunner.RunAsync(new LoadRunRequest
        {
            Scenario = new Scenario
            {
                Name = "stream",
                Target = new TargetSpec { Kind = TargetKind.SageMaker, Endpoint = "llm", Region = "us-east-1", Stream = true, Timeout = TimeSpan.FromSeconds(10) },
                Payload = new PayloadSpec { ContentType = "application/json", Inline = "{\"inputs\":\"hi\"}" },
                Load = Scenarios.Open(new PhaseSpec { Shape = PhaseShape.Constant, Rate = 50, Duration = TimeSpan.FromSeconds(2) }) with { Arrivals = ArrivalProcess.Uniform },
                Seed = 3,
            },
            RunDirectory = dir.File("run"),
            TargetSettings = new TargetSettings("us-east-1", null, server.Url.ToString()) { Credentials = Credentials },
            SampleInstances = null,
        }, CancellationToken.None);

        var run = LoadLabJson.Deserialize<RunInfo>(File.ReadAllText(result.Directory.RunJson));
        Assert.Equal(100, run.Totals!.Completed);
        Assert.Equal(20, run.Totals.Ok);
        Assert.Equal(80, run.Totals.Errors);
        Assert.True(run.Target!.Stream);
        var timeline = File.ReadAllLines(result.Directory.TimelineCsv);
        Assert.EndsWith(",ttft_p50_ms,ttft_p90_ms,itl_p50_ms,itl_p90_ms,output_tokens,output_tokens_per_s", timeline[0]);
        var rows = TimelineCsv.Read(result.Directory.TimelineCsv);
        Assert.Equal(20, rows.Sum(r => r.ErrModel));     // ModelStreamError
        Assert.Equal(60, rows.Sum(r => r.Err5xx));       // bad CRC, InternalStreamFailure, truncated frame
        var header = timeline[0].Split(',');
        var tokensColumn = Array.IndexOf(header, "output_tokens");
        Assert.Equal(60, timeline.Skip(1).Sum(l => long.Parse(l.Split(',')[tokensColumn], System.Globalization.CultureInfo.InvariantCulture)));
        var hlog = File.ReadAllText(result.Directory.LatencyHlog);
        Assert.Contains("Tag=ttft,", hlog);
        Assert.Contains("Tag=itl,", hlog);
    }
}
