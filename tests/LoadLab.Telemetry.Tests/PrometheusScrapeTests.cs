using LoadLab.Telemetry.Tests.Support;
using LoadLab.TestSupport;
using Xunit.Abstractions;

namespace LoadLab.Telemetry.Tests;

/// <summary>
/// `run --out prometheus=:PORT` scraped by a real Prometheus server every second: the request count Prometheus
/// stored equals run.json's within one scrape interval. The metrics move once a second (the reporter's grain) and the
/// endpoint closes with the run, so the last scrape can be one scrape interval plus one reporter second behind the
/// end, plus the final partial second: the requests of timeline.csv's last three rows. Never more than the run's.
/// Where Prometheus cannot be installed, the test says so loudly and returns.
/// </summary>
[Collection(LiveRunCollection.Name)]
public sealed class PrometheusScrapeTests(SimTarget sim, ITestOutputHelper output) : IClassFixture<SimTarget>
{
    [Fact]
    public async Task Prometheus_scrapes_the_runs_request_count()
    {
        if (PrometheusServer.Find(out var reason) is not { } prometheus)
        {
            var msg = $"SKIPPED (no Prometheus): the prometheus server is not available and could not be installed: {reason}";
            output.WriteLine(msg);
            Console.Error.WriteLine("[LoadLab.Telemetry.Tests] " + msg);
            return;
        }
        var metricsPort = FreePort.Next();
        using var server = await PrometheusServer.StartAsync(prometheus, metricsPort);
        using var tmp = new TempDir("loadlab-prom");
        var scenario = sim.Scenario(tmp.Path, seconds: 3);
        var runDir = tmp.File("run");

        var result = await SimTarget.RunAsync(output, "run", scenario, "--out", runDir, "--out", $"prometheus=:{metricsPort}", "--stages", "load");
        Assert.Equal(0, result.Code);
        Assert.Contains($"prometheus metrics: http://127.0.0.1:{metricsPort}/metrics", result.Out);

        // Every series of the counter (per phase, step and outcome) at its highest, added up.
        var scraped = await server.QueryScalar("sum(max_over_time(loadlab_requests_total[10m]))");
        var duration = await server.QueryScalar("sum(max_over_time(loadlab_request_duration_seconds_count[10m]))");
        output.WriteLine($"prometheus log:\n{server.Log}");
        var total = SimTarget.CompletedInRunJson(runDir);
        var perSecond = SimTarget.CompletedPerSecond(runDir);
        // One scrape interval (1 s), one reporter second, and the final partial second.
        var tolerance = perSecond.TakeLast(3).Sum();
        output.WriteLine($"run.json completed {total}; Prometheus scraped {scraped} (duration histogram count {duration}); tolerance {tolerance}");
        Assert.NotNull(scraped);
        Assert.InRange(scraped.Value, total - tolerance, total);
        // The latency histogram counts the successful requests of the same seconds.
        Assert.NotNull(duration);
        Assert.InRange(duration.Value, total - tolerance, total);
    }
}
