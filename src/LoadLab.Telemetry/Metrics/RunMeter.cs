using System.Diagnostics;
using System.Diagnostics.Metrics;
using LoadLab.Engine.Progress;
using LoadLab.Telemetry.Jsonl;

namespace LoadLab.Telemetry.Metrics;

/// <summary>
/// The run's live metrics as .NET instruments, which the OpenTelemetry SDK exports (OTLP, Prometheus). Fed once a
/// second from the progress snapshot, never from the request path: counters add the second's counts, the latency
/// histogram records the second's distribution bucket by bucket, gauges take the second's rates and in-flight.
/// Names follow OpenTelemetry's conventions (dotted, seconds for durations, <c>error.type</c> for the failure class);
/// there is no semantic convention for a load generator, so they live under <c>loadlab.</c>.
/// </summary>
public sealed class RunMeter : IDisposable
{
    public const string MeterName = "LoadLab.Run";

    public const string Requests = "loadlab.requests";
    public const string Dropped = "loadlab.requests.dropped";
    public const string Late = "loadlab.requests.late";
    public const string InFlight = "loadlab.requests.in_flight";
    public const string Duration = "loadlab.request.duration";
    public const string RateIntended = "loadlab.rate.intended";
    public const string RateOffered = "loadlab.rate.offered";
    public const string RateAchieved = "loadlab.rate.achieved";
    public const string Instances = "loadlab.endpoint.instances";

    private readonly Meter _meter;
    private readonly Counter<long> _requests;
    private readonly Counter<long> _dropped;
    private readonly Counter<long> _late;
    private readonly Gauge<long> _inFlight;
    private readonly Histogram<double> _duration;
    private readonly Gauge<double> _intended;
    private readonly Gauge<double> _offered;
    private readonly Gauge<double> _achieved;
    private readonly Gauge<long> _instances;
    private KeyValuePair<string, object?>[] _run = [];

    public RunMeter(string? version = null)
    {
        _meter = new Meter(MeterName, version);
        _requests = _meter.CreateCounter<long>(Requests, "{request}", "Requests completed, by outcome (error.type absent = success)");
        _dropped = _meter.CreateCounter<long>(Dropped, "{request}", "Scheduled requests never sent: the in-flight cap was reached (open model)");
        _late = _meter.CreateCounter<long>(Late, "{request}", "Requests started later than scheduled by more than the lateness tolerance");
        _inFlight = _meter.CreateGauge<long>(InFlight, "{request}", "Requests sent and not yet answered, at the end of the second");
        _duration = _meter.CreateHistogram<double>(Duration, "s", "Successful-request latency from the scheduled start (no coordinated omission)");
        _intended = _meter.CreateGauge<double>(RateIntended, "{request}/s", "The schedule's rate for this process (this shard)");
        _offered = _meter.CreateGauge<double>(RateOffered, "{request}/s", "Requests scheduled in the last second");
        _achieved = _meter.CreateGauge<double>(RateAchieved, "{request}/s", "Requests completed in the last second");
        _instances = _meter.CreateGauge<long>(Instances, "{instance}", "The endpoint's instances in service (DescribeEndpoint samples)");
    }

    /// <summary>Attributes of the whole run, on every measurement.</summary>
    public void Start(string scenario, string target, string? shard)
    {
        var run = new List<KeyValuePair<string, object?>> { new("loadlab.scenario", scenario), new("loadlab.target", target) };
        if (shard is not null) run.Add(new("loadlab.shard", shard));
        _run = [.. run];
    }

    public void Record(ProgressSnapshot s)
    {
        var tags = new TagList(_run) { { "loadlab.phase", s.Phase } };
        if (s.Step >= 0) tags.Add("loadlab.step", s.Step + 1);
        if (s.Row is { } row)
        {
            if (row.Ok > 0) _requests.Add(row.Ok, tags);
            foreach (var (name, count) in TelemetryJson.ErrorsByClass(row))
            {
                if (count == 0) continue;
                var errorTags = tags;
                errorTags.Add("error.type", name);
                _requests.Add(count, errorTags);
            }
            if (row.Late > 0) _late.Add(row.Late, tags);
        }
        if (s.Dropped > 0) _dropped.Add(s.Dropped, tags);
        foreach (var b in s.OkLatency)
            for (var i = 0; i < b.Count; i++) _duration.Record(b.UpToMs / 1000.0, tags);
        // Gauges carry only the run's attributes: a gauge per phase or step would keep reporting a finished step's
        // last value for the rest of the run.
        var run = new TagList(_run);
        _inFlight.Record(s.InFlight, run);
        _intended.Record(s.IntendedRps, run);
        _offered.Record(s.OfferedRps, run);
        _achieved.Record(s.AchievedRps, run);
        if (s.Instances is { } n) _instances.Record(n, run);
    }

    public void Dispose() => _meter.Dispose();
}
