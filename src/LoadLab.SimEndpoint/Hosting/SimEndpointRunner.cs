using System.Globalization;
using System.Runtime.InteropServices;
using LoadLab.Core.Json;
using LoadLab.SimEndpoint.Options;
using LoadLab.SimEndpoint.Theory;

namespace LoadLab.SimEndpoint.Hosting;

/// <summary>
/// The one service behind <c>loadlab sim-endpoint</c>: resolves the flags, then either prints the fleet's theory
/// (<c>--describe</c>) or serves until cancelled (Ctrl-C/SIGTERM) and stops cleanly. Returns the exit code.
/// </summary>
public static class SimEndpointRunner
{
    public static async Task<int> RunAsync(SimEndpointFlags flags, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        var (options, describe) = flags.Resolve();
        if (describe is not null)
        {
            var d = CapacityDescriber.Describe(options, describe);
            stdout.WriteLine(flags.Json ? LoadLabJson.Serialize(d) : DescribeText(d));
            return 0;
        }

        var services = await SimEndpointAwsWiring.ResolveAsync(options, stderr, ct).ConfigureAwait(false);
        await using var sim = await SimEndpointHost.StartAsync(options, services, ct).ConfigureAwait(false);
        // First line on stdout is the URL, so scripts can read it (useful with --port 0).
        stdout.WriteLine(sim.Url);
        stdout.Flush();
        var o = sim.Fleet.Options;
        stderr.WriteLine($"sim-endpoint: serving {sim.InvocationsUrl}{(o.Model == SimModelKind.Llm ? " and " + sim.InvocationsUrl + "-response-stream" : "")}");
        var model = o.Model == SimModelKind.Llm
            ? string.Create(CultureInfo.InvariantCulture, $"llm: batch {o.Llm.MaxBatch} + queue {o.Queue} per instance; decode step {DurationText.Format(o.Llm.DecodeStep)} + {DurationText.Format(o.Llm.DecodeStepPerSequence)} per further sequence, prefill {DurationText.Format(o.Llm.PrefillPerInputToken)} per input token, {o.Llm.DefaultOutputTokens} output tokens by default ({Llm.LlmTiming.SteadyTokensPerSecond(o.Llm, o.Llm.MaxBatch):0} tokens/s per instance at a full batch)")
            : $"{o.Workers} workers + queue {o.Queue} per instance; service {o.ServiceTime} ({o.Work.ToString().ToLowerInvariant()})";
        stderr.WriteLine($"sim-endpoint: {string.Join(", ", sim.Fleet.Variants.Select(v => $"{v.Name} (weight {v.Weight.ToString(CultureInfo.InvariantCulture)}, {v.Desired} instances)"))}; " +
                         $"{model}; routing {(o.Routing == RoutingKind.Random ? "random" : "least-outstanding")}; seed {o.Seed}");
        stderr.WriteLine($"sim-endpoint: {sim.Mode}; metrics every {DurationText.Format(o.MetricsPeriod)}{(sim.Metrics.Publishing ? " to CloudWatch" : " (kept locally, GET /admin/metrics)")}" +
                         (o.TimeScale != 1 ? $"; time x{o.TimeScale.ToString(CultureInfo.InvariantCulture)}" : ""));
        stderr.WriteLine("sim-endpoint: admin API: GET/PUT /admin/instances, GET /admin/instances/history, GET /admin/metrics; health: GET /ping. Ctrl-C stops.");
        // Ctrl-C and SIGTERM end the wait (not the process), so in-flight requests finish and metrics flush.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        using (StopOnSignals(stop))
        {
            try { await Task.Delay(Timeout.InfiniteTimeSpan, sim.Fleet.RealTime, stop.Token).ConfigureAwait(false); }
            catch (OperationCanceledException) { }
        }
        stderr.WriteLine("sim-endpoint: stopping (draining in-flight requests, flushing metrics)");
        await sim.StopAsync(CancellationToken.None).ConfigureAwait(false);
        var total = sim.Fleet.Variants.Sum(v => v.Meter.TotalInvocations);
        stderr.WriteLine($"sim-endpoint: stopped after {total} invocations; {sim.Metrics.DatumsPublished} metric data points published, {sim.Metrics.FailedCalls} failed calls");
        return 0;
    }

    private static IDisposable StopOnSignals(CancellationTokenSource stop)
    {
        void Handler(PosixSignalContext c) { c.Cancel = true; stop.Cancel(); }
        var registrations = new List<IDisposable>();
        foreach (var signal in new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGQUIT })
        {
            try { registrations.Add(PosixSignalRegistration.Create(signal, Handler)); }
            catch (PlatformNotSupportedException) { } // SIGQUIT on Windows
        }
        return new Registrations(registrations);
    }

    private sealed class Registrations(List<IDisposable> items) : IDisposable
    {
        public void Dispose() { foreach (var i in items) i.Dispose(); }
    }

    public static string DescribeText(CapacityDescription d)
    {
        var ci = CultureInfo.InvariantCulture;
        var w = new StringWriter(ci);
        w.WriteLine($"endpoint {d.EndpointName}: {d.WorkersPerInstance} workers + queue {d.QueuePerInstance} per instance, service {d.ServiceTime} (mean {d.MeanServiceTimeMs:0.###} ms, scv {d.ServiceTimeScv:0.###}), routing {d.Routing}");
        w.WriteLine($"capacity per instance:            {d.CapacityRpsPerInstance:0.##} requests/s ({d.CapacityRpsPerInstance * 60:0.#} per minute)");
        w.WriteLine($"sustainable per instance at p{d.SloPercentile:0.##} <= {d.SloMs:0.##} ms and errors <= {d.MaxErrorRate * 100:0.###} %: {d.SustainableRpsPerInstance:0.##} requests/s = {d.SustainableInvocationsPerInstancePerMinute:0.#} invocations per instance per minute");
        w.WriteLine($"  limited by {d.LimitedBy}");
        w.WriteLine($"  at that load: utilisation {d.UtilizationAtSustainable:P1}, p{d.SloPercentile:0.##} {d.LatencyAtSustainableMs:0.##} ms, 503 probability {d.BlockingProbabilityAtSustainable:0.####}, error probability {d.ErrorProbabilityAtSustainable:0.####}");
        w.WriteLine($"AWS rule-of-thumb target (max RPS x 0.5 x 60): {d.AwsRuleOfThumbTargetPerMinute:0.#} invocations per instance per minute");
        if (d.ClosedForm is { } c)
            w.WriteLine($"closed form {c.Model}: {c.SustainableRpsPerInstance:0.##} requests/s per instance");
        foreach (var v in d.Variants)
            w.WriteLine($"variant {v.Name}: {v.Instances} instances -> capacity {v.CapacityRps:0.##}/s, sustainable {v.SustainableRps:0.##}/s");
        if (d.Curve.Count > 0)
        {
            w.WriteLine("per-instance latency curve (served requests):");
            w.WriteLine("  load    rate/s      p50 ms    p90 ms    p99 ms   503 prob");
            foreach (var p in d.Curve)
                w.WriteLine(string.Format(ci, "  {0,4:0%}  {1,8:0.##}  {2,9:0.##} {3,9:0.##} {4,9:0.##}   {5:0.####}", p.Utilization, p.RateRps, p.P50Ms, p.P90Ms, p.P99Ms, p.BlockingProbability));
        }
        w.WriteLine($"method: {d.Method}; seed {d.Seed}");
        foreach (var n in d.Notes) w.WriteLine($"note: {n}");
        return w.ToString().TrimEnd();
    }
}
