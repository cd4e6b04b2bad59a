using System.Net;
using System.Net.Sockets;
using LoadLab.Telemetry.Metrics;
using LoadLab.Telemetry.Tests.Support;
using LoadLab.TestSupport;
using Xunit.Abstractions;

namespace LoadLab.Telemetry.Tests;

/// <summary>
/// `run --out otlp=URL`: real OTLP/HTTP protobuf posts reach a loopback receiver during the run, carrying LoadLab's
/// metrics by their names (the latency as an exponential histogram); and a collector that accepts connections but
/// never answers neither slows nor stops the load.
/// </summary>
[Collection(LiveRunCollection.Name)]
public sealed class OtlpExportTests(SimTarget sim, ITestOutputHelper output) : IClassFixture<SimTarget>
{
    [Fact]
    public async Task Otlp_posts_carry_the_runs_metrics_by_name()
    {
        using var receiver = new OtlpReceiver();
        using var tmp = new TempDir("loadlab-otlp");
        var scenario = sim.Scenario(tmp.Path, seconds: 2);
        var result = await SimTarget.RunAsync(output, "run", scenario, "--out", tmp.File("run"), "--out", $"otlp=http://127.0.0.1:{receiver.Port}", "--stages", "load");

        Assert.Equal(0, result.Code);
        Assert.Contains($"otlp metrics to: http://127.0.0.1:{receiver.Port}/v1/metrics", result.Out);
        output.WriteLine($"{receiver.Posts} posts; metrics: {string.Join(", ", receiver.Metrics.Select(m => $"{m.Name} ({m.Kind}, {m.Unit})").Distinct())}");
        // One export a second over a four-second run, plus the final flush.
        Assert.True(receiver.Posts >= 3, $"only {receiver.Posts} OTLP posts arrived");
        Assert.All(receiver.ContentTypes, t => Assert.StartsWith("application/x-protobuf", t, StringComparison.Ordinal));
        var metrics = receiver.Metrics;
        Assert.All(metrics, m => Assert.Equal(RunMeter.MeterName, m.Scope));
        Assert.Contains(metrics, m => m.Name == RunMeter.Requests && m.Kind == "sum");
        Assert.Contains(metrics, m => m.Name == RunMeter.Duration && m.Kind == "exponential_histogram" && m.Unit == "s");
        Assert.Contains(metrics, m => m.Name == RunMeter.InFlight && m.Kind == "gauge");
        Assert.Contains(metrics, m => m.Name == RunMeter.RateAchieved && m.Kind == "gauge");
        Assert.Contains(metrics, m => m.Name == RunMeter.RateOffered && m.Kind == "gauge");
    }

    [Fact]
    public async Task A_collector_that_never_answers_does_not_slow_or_stop_the_load()
    {
        // Accepts connections and never reads or answers them: every export waits for its timeout.
        using var blackHole = new TcpListener(IPAddress.Loopback, 0);
        blackHole.Start();
        var held = new List<Socket>();
        var accepting = Task.Run(async () =>
        {
            try { while (true) held.Add(await blackHole.AcceptSocketAsync()); }
            catch (Exception e) when (e is SocketException or ObjectDisposedException) { }
        });
        var port = ((IPEndPoint)blackHole.LocalEndpoint).Port;
        using var tmp = new TempDir("loadlab-otlp-dead");
        var scenario = sim.Scenario(tmp.Path, seconds: 2);
        var runDir = tmp.File("run");

        var result = await SimTarget.RunAsync(output, "run", scenario, "--out", runDir, "--out", $"otlp=http://127.0.0.1:{port}", "--stages", "load");

        blackHole.Stop();
        foreach (var s in held) s.Dispose();
        Assert.Equal(0, result.Code);
        // Every scheduled request was sent and answered: 2 phases × 2 s × 100/s.
        Assert.Equal(400, SimTarget.CompletedInRunJson(runDir));
        Assert.DoesNotContain("warning", result.Out + result.Err, StringComparison.OrdinalIgnoreCase);
        Assert.True(held.Count >= 1, "the exporter never tried the collector");
    }
}
