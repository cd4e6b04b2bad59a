using LoadLab.SimEndpoint.Hosting;
using LoadLab.SimEndpoint.Options;
using Xunit.Abstractions;

namespace LoadLab.Cli.Tests;

/// <summary>What one in-process `loadlab` invocation printed and returned.</summary>
public sealed record CliResult(int Code, string Out, string Err)
{
    public string All => Out + Err;
}

/// <summary>Runs `loadlab` in this process exactly as the program does (same parser, same error mapping), with its output captured.</summary>
public static class CliHarness
{
    public static async Task<CliResult> RunAsync(ITestOutputHelper? log, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await LoadLabApp.RunAsync(args, stdout, stderr);
        log?.WriteLine($"$ loadlab {string.Join(' ', args)} -> {code}\n{stdout}{stderr}");
        return new CliResult(code, stdout.ToString(), stderr.ToString());
    }
}

/// <summary>A standalone sim endpoint reached as plain HTTP: one instance of 16 workers, a fixed 5 ms service.</summary>
public sealed class HttpSimFixture : IAsyncLifetime
{
    private SimEndpointHandle? _sim;

    public string InvocationsUrl => _sim!.InvocationsUrl;

    public async Task InitializeAsync() =>
        _sim = await SimEndpointHost.StartAsync(new SimEndpointOptions
        {
            Port = 0, Standalone = true, Instances = 1, Workers = 16, Queue = 256,
            ServiceTime = ServiceTimeSpec.TryParse("fixed:5ms", out var s, out var e) ? s : throw new InvalidOperationException(e),
        }, new SimEndpointServices { Log = TextWriter.Null, StandaloneReason = "test" });

    public async Task DisposeAsync()
    {
        if (_sim is not null) await _sim.DisposeAsync();
    }

    /// <summary>
    /// A six-step ladder (each <paramref name="holdS"/> s with a 1 s warm-up) against the sim, as a scenario file. Six,
    /// not the five a fitted line needs: on a busy machine one step can catch a scheduling stall and be left out of the
    /// fit as an outlier, and the tests after it need a curve. The SLO (p90 ≤ 1 s) is far above the sim's 7 ms for the
    /// same reason: these tests are about the CLI's plumbing, and a half-second stall of the test process must not turn
    /// a step into an SLO breach.
    /// </summary>
    public string Ladder(string dir, string name = "ladder", int holdS = 3, string thresholds = "[]") =>
        Write(dir, name, $$"""
            name: {{name}}
            target: { kind: http, url: "{{InvocationsUrl}}", method: POST }
            payload: { contentType: application/json, inline: '{"x": 1}' }
            slo: { latency: { percentile: 90, ms: 1000 }, maxErrorRate: 0.01 }
            load:
              phases:
                - { shape: steps, from: 100, to: 300, step: 40, hold: {{holdS}}s, warmup: 1s }
              gracefulStop: 2s
            thresholds: {{thresholds}}
            seed: 5
            """);

    private static string Write(string dir, string name, string yaml)
    {
        var path = Path.Combine(dir, name + ".yaml");
        File.WriteAllText(path, yaml);
        return path;
    }
}
