using LoadLab.Core.Scenarios;
using LoadLab.Engine.Running;
using LoadLab.SimEndpoint.Hosting;
using LoadLab.SimEndpoint.Options;

namespace LoadLab.Analysis.Tests;

/// <summary>A real run on loopback: the sim endpoint with the given options, and the engine's plain-HTTP load on its invocations URL.</summary>
internal static class SimLadder
{
    /// <summary>Runs <paramref name="loadAndSlo"/> (the scenario's slo, load and seed lines) against the sim, writing <paramref name="runDirectory"/>.</summary>
    /// <remarks>
    /// A short unmeasured run goes first, into a scratch directory: a cold process (JIT, connection pool, thread pool
    /// growth) stalled a CI machine for several seconds, and the backlog it left made the ladder's first two steps read
    /// p90 1.4 s and 0.4 s at half the sim's capacity. A real user's warm-up is the scenario's own; this one only keeps
    /// the test about the sim's queueing, not about process start.
    /// </remarks>
    public static async Task<LoadRunResult> RunAsync(SimEndpointOptions options, string loadAndSlo, string runDirectory)
    {
        await using var sim = await SimEndpointHost.StartAsync(options, new SimEndpointServices { Log = TextWriter.Null, StandaloneReason = "test" });
        var scratch = Path.Combine(Path.GetTempPath(), "loadlab-warmup-" + Guid.NewGuid().ToString("N"));
        try
        {
            await RunScenarioAsync(sim.InvocationsUrl, """
                load:
                  model: open
                  phases:
                    - { shape: constant, rate: 50, duration: 3s }
                seed: 1
                """, scratch);
        }
        finally
        {
            if (Directory.Exists(scratch)) Directory.Delete(scratch, recursive: true);
        }
        return await RunScenarioAsync(sim.InvocationsUrl, loadAndSlo, runDirectory);
    }

    private static Task<LoadRunResult> RunScenarioAsync(string invocationsUrl, string loadAndSlo, string runDirectory)
    {
        var yaml = $"""
            name: sim-ladder
            target: {'{'} kind: http, url: "{invocationsUrl}", method: POST {'}'}
            payload: {'{'} contentType: application/json, inline: '{'{'}"x":1{'}'}' {'}'}
            {loadAndSlo}
            """;
        var scenario = ScenarioLoader.Parse(yaml, "sim-ladder.yaml", Path.GetDirectoryName(runDirectory)!).GetOrThrow();
        return LoadRunner.RunAsync(new LoadRunRequest { Scenario = scenario, RunDirectory = runDirectory }, CancellationToken.None);
    }
}
