using System.Globalization;
using System.Text;
using LoadLab.Analysis;
using LoadLab.Core.Json;
using LoadLab.Core.RunFiles;
using LoadLab.Core.Scenarios;
using LoadLab.Engine.Running;
using LoadLab.SimEndpoint.Hosting;
using LoadLab.SimEndpoint.Options;
using LoadLab.SimEndpoint.Theory;
using LoadLab.Simulation;
using LoadLab.TestSupport;

namespace LoadLab.Choice.Tests;

/// <summary>
/// Two candidate instance types, each a real run of one short step ladder (8 to 48 requests/s, 4 s steady per step)
/// against its own sim endpoint, through the real pipeline (load, analyze, simulate on one shared traffic trace):
/// "slow" serves in a fixed 200 ms on 4 workers (20 requests/s per instance), "fast" in a fixed 100 ms on 4 workers
/// (40 requests/s per instance). The sims' theory (<see cref="CapacityDescriber"/>) gives each one's sustainable load
/// at the same SLO, so a test can compute the right choice independently of the analysis.
/// </summary>
public sealed class CandidateRuns : IAsyncLifetime
{
    public const double SloMs = 600;
    public const double SloPercentile = 90;
    private readonly TempDir _dir = new("loadlab-choice");

    public string Root => _dir.Path;
    public string Slow => _dir.File("slow");
    public string Fast => _dir.File("fast");
    public string Trace => _dir.File("trace.csv");
    public static readonly string SlowService = "fixed:200ms";
    public static readonly string FastService = "fixed:100ms";

    /// <summary>The shared traffic: 3 hours per minute, an hour at 3,000 requests a minute, a 90-minute climb to 6,000
    /// (about 1 % a minute: growth target tracking keeps up with) and half an hour there.</summary>
    public static double[] TrafficPerMinute { get; } = Enumerable.Range(0, 180)
        .Select(m => m < 60 ? 3000.0 : m < 150 ? Math.Round(3000 + 3000 * (m - 60) / 90.0) : 6000).ToArray();

    public async Task InitializeAsync()
    {
        var csv = new StringBuilder("period,count\n");
        var start = new DateTimeOffset(2026, 5, 4, 0, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < TrafficPerMinute.Length; i++)
            csv.Append(start.AddMinutes(i).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)).Append(',')
               .Append(TrafficPerMinute[i].ToString(CultureInfo.InvariantCulture)).Append('\n');
        File.WriteAllText(Trace, csv.ToString());
        // Both at once, so a neighbour stalling this shared machine stalls both alike.
        await Task.WhenAll(RunAsync(Slow, SlowService), RunAsync(Fast, FastService));
    }

    public Task DisposeAsync()
    {
        _dir.Dispose();
        return Task.CompletedTask;
    }

    public static SimEndpointOptions SimOptions(string service)
    {
        Assert.True(ServiceTimeSpec.TryParse(service, out var spec, out var error), error);
        return new SimEndpointOptions
        {
            Port = 0, Standalone = true, Instances = 1, Workers = 4, Queue = 400, ServiceTime = spec, Seed = 1,
            Routing = RoutingKind.LeastOutstanding,
        };
    }

    /// <summary>The sim's own sustainable requests/s per instance at the test's SLO (queueing theory, not the analysis).</summary>
    public static double TheorySustainableRps(string service) =>
        CapacityDescriber.Describe(SimOptions(service), new DescribeRequest { SloPercentile = SloPercentile, SloMs = SloMs }).SustainableRpsPerInstance;

    public static string ScenarioYaml(string url) => $$"""
        name: choice-ladder
        target: { kind: http, url: "{{url}}", method: POST }
        payload: { contentType: application/json, inline: '{"x":1}' }
        slo: { latency: { percentile: 90, ms: 600 }, maxErrorRate: 0.01 }
        load:
          model: open
          phases:
            - { shape: steps, from: 8, to: 48, step: 8, hold: 5s, warmup: 1s }
        recommend: { peakRps: 100 }
        seed: 7
        """;

    private async Task RunAsync(string runDir, string service)
    {
        await using (var sim = await SimEndpointHost.StartAsync(SimOptions(service), new SimEndpointServices { Log = TextWriter.Null, StandaloneReason = "test" }))
        {
            var scenario = ScenarioLoader.Parse(ScenarioYaml(sim.InvocationsUrl), "choice.yaml", Root).GetOrThrow();
            await LoadRunner.RunAsync(new LoadRunRequest { Scenario = scenario, RunDirectory = runDir }, CancellationToken.None);
        }
        Pipeline(runDir, Trace);
    }

    /// <summary>analyze then simulate (on <paramref name="trace"/>), as `run` does after the load.</summary>
    public static void Pipeline(string runDir, string trace)
    {
        AnalysisService.AnalyzeRunDirectory(runDir);
        SimulationService.RunAsync(new SimulateRequest { RunDirectory = runDir, TrafficPath = trace, Sweep = true }).GetAwaiter().GetResult();
    }

    /// <summary>A parent run directory whose candidates.json names <paramref name="candidates"/> (sub-runs by absolute path).</summary>
    public string Parent(string name, params CandidateEntry[] candidates)
    {
        var dir = _dir.File(name);
        Directory.CreateDirectory(dir);
        LoadLabJson.WriteFile(Path.Combine(dir, CandidatesFile.FileName), new CandidatesFile { Region = "us-east-1", Candidates = candidates });
        return dir;
    }

    public CandidateEntry Entry(string name, string runDir, string instanceType, double? price) =>
        new() { Name = name, InstanceType = instanceType, RunDirectory = Path.GetRelativePath(Root, runDir) is var rel ? Path.Combine("..", rel) : runDir, PricePerInstanceHourUsd = price, Variant = name };

    /// <summary>A copy of a sub-run whose scenario had said recommend.maxCapacity (re-analysed and re-simulated).</summary>
    public string WithMaxCapacity(string runDir, int maxCapacity)
    {
        var copy = _dir.File(Path.GetFileName(runDir) + "-max" + maxCapacity);
        if (File.Exists(Path.Combine(copy, "simulation.json"))) return copy; // made by an earlier test
        Directory.CreateDirectory(copy);
        foreach (var f in Directory.GetFiles(runDir)) File.Copy(f, Path.Combine(copy, Path.GetFileName(f)));
        var run = RunJson.ReadRun(Path.Combine(copy, "run.json"));
        LoadLabJson.WriteFile(Path.Combine(copy, "run.json"), run with { Recommend = run.Recommend! with { MaxCapacity = maxCapacity } });
        Pipeline(copy, Trace);
        return copy;
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CandidateRunsCollection : ICollectionFixture<CandidateRuns>
{
    public const string Name = "choice candidate runs";
}
