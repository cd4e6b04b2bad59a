using LoadLab.SimEndpoint.Hosting;
using LoadLab.SimEndpoint.Options;
using LoadLab.TestSupport;

namespace LoadLab.Cli.Tests.Pipeline;

/// <summary>
/// Three `loadlab run` processes of one scenario and seed, as a pipeline runs them, each against its own sim fleet
/// (a fixed 200 ms service, 4 workers per instance: 20 requests/s per instance), a ladder of 4 to 28 requests/s in
/// seven 3 s steps (enough for a fitted curve, so simulate runs too): the baseline and a rerun on two instances, and a
/// run on one instance, which the last two steps overload (its p99 climbs past the scenario's 1 s threshold). They go at once, so a neighbour stalling this machine stalls
/// all of them alike and the same-seed pair differs by chance alone.
/// </summary>
public sealed class CiPipelineRuns : IAsyncLifetime
{
    public const string Scenario = "ci-ladder";
    private readonly TempDir _dir = new("loadlab-ci");

    public string Root => _dir.Path;
    public string Reports => _dir.File("reports");
    public string Baseline => Path.Combine(Reports, "baseline");
    public string SameFleet => Path.Combine(Reports, "same-fleet");
    public string HalfFleet => Path.Combine(Reports, "half-fleet");
    public IReadOnlyDictionary<string, CliResult> Runs { get; private set; } = new Dictionary<string, CliResult>();
    /// <summary>The scenario file of each run (one URL each).</summary>
    public IReadOnlyDictionary<string, string> Scenarios { get; private set; } = new Dictionary<string, string>();

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Reports);
        var sims = await Task.WhenAll(StartSimAsync(2), StartSimAsync(2), StartSimAsync(1));
        try
        {
            var names = new[] { "baseline", "same-fleet", "half-fleet" };
            Scenarios = names.Select((n, i) => (n, path: _dir.Write($"{n}.yaml", ScenarioYaml(sims[i].InvocationsUrl))))
                .ToDictionary(x => x.n, x => x.path);
            var results = await Task.WhenAll(names.Select(n => LoadlabProcess.RunAsync(Root, null,
                "run", Scenarios[n], "--out", Path.Combine(Reports, n), "--format", "html,md,json,junit",
                "--summary-export", Path.Combine(Root, $"{n}-summary.json"), "--no-sweep", "--resamples", "200")));
            Runs = names.Zip(results).ToDictionary(x => x.First, x => x.Second);
        }
        finally
        {
            foreach (var sim in sims) await sim.DisposeAsync();
        }
    }

    public Task DisposeAsync()
    {
        _dir.Dispose();
        return Task.CompletedTask;
    }

    public static string ScenarioYaml(string url, string name = Scenario, string extra = "") => $$"""
        name: {{name}}
        target: { kind: http, url: "{{url}}", method: POST }
        payload: { contentType: application/json, inline: '{"x":1}' }
        slo: { latency: { percentile: 90, ms: 600 }, maxErrorRate: 0.01 }
        load:
          model: open
          phases:
            - { shape: steps, from: 4, to: 28, step: 4, hold: 3s, warmup: 1s }
        thresholds: [ "p(99) < 1000", "errors < 5%" ]
        seed: 11
        {{extra}}
        """;

    private static Task<SimEndpointHandle> StartSimAsync(int instances)
    {
        Assert.True(ServiceTimeSpec.TryParse("fixed:200ms", out var service, out var error), error);
        return SimEndpointHost.StartAsync(new SimEndpointOptions
        {
            Port = 0, Standalone = true, Instances = instances, Workers = 4, Queue = 400, ServiceTime = service, Seed = 1,
            Routing = RoutingKind.LeastOutstanding,
        }, new SimEndpointServices { Log = TextWriter.Null, StandaloneReason = "test" });
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CiPipelineCollection : ICollectionFixture<CiPipelineRuns>
{
    public const string Name = "ci pipeline";
}
