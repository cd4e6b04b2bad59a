using LoadLab.SimEndpoint.Fleet;

namespace LoadLab.SimEndpoint.ControlPlane;

/// <summary>
/// Keeps the fleet and the control plane in step. Polls DescribeEndpoint and applies a changed
/// DesiredInstanceCount (or DesiredWeight) to the fleet (Application Auto Scaling and
/// UpdateEndpointWeightsAndCapacities land there); pushes desired counts changed locally (admin API, emulated
/// autoscaler) back with UpdateEndpointWeightsAndCapacities so DescribeEndpoint shows them. moto sets
/// CurrentInstanceCount equal to DesiredInstanceCount at once, so instances still starting cannot be shown there;
/// the admin API's history is the record of InService counts.
/// </summary>
public sealed class ControlPlaneWatcher : IAsyncDisposable
{
    private readonly SimFleet _fleet;
    private readonly IControlPlane _plane;
    private readonly TextWriter _log;
    private readonly Dictionary<string, (int? Desired, double? Weight)> _lastSeen = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly SemaphoreSlim _pushGate = new(1, 1);
    private Task? _loop;
    private long _polls, _failures, _applied, _pushed;

    public ControlPlaneWatcher(SimFleet fleet, IControlPlane plane, Registration registration, TextWriter log)
    {
        _fleet = fleet;
        _plane = plane;
        _log = log;
        foreach (var v in registration.Variants) _lastSeen[v.VariantName] = (v.DesiredInstanceCount, v.DesiredWeight);
    }

    public long Polls => Interlocked.Read(ref _polls);
    public long Failures => Interlocked.Read(ref _failures);
    public long AppliedChanges => Interlocked.Read(ref _applied);
    public long PushedChanges => Interlocked.Read(ref _pushed);

    public void Start()
    {
        _fleet.DesiredChanged += OnLocalChange;
        _loop = Task.Run(() => PollLoopAsync(_stop.Token));
    }

    /// <summary>One poll: exposed so tests and the loop share it.</summary>
    public async Task PollOnceAsync(CancellationToken ct)
    {
        var variants = await _plane.DescribeVariantsAsync(_fleet.EndpointName, ct).ConfigureAwait(false);
        Interlocked.Increment(ref _polls);
        foreach (var cv in variants)
        {
            var local = _fleet.Find(cv.VariantName);
            if (local is null) continue;
            (int? Desired, double? Weight) seen;
            lock (_lastSeen)
            {
                _lastSeen.TryGetValue(cv.VariantName, out seen);
                _lastSeen[cv.VariantName] = (cv.DesiredInstanceCount, cv.DesiredWeight);
            }
            if (cv.DesiredInstanceCount is { } d && d != seen.Desired && d != local.Desired)
            {
                var clamped = Math.Clamp(d, 1, _fleet.Options.MaxInstances);
                if (clamped != d) _log.WriteLine($"sim-endpoint: control plane asks {d} instances of {cv.VariantName}; using {clamped} (--max-instances {_fleet.Options.MaxInstances})");
                local.SetDesired(clamped, "control-plane");
                Interlocked.Increment(ref _applied);
            }
            if (cv.DesiredWeight is { } w && w != seen.Weight && w != local.Weight && w >= 0)
                _fleet.SetWeight(cv.VariantName, w);
        }
    }

    private async Task PollLoopAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(_fleet.Options.ControlPlanePoll, _fleet.RealTime);
        try
        {
            while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false))
            {
                try { await PollOnceAsync(ct).ConfigureAwait(false); }
                catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
                {
                    var n = Interlocked.Increment(ref _failures);
                    if (n == 1 || n % 30 == 0) _log.WriteLine($"sim-endpoint: DescribeEndpoint failed ({n} so far): {ex.Message}");
                }
            }
        }
        catch (OperationCanceledException) { }
    }

    private void OnLocalChange(SimVariant variant, string source)
    {
        if (source == "control-plane") return; // it came from there
        _ = PushAsync();
    }

    /// <summary>Sends every variant's desired count and weight (one call; moto replaces weights it is not given).</summary>
    private async Task PushAsync()
    {
        await _pushGate.WaitAsync().ConfigureAwait(false);
        try
        {
            var desired = _fleet.Variants.Select(v => new DesiredVariant(v.Name, v.Desired, v.Weight)).ToArray();
            lock (_lastSeen)
                foreach (var d in desired) _lastSeen[d.VariantName] = (d.DesiredInstanceCount, d.DesiredWeight);
            using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(15), _fleet.RealTime);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token, bound.Token);
            await _plane.UpdateWeightsAndCapacitiesAsync(_fleet.EndpointName, desired, timeout.Token).ConfigureAwait(false);
            Interlocked.Increment(ref _pushed);
        }
        catch (Exception ex)
        {
            Interlocked.Increment(ref _failures);
            _log.WriteLine($"sim-endpoint: UpdateEndpointWeightsAndCapacities failed: {ex.Message}");
        }
        finally { _pushGate.Release(); }
    }

    public async ValueTask DisposeAsync()
    {
        _fleet.DesiredChanged -= OnLocalChange;
        _stop.Cancel();
        if (_loop is not null) await _loop.ConfigureAwait(false);
        _stop.Dispose();
    }
}
