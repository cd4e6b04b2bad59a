using LoadLab.SimEndpoint.ControlPlane;
using LoadLab.SimEndpoint.Fleet;
using LoadLab.SimEndpoint.Metrics;
using Microsoft.AspNetCore.Builder;

namespace LoadLab.SimEndpoint.Hosting;

/// <summary>A running sim endpoint: its URL, its fleet (the run-time control surface) and how to stop it.</summary>
public sealed class SimEndpointHandle : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ControlPlaneWatcher? _watcher;
    private readonly IReadOnlyList<IDisposable> _owned;
    private int _stopped;

    internal SimEndpointHandle(WebApplication app, string url, SimFleet fleet, MetricsPump metrics, ControlPlaneWatcher? watcher,
        Registration? registration, string mode, IReadOnlyList<IDisposable> owned)
    {
        _owned = owned;
        _app = app;
        Url = url;
        Fleet = fleet;
        Metrics = metrics;
        _watcher = watcher;
        Registration = registration;
        Mode = mode;
    }

    /// <summary>Base URL, e.g. <c>http://127.0.0.1:8080</c>; invocations go to <see cref="InvocationsUrl"/>.</summary>
    public string Url { get; }
    public int Port => new Uri(Url).Port;
    public string InvocationsUrl => $"{Url}/endpoints/{Fleet.EndpointName}/invocations";
    public SimFleet Fleet { get; }
    public MetricsPump Metrics { get; }
    public ControlPlaneWatcher? Watcher => _watcher;
    /// <summary>The control-plane registration; null when standalone.</summary>
    public Registration? Registration { get; }
    /// <summary>"standalone" or "registered with ...".</summary>
    public string Mode { get; }

    /// <summary>Stops accepting requests, lets in-flight ones finish (bounded), flushes the last metrics.</summary>
    public async Task StopAsync(CancellationToken ct = default)
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1) return;
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(5), Fleet.RealTime);
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(ct, bound.Token);
        try { await _app.StopAsync(bounded.Token).ConfigureAwait(false); } catch (OperationCanceledException) { }
        if (_watcher is not null) await _watcher.DisposeAsync().ConfigureAwait(false);
        await Metrics.DisposeAsync().ConfigureAwait(false);
        Fleet.Dispose();
        await _app.DisposeAsync().ConfigureAwait(false);
        foreach (var o in _owned) o.Dispose();
    }

    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);
}
