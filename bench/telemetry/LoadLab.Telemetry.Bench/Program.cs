using System.Globalization;
using System.Text;
using LoadLab.Core.Scenarios;
using LoadLab.Engine.Payloads;
using LoadLab.Engine.Progress;
using LoadLab.Engine.Running;
using LoadLab.Engine.Targets;
using LoadLab.Telemetry;
using LoadLab.Telemetry.Outputs;
using LoadLab.Telemetry.Sinks;

// The open model through LoadRunner, as `loadlab run` drives it, with every live output off or on, and prints one
// line of key=value results for bench/telemetry/run.sh:
//   off URL RATE SECONDS
//   on  URL RATE SECONDS PROM_PORT DASH_PORT OTLP_URL JSONL
// With "on", this process also watches its own outputs as their users would: a page reading the dashboard's event
// stream, and a scrape of /metrics every second.
var inv = CultureInfo.InvariantCulture;
var mode = args[0];
var url = new Uri(args[1]);
var rate = double.Parse(args[2], inv);
var seconds = double.Parse(args[3], inv);
var outDir = Path.Combine(Path.GetTempPath(), $"loadlab-bench-telemetry-{mode}-{Environment.ProcessId}");
var body = new PayloadSet([new Payload(Encoding.UTF8.GetBytes("{\"inputs\":[[0.1,0.2,0.3,0.4]]}"), "bench")], "application/json");
const int maxInFlight = 2000;
ILoadTarget target = new HttpTarget(url, "GET", new Dictionary<string, string>(), body, HttpConnections.CreateHandler(maxInFlight, TimeSpan.FromSeconds(5)));
var scenario = new Scenario
{
    Name = $"bench-telemetry-{mode}",
    Target = new TargetSpec { Kind = TargetKind.Http, Url = url.ToString(), Timeout = TimeSpan.FromSeconds(10) },
    Load = new LoadSpec
    {
        Model = LoadModel.Open,
        Phases = [new PhaseSpec { Shape = PhaseShape.Constant, Rate = rate, Duration = TimeSpan.FromSeconds(seconds) }],
        MaxInFlight = maxInFlight,
        GracefulStop = TimeSpan.FromSeconds(5),
    },
    Seed = 1,
};

TelemetrySession? session = null;
var watchers = new List<Task>();
using var stopWatching = new CancellationTokenSource();
using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
long scrapes = 0, streamBytes = 0;
if (mode == "on")
{
    session = TelemetrySession.Start(new TelemetryOptions
    {
        PrometheusPort = int.Parse(args[4], inv),
        DashboardPort = int.Parse(args[5], inv),
        OtlpEndpoint = new Uri(args[6]),
        JsonlPath = args[7],
    }, TimeProvider.System);
    watchers.Add(Task.Run(async () =>
    {
        try
        {
            await using var stream = await http.GetStreamAsync(session.DashboardUrl!.ToString() + "events", stopWatching.Token);
            var buffer = new byte[8192];
            int n;
            while ((n = await stream.ReadAsync(buffer, stopWatching.Token)) > 0) Interlocked.Add(ref streamBytes, n);
        }
        catch (Exception e) when (e is OperationCanceledException or HttpRequestException or IOException) { }
    }));
    watchers.Add(Task.Run(async () =>
    {
        while (!stopWatching.IsCancellationRequested)
        {
            try { await http.GetStringAsync(session.PrometheusUrl, stopWatching.Token); Interlocked.Increment(ref scrapes); }
            catch (Exception e) when (e is OperationCanceledException or HttpRequestException) { }
            try { await Task.Delay(1000, stopWatching.Token); } catch (OperationCanceledException) { }
        }
    }));
}

await using (target)
{
    var result = await LoadRunner.RunAsync(new LoadRunRequest
    {
        Scenario = scenario,
        RunDirectory = outDir,
        Target = target,
        ClientWarmupRequests = 200,
        Progress = session is null ? NullProgress.Instance : new FanOutProgress(session.Sinks),
    }, CancellationToken.None);
    await stopWatching.CancelAsync();
    await Task.WhenAll(watchers);
    if (session is not null) await session.DisposeAsync();

    var t = result.Info.Totals!;
    var lateness = LatenessPercentiles(result.Directory.LatencyHlog);
    var scheduled = rate * seconds;
    var line = new StringBuilder();
    line.Append(inv, $"mode={mode} scheduled={scheduled:0} started={t.Started} held={t.Started / scheduled:0.0000} ok={t.Ok} errors={t.Errors} dropped={t.Dropped} ");
    line.Append(inv, $"lateness_p50_ms={lateness.P50:0.###} lateness_p99_ms={lateness.P99:0.###} lateness_max_ms={lateness.Max:0.###} latency_p99_ms={t.P99Ms:0.###}");
    if (session is not null)
        line.Append(inv, $" telemetry_dropped_items={session.Dropped} scrapes={scrapes} event_stream_bytes={streamBytes} warnings={session.Warnings.Count}");
    Console.WriteLine(line.ToString());
}
if (Environment.GetEnvironmentVariable("BENCH_KEEP") is null) Directory.Delete(outDir, recursive: true);

static (double P50, double P99, double Max) LatenessPercentiles(string hlogPath)
{
    using var stream = File.OpenRead(hlogPath);
    var total = LoadLab.Engine.Recording.Histograms.Create();
    foreach (var h in new HdrHistogram.HistogramLogReader(stream).ReadHistograms())
        if (h.Tag == LoadLab.Engine.Recording.LatencyLogTags.Lateness) total.Add(h);
    return total.TotalCount == 0 ? (0, 0, 0)
        : (total.GetValueAtPercentile(50) / 1000.0, total.GetValueAtPercentile(99) / 1000.0, HdrHistogram.HistogramExtensions.GetMaxValue(total) / 1000.0);
}
