using System.Globalization;
using LoadLab.SimEndpoint.Hosting;
using LoadLab.SimEndpoint.Options;
using LoadLab.TestSupport;

namespace LoadLab.Cli.Tests.Hostile;

/// <summary>
/// Run directories made by the real pipeline, once per test class: a whole run (`loadlab run`: load, analyze,
/// simulate, report) and two shards of one (`loadlab run --shard i/2`) against an in-process sim endpoint. Each
/// hostile case breaks a copy of them (<see cref="Copy"/>), so the cases differ from a good run by one defect only.
/// </summary>
public sealed class RealRunFixture : IAsyncLifetime
{
    private readonly TempDir _dir = new();
    private SimEndpointHandle? _sim;

    public string Scenario { get; private set; } = "";
    public string Run => Path.Combine(_dir.Path, "run");
    public string Shard(int i) => Path.Combine(_dir.Path, $"shard-{i}");

    public async Task InitializeAsync()
    {
        _sim = await SimEndpointHost.StartAsync(new SimEndpointOptions
        {
            Port = 0, EndpointName = "hostile", Instances = 1, Workers = 4, Queue = 64,
            ServiceTime = ServiceTimeSpec.TryParse("fixed:5ms", out var s, out _) ? s : throw new InvalidOperationException(),
        }, new SimEndpointServices { Log = TextWriter.Null, StandaloneReason = "test" });
        Scenario = _dir.Write("hostile.yaml", $$"""
            name: hostile
            target: { kind: http, url: "{{_sim.InvocationsUrl}}", method: POST }
            payload: { contentType: application/json, inline: '{"x": 1}' }
            slo: { latency: { percentile: 90, ms: 250 } }
            load:
              phases:
                - { shape: steps, from: 40, to: 160, step: 20, hold: 3s, warmup: 1s }
            seed: 11
            """);
        var whole = Cli.Run("run", Scenario, "--out", Run);
        if (whole.Code != 0) throw new InvalidOperationException($"the fixture run failed: {whole.Code}\n{whole.Err}");
        var startAt = DateTimeOffset.UtcNow.AddSeconds(3).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var shards = await Task.WhenAll(Enumerable.Range(0, 2).Select(i => Task.Run(() =>
            Cli.Run("run", Scenario, "--shard", $"{i}/2", "--start-at", startAt, "--out", Shard(i)))));
        if (shards.Any(r => r.Code != 0)) throw new InvalidOperationException("a fixture shard failed:\n" + string.Join("\n", shards.Select(r => r.Err)));
    }

    public async Task DisposeAsync()
    {
        if (_sim is not null) await _sim.DisposeAsync();
        _dir.Dispose();
    }

    /// <summary>A fresh copy of a fixture directory, for one case to break.</summary>
    public string Copy(string source, string caseRoot, string name)
    {
        var target = Path.Combine(caseRoot, name);
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var to = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(file, to);
        }
        return target;
    }
}
