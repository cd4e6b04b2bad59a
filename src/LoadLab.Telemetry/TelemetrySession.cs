using LoadLab.Engine.Progress;
using LoadLab.Telemetry.Dashboard;
using LoadLab.Telemetry.Jsonl;
using LoadLab.Telemetry.Metrics;
using LoadLab.Telemetry.Outputs;
using LoadLab.Telemetry.Sinks;

namespace LoadLab.Telemetry;

/// <summary>
/// The live outputs of one run, built from <see cref="TelemetryOptions"/>: each its own bounded sink. The caller adds
/// <see cref="Sinks"/> to its progress fan-out, and disposes the session after the run (and after the later stages,
/// so the dashboard can still link the report); <see cref="Warnings"/> then says what any output dropped.
/// </summary>
public sealed class TelemetrySession : IAsyncDisposable
{
    private readonly List<BoundedSink> _sinks = [];

    private TelemetrySession() { }

    public IReadOnlyList<IRunProgress> Sinks => _sinks;

    /// <summary>The dashboard's address, when it is on.</summary>
    public Uri? DashboardUrl { get; private set; }

    /// <summary>The Prometheus scrape address, when it is on.</summary>
    public Uri? PrometheusUrl { get; private set; }

    /// <exception cref="System.Net.HttpListenerException">A port is taken.</exception>
    /// <exception cref="IOException">The jsonl file cannot be created.</exception>
    public static TelemetrySession Start(TelemetryOptions options, TimeProvider time, string? version = null)
    {
        options.Validate();
        var session = new TelemetrySession();
        try
        {
            if (options.JsonlPath is { } path) session._sinks.Add(new JsonlSink(path, options.QueueCapacity, time));
            if (options.DashboardPort is { } port)
            {
                var dashboard = new DashboardSink(port, options.QueueCapacity, time);
                session._sinks.Add(dashboard);
                session.DashboardUrl = dashboard.Url;
            }
            if (options.OtlpEndpoint is not null || options.PrometheusPort is not null)
            {
                session._sinks.Add(new MetricsSink(options, time, version));
                if (options.PrometheusPort is { } p) session.PrometheusUrl = new Uri($"http://127.0.0.1:{p}/metrics");
            }
        }
        catch
        {
            session.DisposeAsync().AsTask().GetAwaiter().GetResult();
            throw;
        }
        return session;
    }

    /// <summary>One warning per output that dropped or failed items (after <see cref="DisposeAsync"/>).</summary>
    public IReadOnlyList<string> Warnings => _sinks.Select(s => s.DropWarning()).OfType<string>().ToList();

    /// <summary>Items dropped by every output together.</summary>
    public long Dropped => _sinks.Sum(s => s.Dropped);

    private int _disposed;

    /// <summary>Drains and closes every output; a second call does nothing.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        foreach (var sink in _sinks) await sink.DisposeAsync().ConfigureAwait(false);
    }
}
