using LoadLab.SimEndpoint.Options;
using LoadLab.SimEndpoint.Theory;

namespace LoadLab.Analysis.Tests;

/// <summary>
/// One real pipeline run, shared by the tests that read it: the sim endpoint (1 instance × 4 workers, exponential
/// 100 ms service, a queue of 8, so 503s and not latency break the SLO, as --describe says; a slow service at low
/// rates keeps the host's own scheduling stalls small beside the latencies measured), the engine's step ladder
/// through it, and the run directory it writes (steps.csv, timeline.csv, latency.hlog, run.json). The sim's own
/// --describe figures are kept as the truth.
/// </summary>
public sealed class SheddingRunFixture : IAsyncLifetime
{
    private readonly RunDirFixture _dir = new();
    public string RunDirectory => Path.Combine(_dir.Path, "run");
    public CapacityDescription Truth { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Assert.True(ServiceTimeSpec.TryParse("exp:100ms", out var service, out var error), error);
        var options = new SimEndpointOptions { Port = 0, Standalone = true, Instances = 1, Workers = 4, Queue = 8, ServiceTime = service, Seed = 5 };
        Truth = CapacityDescriber.Describe(options, new DescribeRequest { SloPercentile = 90, SloMs = 400, MaxErrorRate = 0.01 });
        await SimLadder.RunAsync(options, """
            slo: { latency: { percentile: 90, ms: 400 }, maxErrorRate: 0.01 }
            load:
              model: open
              phases:
                - { shape: steps, from: 12, to: 39, step: 3, hold: 10s, warmup: 2s }
            seed: 11
            """, RunDirectory);
    }

    public Task DisposeAsync()
    {
        _dir.Dispose();
        return Task.CompletedTask;
    }
}
