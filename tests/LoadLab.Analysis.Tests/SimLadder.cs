using LoadLab.Core.Scenarios;
using LoadLab.Engine.Running;
using LoadLab.SimEndpoint.Hosting;
using LoadLab.SimEndpoint.Options;

namespace LoadLab.Analysis.Tests;

/// <summary>A real run on loopback: the sim endpoint with the given options, and the engine's plain-HTTP load on its invocations URL.</summary>
internal static class SimLadder
{
    /// <summary>Runs <paramref name="loadAndSlo"/> (the scenario's slo, load and seed lines) against the sim, writing <paramref name="runDirectory"/>.</summary>
    public static async Task<LoadRunResult> RunAsync(SimEndpointOptions options, string loadAndSlo, string runDirectory)
    {
        await using var sim = await SimEndpointHost.StartAsync(options, new SimEndpointServices { Log = TextWriter.Null, StandaloneReason = "test" });
        var yaml = $"""
            name: sim-ladder
            target: {'{'} kind: http, url: "{sim.InvocationsUrl}", method: POST {'}'}
            payload: {'{'} contentType: application/json, inline: '{'{'}"x":1{'}'}' {'}'}
            {loadAndSlo}
            """;
        var scenario = ScenarioLoader.Parse(yaml, "sim-ladder.yaml", Path.GetDirectoryName(runDirectory)!).GetOrThrow();
        return await LoadRunner.RunAsync(new LoadRunRequest { Scenario = scenario, RunDirectory = runDirectory }, CancellationToken.None);
    }
}
