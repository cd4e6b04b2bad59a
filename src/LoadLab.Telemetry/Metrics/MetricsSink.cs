using LoadLab.Telemetry.Outputs;
using LoadLab.Telemetry.Sinks;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;

namespace LoadLab.Telemetry.Metrics;

/// <summary>
/// <c>--out otlp[=URL]</c> and <c>--out prometheus[=:PORT]</c>: the OpenTelemetry SDK reading <see cref="RunMeter"/>.
/// OTLP pushes every <see cref="TelemetryOptions.OtlpInterval"/> over HTTP/protobuf from the SDK's own thread (a slow
/// or dead collector costs that thread its export timeout, never the load), with the latency as an exponential
/// histogram. Prometheus serves /metrics on 127.0.0.1 with explicit buckets (its text format has no exponential
/// histogram).
/// </summary>
public sealed class MetricsSink : BoundedSink
{
    /// <summary>Latency bucket bounds for Prometheus (seconds): 1 ms to 60 s.</summary>
    public static readonly double[] PrometheusBucketsS =
        [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

    private readonly RunMeter _meter;
    private readonly List<MeterProvider> _providers = [];
    private readonly string? _shard;

    public MetricsSink(TelemetryOptions options, TimeProvider time, string? version = null)
        : base(options.OtlpEndpoint is not null && options.PrometheusPort is not null ? "otlp+prometheus" : options.OtlpEndpoint is not null ? "otlp" : "prometheus",
            options.QueueCapacity, time)
    {
        _meter = new RunMeter(version);
        _shard = options.Shard;
        if (options.OtlpEndpoint is { } endpoint)
            _providers.Add(Sdk.CreateMeterProviderBuilder()
                .AddMeter(RunMeter.MeterName)
                .AddView(RunMeter.Duration, new Base2ExponentialBucketHistogramConfiguration())
                .AddOtlpExporter((exporter, reader) =>
                {
                    exporter.Endpoint = endpoint;
                    exporter.Protocol = OtlpExportProtocol.HttpProtobuf;
                    exporter.TimeoutMilliseconds = (int)options.OtlpTimeout.TotalMilliseconds;
                    reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = (int)options.OtlpInterval.TotalMilliseconds;
                    reader.TemporalityPreference = MetricReaderTemporalityPreference.Cumulative;
                })
                .Build());
        if (options.PrometheusPort is { } port)
            _providers.Add(Sdk.CreateMeterProviderBuilder()
                .AddMeter(RunMeter.MeterName)
                .AddView(RunMeter.Duration, new ExplicitBucketHistogramConfiguration { Boundaries = PrometheusBucketsS })
                .AddPrometheusHttpListener(o => { o.Host = "127.0.0.1"; o.Port = port; o.ScrapeResponseCacheDurationMilliseconds = 0; })
                .Build());
    }

    protected override ValueTask HandleAsync(TelemetryItem item)
    {
        switch (item)
        {
            case TelemetryItem.RunStarted s:
                _meter.Start(s.Scenario, s.Target, _shard);
                break;
            case TelemetryItem.Second s:
                _meter.Record(s.Snapshot);
                break;
        }
        return ValueTask.CompletedTask;
    }

    /// <summary>Disposing a provider exports the last seconds once more (OTLP: within its timeout) and stops /metrics.</summary>
    protected override ValueTask CloseAsync()
    {
        foreach (var p in _providers) p.Dispose();
        _meter.Dispose();
        return ValueTask.CompletedTask;
    }
}
