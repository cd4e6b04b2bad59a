using System.Diagnostics;
using System.Globalization;
using HdrHistogram;
using LoadLab.Core.Json;
using LoadLab.Core.RunFiles;
using LoadLab.SimEndpoint.Hosting;
using LoadLab.SimEndpoint.Options;
using LoadLab.TestSupport;
using Xunit.Abstractions;

namespace LoadLab.Cli.Tests;

/// <summary>
/// Sharding as a user would do it: three `loadlab run --shard i/3` processes with a shared seed and start time
/// against one local endpoint, `loadlab merge`, and one `loadlab run` of the whole scenario for comparison.
/// Request counts must match exactly (the shards' schedules partition the whole); latency distributions are real
/// measurements of a fixed-service-time endpoint, so they match closely rather than bit for bit (the exact
/// arithmetic of the merge is tested on synthetic histograms in LoadLab.Sharding.Tests).
/// </summary>
[Collection(ProcessEnvironment.Name)]
public sealed class ShardedRunTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly TempDir _dir = new();
    private SimEndpointHandle? _sim;

    public async Task InitializeAsync() =>
        _sim = await SimEndpointHost.StartAsync(new SimEndpointOptions
        {
            Port = 0, EndpointName = "shards", Instances = 2, Workers = 64, Queue = 256,
            ServiceTime = ServiceTimeSpec.TryParse("fixed:5ms", out var s, out _) ? s : throw new InvalidOperationException(),
        }, new SimEndpointServices { Log = TextWriter.Null, StandaloneReason = "test" });

    public async Task DisposeAsync()
    {
        if (_sim is not null) await _sim.DisposeAsync();
        _dir.Dispose();
    }

    private string Scenario() => _dir.Write("shards.yaml", $$"""
        name: shards
        target: { kind: http, url: "{{_sim!.InvocationsUrl}}", method: POST }
        payload: { contentType: application/json, inline: '{"x": 1}' }
        load:
          phases:
            - { shape: poisson, rate: 120, duration: 6s }
        seed: 7
        """);

    private (int Code, string Out) Loadlab(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "loadlab.dll"));
        foreach (var a in args) start.ArgumentList.Add(a);
        var p = Process.Start(start)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(TimeSpan.FromMinutes(3))) { p.Kill(true); throw new TimeoutException(string.Join(' ', args)); }
        output.WriteLine($"loadlab {string.Join(' ', args)} -> {p.ExitCode}\n{stdout.Result}\n{stderr.Result}");
        return (p.ExitCode, stdout.Result + stderr.Result);
    }

    private static HistogramBase OkLatency(string hlog)
    {
        var total = new LongHistogram(1, 3_600_000_000, 3);
        using var stream = File.OpenRead(hlog);
        foreach (var h in new HistogramLogReader(stream).ReadHistograms().Where(h => string.IsNullOrEmpty(h.Tag))) total.Add(h);
        return total;
    }

    [Fact]
    public async Task Three_shard_processes_merged_equal_one_process()
    {
        var scenario = Scenario();
        // Processes take a while to start on a busy machine; the shared start time waits for all of them.
        var startAt = DateTimeOffset.UtcNow.AddSeconds(12).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var shards = Enumerable.Range(0, 3).Select(i => Task.Run(() =>
            Loadlab("run", scenario, "--shard", $"{i}/3", "--start-at", startAt, "--out", Path.Combine(_dir.Path, $"shard-{i}")))).ToArray();
        var results = await Task.WhenAll(shards);
        Assert.All(results, r => Assert.Equal(0, r.Code));

        var merged = Path.Combine(_dir.Path, "merged");
        string[] mergeArgs = ["merge", .. Enumerable.Range(0, 3).Select(i => Path.Combine(_dir.Path, $"shard-{i}")), "--out", merged];
        Assert.Equal(0, Loadlab(mergeArgs).Code);
        var whole = Path.Combine(_dir.Path, "whole");
        Loadlab("run", scenario, "--out", whole); // the pipeline after the load may not apply to a constant-rate http run; its files are what count

        var m = LoadLabJson.Deserialize<RunInfo>(File.ReadAllText(Path.Combine(merged, "run.json")));
        var w = LoadLabJson.Deserialize<RunInfo>(File.ReadAllText(Path.Combine(whole, "run.json")));
        Assert.Null(m.Shard);
        Assert.Equal(w.Seed, m.Seed);
        Assert.Equal(w.Totals!.Scheduled, m.Totals!.Scheduled);
        Assert.Equal(w.Totals.Completed, m.Totals.Completed);
        Assert.Equal(w.Totals.Ok, m.Totals.Ok);

        var mh = OkLatency(Path.Combine(merged, "latency.hlog"));
        var wh = OkLatency(Path.Combine(whole, "latency.hlog"));
        Assert.Equal(wh.TotalCount, mh.TotalCount);
        // Same fixed 5 ms service: the medians agree to within a few milliseconds of scheduling noise.
        Assert.InRange(mh.GetValueAtPercentile(50) / 1000.0, wh.GetValueAtPercentile(50) / 1000.0 - 5, wh.GetValueAtPercentile(50) / 1000.0 + 5);
        Assert.Equal(TimelineCsv.Read(Path.Combine(merged, "timeline.csv")).Sum(r => r.Completed), m.Totals.Completed);
    }
}
