using System.Globalization;
using System.Text;
using LoadLab.Aws.Credentials;
using LoadLab.Aws.Signing;
using LoadLab.Core.Scenarios;
using LoadLab.Engine.Payloads;
using LoadLab.Engine.Running;
using LoadLab.Engine.Targets;

// Drives the engine exactly as `loadlab run` does (LoadRunner into a run directory) and prints one line of
// key=value results for bench/engine/run.sh. Modes:
//   closed  URL CONNECTIONS SECONDS      plain HTTP GET, closed model (throughput vs wrk/hey/autocannon)
//   post    URL CONNECTIONS SECONDS      plain HTTP POST of a small JSON body, closed model (the unsigned baseline)
//   signed  URL CONNECTIONS SECONDS      SageMaker InvokeEndpoint, SigV4-signed, closed model, same body
//   open    URL RATE SECONDS             open model at RATE requests/s (fraction held, start lateness)
//   memory  URL RATE SECONDS             open model, samples resident memory every second
var inv = CultureInfo.InvariantCulture;
var mode = args[0];
var url = new Uri(args[1]);
var n = double.Parse(args[2], inv);
var seconds = double.Parse(args[3], inv);
var outDir = Path.Combine(Path.GetTempPath(), $"loadlab-bench-{mode}-{Environment.ProcessId}");
var body = new PayloadSet([new Payload(Encoding.UTF8.GetBytes("{\"inputs\":[[0.1,0.2,0.3,0.4]]}"), "bench")], "application/json");
var closed = mode is "closed" or "post" or "signed";
var connections = closed ? (int)n : int.Parse(Environment.GetEnvironmentVariable("BENCH_MAX_IN_FLIGHT") ?? "2000", inv);

ILoadTarget target = mode switch
{
    "closed" => new HttpTarget(url, "GET", new Dictionary<string, string>(), body, HttpConnections.CreateHandler(connections, TimeSpan.FromSeconds(5))),
    "signed" => new SageMakerTarget(new SageMakerTargetOptions(url, "bench", "us-east-1"),
        new StaticCredentialSource(new SigningCredentials("AKIDBENCHMARK", "benchmark-secret-not-a-real-key")), body,
        HttpConnections.CreateHandler(connections, TimeSpan.FromSeconds(5))),
    _ when Environment.GetEnvironmentVariable("BENCH_OPEN_GET") is not null =>
        new HttpTarget(url, "GET", new Dictionary<string, string>(), body, HttpConnections.CreateHandler(connections, TimeSpan.FromSeconds(5))),
    _ => new HttpTarget(new Uri(url, "endpoints/bench/invocations"), "POST", new Dictionary<string, string>(), body,
        HttpConnections.CreateHandler(connections, TimeSpan.FromSeconds(5))),
};

var phase = new PhaseSpec { Shape = PhaseShape.Constant, Rate = n, Duration = TimeSpan.FromSeconds(seconds) };
var scenario = new Scenario
{
    Name = $"bench-{mode}",
    Target = new TargetSpec { Kind = TargetKind.Http, Url = url.ToString(), Timeout = TimeSpan.FromSeconds(10) },
    Load = new LoadSpec
    {
        Model = closed ? LoadModel.Closed : LoadModel.Open,
        Phases = [phase],
        MaxInFlight = connections,
        GracefulStop = TimeSpan.FromSeconds(5),
    },
    Seed = 1,
};

var rss = new List<double>();
using var sampler = new CancellationTokenSource();
var sampling = mode == "memory" ? Task.Run(async () =>
{
    while (!sampler.IsCancellationRequested)
    {
        rss.Add(ResidentMb());
        try { await Task.Delay(1000, sampler.Token); } catch (OperationCanceledException) { }
    }
}) : Task.CompletedTask;

await using (target)
{
    var result = await LoadRunner.RunAsync(new LoadRunRequest
    {
        Scenario = scenario,
        RunDirectory = outDir,
        Target = target,
        ClientWarmupRequests = 200,
    }, CancellationToken.None);
    await sampler.CancelAsync();
    await sampling;

    var t = result.Info.Totals!;
    var measured = (result.Info.EndUtc!.Value - result.Info.StartUtc).TotalSeconds;
    var line = new StringBuilder();
    line.Append(inv, $"mode={mode} ok={t.Ok} errors={t.Errors} dropped={t.Dropped} late={t.Late} ");
    if (closed)
        line.Append(inv, $"rps={t.Ok / seconds:0} p50_ms={t.P50Ms:0.###} p99_ms={t.P99Ms:0.###}");
    else
    {
        // Lateness from the hlog's lateness intervals (the same numbers the run directory keeps).
        var lateness = LatenessPercentiles(result.Directory.LatencyHlog);
        var scheduled = n * seconds;
        line.Append(inv, $"scheduled={scheduled:0} started={t.Started} held={t.Started / scheduled:0.0000} achieved_rps={t.Ok / seconds:0} ");
        line.Append(inv, $"lateness_p50_ms={lateness.P50:0.###} lateness_p99_ms={lateness.P99:0.###} lateness_max_ms={lateness.Max:0.###} latency_p99_ms={t.P99Ms:0.###}");
    }
    if (mode == "memory" && rss.Count > 2)
    {
        var half = rss.Skip(rss.Count / 2).ToList();
        line.Append(inv, $" rss_max_mb={rss.Max():0.0} rss_second_half_first_mb={half[0]:0.0} rss_last_mb={rss[^1]:0.0} rss_second_half_growth_mb={half[^1] - half[0]:0.0} samples={rss.Count}");
    }
    Console.WriteLine(line.ToString());
    _ = measured;
}
if (Environment.GetEnvironmentVariable("BENCH_KEEP") is null) Directory.Delete(outDir, recursive: true);
else Console.Error.WriteLine($"kept {outDir}");

static double ResidentMb()
{
    foreach (var l in File.ReadLines("/proc/self/status"))
        if (l.StartsWith("VmRSS:", StringComparison.Ordinal))
            return double.Parse(l[6..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024;
    return double.NaN;
}

static (double P50, double P99, double Max) LatenessPercentiles(string hlogPath)
{
    using var stream = File.OpenRead(hlogPath);
    var total = LoadLab.Engine.Recording.Histograms.Create();
    foreach (var h in new HdrHistogram.HistogramLogReader(stream).ReadHistograms())
        if (h.Tag == LoadLab.Engine.Recording.LatencyLogTags.Lateness) total.Add(h);
    return total.TotalCount == 0 ? (0, 0, 0)
        : (total.GetValueAtPercentile(50) / 1000.0, total.GetValueAtPercentile(99) / 1000.0, HdrHistogram.HistogramExtensions.GetMaxValue(total) / 1000.0);
}
