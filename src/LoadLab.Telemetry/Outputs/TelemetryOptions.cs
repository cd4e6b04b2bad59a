namespace LoadLab.Telemetry.Outputs;

/// <summary>
/// Which live outputs a run streams to, beside its console progress. Every output is off by default; each has its
/// own bounded queue (<see cref="QueueCapacity"/> items) that drops, and counts, what a slow consumer cannot take,
/// so no output can slow or stop the load.
/// </summary>
public sealed record TelemetryOptions
{
    /// <summary>Default OTLP/HTTP metrics endpoint (an OpenTelemetry Collector's on this host).</summary>
    public static readonly Uri DefaultOtlpEndpoint = new("http://127.0.0.1:4318/v1/metrics");

    /// <summary>Default port of the Prometheus /metrics endpoint (the OpenTelemetry Prometheus exporter's own default).</summary>
    public const int DefaultPrometheusPort = 9464;

    /// <summary>Default port of the live dashboard (k6's web dashboard uses the same).</summary>
    public const int DefaultDashboardPort = 5665;

    /// <summary>JSON lines file: one line per second and one per event, flushed as written. Null = off.</summary>
    public string? JsonlPath { get; init; }

    /// <summary>OTLP/HTTP protobuf metrics endpoint. Null = off.</summary>
    public Uri? OtlpEndpoint { get; init; }

    /// <summary>Loopback port serving Prometheus's /metrics. Null = off.</summary>
    public int? PrometheusPort { get; init; }

    /// <summary>Loopback port serving the live dashboard. Null = off.</summary>
    public int? DashboardPort { get; init; }

    /// <summary>How often metrics are pushed over OTLP. Default 1 s (the progress snapshot's own grain).</summary>
    public TimeSpan OtlpInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest an OTLP export may take before it is abandoned. Default 2 s.</summary>
    public TimeSpan OtlpTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Items each output may hold before it drops new ones. Default 256 (over four minutes of seconds).</summary>
    public int QueueCapacity { get; init; } = 256;

    /// <summary>Attributes every metric carries (scenario, target and shard come from the run itself).</summary>
    public string? Shard { get; init; }

    public bool Any => JsonlPath is not null || OtlpEndpoint is not null || PrometheusPort is not null || DashboardPort is not null;

    public void Validate()
    {
        if (QueueCapacity < 1) throw new ArgumentOutOfRangeException(nameof(QueueCapacity), QueueCapacity, "at least 1");
        if (OtlpInterval <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(OtlpInterval), OtlpInterval, "must be positive");
        if (OtlpTimeout <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(OtlpTimeout), OtlpTimeout, "must be positive");
        foreach (var port in new[] { PrometheusPort, DashboardPort })
            if (port is < 1 or > 65535) throw new ArgumentOutOfRangeException(nameof(PrometheusPort), port, "a TCP port, 1-65535");
        if (PrometheusPort is not null && PrometheusPort == DashboardPort)
            throw new ArgumentException($"Prometheus and the dashboard cannot share port {PrometheusPort}");
        if (OtlpEndpoint is { } uri && (!uri.IsAbsoluteUri || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)))
            throw new ArgumentException($"OTLP endpoint '{uri}' is not an http(s) URL");
    }
}
