using LoadLab.Core.Json;
using LoadLab.Core.RunFiles;
using LoadLab.Core.Scenarios;
using LoadLab.Engine.Running;
using LoadLab.Engine.Tests.Support;
using LoadLab.TestSupport;
using Microsoft.AspNetCore.Http;

namespace LoadLab.Engine.Tests;

/// <summary>The warm-up requests sent before the clock starts reach the target, so run.json counts them.</summary>
public sealed class WarmupDisclosureTests
{
    private static async Task<(RunInfo Run, int ServerSaw)> RunAsync(int? warmupRequests, int status = 200)
    {
        var seen = 0;
        await using var server = await LocalServer.StartAsync(async ctx =>
        {
            Interlocked.Increment(ref seen);
            ctx.Response.StatusCode = status;
            await ctx.Response.WriteAsync("{}");
        });
        using var dir = new TempDir("loadlab-warmup");
        var load = Scenarios.Open(Scenarios.Constant(10, 1)) with { WarmupRequests = warmupRequests ?? 32 };
        var result = await LoadRunner.RunAsync(new LoadRunRequest
        {
            Scenario = Scenarios.Http(server.Url, load),
            RunDirectory = dir.File("run"),
        }, CancellationToken.None);
        return (LoadLabJson.Deserialize<RunInfo>(File.ReadAllText(result.Directory.RunJson)), Volatile.Read(ref seen));
    }

    [Fact]
    public async Task The_default_32_warm_up_requests_are_in_run_json_with_their_outcomes_and_were_all_the_target_saw_beyond_the_schedule()
    {
        var (run, saw) = await RunAsync(null);

        Assert.Equal(new WarmupInfo(32, 32, 32, 0), run.Warmup);
        Assert.Equal(run.Totals!.Started + 32, saw);
    }

    [Fact]
    public async Task Zero_warm_up_requests_send_none()
    {
        var (run, saw) = await RunAsync(0);

        Assert.Equal(new WarmupInfo(0, 0, 0, 0), run.Warmup);
        Assert.Equal(run.Totals!.Started, saw);
    }

    [Fact]
    public async Task Failed_warm_up_requests_are_counted_as_errors_and_stop_the_warm_up()
    {
        var (run, _) = await RunAsync(40, status: 500);

        // The first round of 16 all failed: the warm-up stops there and leaves the diagnosis to the run.
        Assert.Equal(new WarmupInfo(40, 16, 0, 16), run.Warmup);
    }
}
