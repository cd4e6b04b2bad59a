using LoadLab.Analysis;
using LoadLab.Core.Scenarios;
using LoadLab.Engine.Running;
using LoadLab.SimEndpoint.Hosting;
using LoadLab.SimEndpoint.Options;
using LoadLab.TestSupport;

namespace LoadLab.Compare.Tests;

/// <summary>
/// Three real runs of one short step ladder (5, 15, 25 requests/s, 4 s steady each) against the sim endpoint with a
/// fixed 200 ms service time and 4 workers per instance (20 requests/s per instance; long enough that a neighbour
/// stalling this machine for some milliseconds is not a 10 % change): the baseline and a rerun of the
/// same seed on a fleet of two instances, and a run of the same seed on one instance, which the last step overloads.
/// Each is analysed as the pipeline would, so analysis.json is the real analyser's.
/// </summary>
public sealed class SimRuns : IAsyncLifetime
{
    public const string Scenario = "compare-ladder";
    private readonly TempDir _dir = new("loadlab-compare");

    public string Root => _dir.Path;
    public string Baseline => _dir.File("baseline");
    public string SameFleet => _dir.File("same-fleet");
    public string HalfFleet => _dir.File("half-fleet");

    /// <summary>
    /// The three runs go at once, each against its own sim, so a neighbour stalling this shared machine stalls all
    /// of them alike: the same-seed pair then differs by chance alone, which is what the comparison must not call a
    /// regression (run one after the other, a stall in one run is a real slowdown that it rightly reports).
    /// </summary>
    public Task InitializeAsync() => Task.WhenAll(
        RunAsync(Baseline, instances: 2),
        RunAsync(SameFleet, instances: 2),
        RunAsync(HalfFleet, instances: 1));

    public Task DisposeAsync()
    {
        _dir.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>The ladder against the sim at <paramref name="url"/>.</summary>
    public static string ScenarioYaml(string url) => $$"""
        name: {{Scenario}}
        target: { kind: http, url: "{{url}}", method: POST }
        payload: { contentType: application/json, inline: '{"x":1}' }
        slo: { latency: { percentile: 90, ms: 600 }, maxErrorRate: 0.01 }
        load:
          model: open
          phases:
            - { shape: steps, from: 5, to: 25, step: 10, hold: 5s, warmup: 1s }
        seed: 11
        """;

    /// <summary>A sim fleet of <paramref name="instances"/> instances as described above.</summary>
    public static Task<SimEndpointHandle> StartSimAsync(int instances)
    {
        Assert.True(ServiceTimeSpec.TryParse("fixed:200ms", out var service, out var error), error);
        var options = new SimEndpointOptions
        {
            Port = 0, Standalone = true, Instances = instances, Workers = 4, Queue = 400, ServiceTime = service, Seed = 1,
            Routing = RoutingKind.LeastOutstanding,
        };
        return SimEndpointHost.StartAsync(options, new SimEndpointServices { Log = TextWriter.Null, StandaloneReason = "test" });
    }

    private static async Task RunAsync(string runDir, int instances)
    {
        await using var sim = await StartSimAsync(instances);
        var yaml = ScenarioYaml(sim.InvocationsUrl);
        var scenario = ScenarioLoader.Parse(yaml, "compare.yaml", Path.GetDirectoryName(runDir)).GetOrThrow();
        await LoadRunner.RunAsync(new LoadRunRequest { Scenario = scenario, RunDirectory = runDir }, CancellationToken.None);
        AnalysisService.AnalyzeRunDirectory(runDir, simulator: new LoadLab.Simulation.Checks.SimulatedPolicyCheck());
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SimRunsCollection : ICollectionFixture<SimRuns>
{
    public const string Name = "compare sim runs";
}
