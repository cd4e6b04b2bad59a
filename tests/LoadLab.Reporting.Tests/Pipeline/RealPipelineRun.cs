using LoadLab.Analysis;
using LoadLab.Core.Scenarios;
using LoadLab.Engine.Running;
using LoadLab.SimEndpoint.Hosting;
using LoadLab.SimEndpoint.Options;
using LoadLab.Simulation;

namespace LoadLab.Reporting.Tests.Pipeline;

/// <summary>Runs alone: it measures latency, which a busy test process would distort.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RealPipelineCollection : ICollectionFixture<RealPipelineRun>
{
    public const string Name = "reporting-real-pipeline";
}

/// <summary>
/// A run directory made the way a user makes one, shared by the tests that check the report against its files: the
/// sim endpoint (1 instance × 4 workers, 20 ms exponential service, a 16-deep queue, so about 200 requests/s before
/// it sheds load with 503s), the real engine's step ladder past that capacity (plain HTTP to the invocations URL),
/// then the real analyze, simulate (on the run's own offered load) and report. Steps of 20 req/s leave enough steps below
/// the capacity (nine) for AICc to judge the queueing model, which the fleet model of simulate needs.
/// </summary>
public sealed class RealPipelineRun : IAsyncLifetime
{
    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "loadlab-report-real-" + Guid.NewGuid().ToString("N")[..10]);

    public async Task InitializeAsync()
    {
        System.IO.Directory.CreateDirectory(Directory);
        Assert.True(ServiceTimeSpec.TryParse("exp:20ms", out var service, out var error), error);
        var options = new SimEndpointOptions { Port = 0, Standalone = true, Instances = 1, Workers = 4, Queue = 16, ServiceTime = service, Seed = 5 };
        await using (var sim = await SimEndpointHost.StartAsync(options, new SimEndpointServices { Log = TextWriter.Null, StandaloneReason = "test" }))
        {
            var yaml = $$"""
                name: report-truth
                target: { kind: http, url: "{{sim.InvocationsUrl}}", method: POST }
                payload: { contentType: application/json, inline: '{"x":1}' }
                slo: { latency: { percentile: 90, ms: 80 }, maxErrorRate: 0.01 }
                load:
                  model: open
                  phases:
                    - { shape: steps, from: 40, to: 300, step: 20, hold: 5s, warmup: 2s }
                thresholds: [ "p(99) < 5000", "errors < 60%" ]
                seed: 11
                """;
            var scenario = ScenarioLoader.Parse(yaml, "report-truth.yaml", Directory).GetOrThrow();
            await LoadRunner.RunAsync(new LoadRunRequest { Scenario = scenario, RunDirectory = RunDirectory }, CancellationToken.None);
        }
        AnalysisService.AnalyzeRunDirectory(RunDirectory, simulator: new LoadLab.Simulation.Checks.SimulatedPolicyCheck());
        await SimulationService.RunAsync(new SimulateRequest { RunDirectory = RunDirectory, NowUtc = DateTimeOffset.UnixEpoch });
        ReportService.Write(RunDirectory);
    }

    public string RunDirectory => Path.Combine(Directory, "run");

    public string File(string name) => Path.Combine(RunDirectory, name);

    public Task DisposeAsync()
    {
        try { System.IO.Directory.Delete(Directory, recursive: true); } catch (IOException) { }
        return Task.CompletedTask;
    }
}
