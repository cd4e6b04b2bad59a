using System.Reflection;
using System.Text.Json;
using LoadLab.Cli;
using LoadLab.SimEndpoint.Hosting;
using LoadLab.SimEndpoint.Options;
using Xunit.Abstractions;

namespace LoadLab.Telemetry.Tests.Support;

/// <summary>What one in-process `loadlab` invocation printed and returned.</summary>
public sealed record CliResult(int Code, string Out, string Err);

/// <summary>
/// A real sim endpoint over loopback HTTP (one instance, 16 workers, a fixed 5 ms service) and short constant-rate
/// scenarios against it, run through `loadlab run` in this process exactly as the program runs it.
/// </summary>
public sealed class SimTarget : IAsyncLifetime
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

    /// <summary>Two constant phases (so a second phase starts mid-run) of <paramref name="seconds"/> s each at <paramref name="rate"/> requests/s.</summary>
    public string Scenario(string dir, int seconds = 3, int rate = 100)
    {
        var path = Path.Combine(dir, "live.yaml");
        File.WriteAllText(path, $$"""
            name: live
            target: { kind: http, url: "{{InvocationsUrl}}", method: POST }
            payload: { contentType: application/json, inline: '{"x": 1}' }
            slo: { latency: { percentile: 90, ms: 1000 }, maxErrorRate: 0.01 }
            load:
              phases:
                - { shape: constant, rate: {{rate}}, duration: {{seconds}}s }
                - { shape: constant, rate: {{rate}}, duration: {{seconds}}s }
              gracefulStop: 2s
            seed: 7
            """);
        return path;
    }

    public static async Task<CliResult> RunAsync(ITestOutputHelper? log, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await LoadLabApp.RunAsync(args, stdout, stderr);
        log?.WriteLine($"$ loadlab {string.Join(' ', args)} -> {code}\n{stdout}{stderr}");
        return new CliResult(code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>run.json's totals.completed: what the run itself says it measured.</summary>
    public static long CompletedInRunJson(string runDir)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(runDir, "run.json")));
        return doc.RootElement.GetProperty("totals").GetProperty("completed").GetInt64();
    }

    /// <summary>timeline.csv's completed column, one value per second.</summary>
    public static List<long> CompletedPerSecond(string runDir)
    {
        var lines = File.ReadAllLines(Path.Combine(runDir, "timeline.csv"));
        var col = Array.IndexOf(lines[0].Split(','), "completed");
        return lines.Skip(1).Where(l => l.Length > 0).Select(l => long.Parse(l.Split(',')[col], System.Globalization.CultureInfo.InvariantCulture)).ToList();
    }
}

public static class TestPaths
{
    public static string RepoRoot { get; } = typeof(TestPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .First(a => a.Key == "RepoRoot").Value!;
}

/// <summary>
/// Tests that start a run with metric outputs share one collection: the OpenTelemetry SDK listens to every meter of
/// the process with LoadLab's name, so two runs at once would see each other's metrics.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LiveRunCollection
{
    public const string Name = "live runs";
}
