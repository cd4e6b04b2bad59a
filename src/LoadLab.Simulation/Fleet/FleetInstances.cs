namespace LoadLab.Simulation.Fleet;

/// <summary>
/// The instances behind a variant: pending (starting, not yet serving), InService, draining (removed, still billed).
/// Raising the desired count starts instances that serve after the startup time; lowering it first cancels pending
/// instances (newest first), then drains in-service ones. The endpoint is Updating while anything starts or drains.
/// </summary>
public sealed class FleetInstances
{
    private readonly List<long> _pendingReadyTicks = [];   // ascending
    private readonly List<long> _drainEndTicks = [];

    public int InService { get; private set; }
    public int Pending => _pendingReadyTicks.Count;
    public int Draining => _drainEndTicks.Count;
    public int Billed => InService + Pending + Draining;
    public bool Updating => Pending > 0 || Draining > 0;

    public FleetInstances(int inService) => InService = inService;

    /// <summary>Moves instances whose startup or draining ended by <paramref name="nowUtc"/>.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public void Advance(DateTimeOffset nowUtc)
    {
        var now = nowUtc.UtcTicks;
        var ready = 0;
        while (ready < _pendingReadyTicks.Count && _pendingReadyTicks[ready] <= now) ready++;
        if (ready > 0)
        {
            _pendingReadyTicks.RemoveRange(0, ready);
            InService += ready;
        }
        if (_drainEndTicks.Count > 0) _drainEndTicks.RemoveAll(t => t <= now);
    }

    /// <summary>Applies a new desired count at <paramref name="nowUtc"/>; <paramref name="startupS"/> gives each new instance's startup.</summary>
    public void SetDesired(int desired, DateTimeOffset nowUtc, Func<double> startupS, double drainS)
    {
        var total = InService + Pending;
        if (desired > total)
        {
            for (var i = total; i < desired; i++)
            {
                var ready = nowUtc.UtcTicks + (long)(startupS() * TimeSpan.TicksPerSecond);
                var idx = _pendingReadyTicks.BinarySearch(ready);
                _pendingReadyTicks.Insert(idx < 0 ? ~idx : idx, ready);
            }
        }
        else if (desired < total)
        {
            var remove = total - desired;
            var cancel = Math.Min(remove, Pending);
            // The newest launches are the latest to become ready: cancel those.
            _pendingReadyTicks.RemoveRange(_pendingReadyTicks.Count - cancel, cancel);
            remove -= cancel;
            InService -= remove;
            var end = nowUtc.UtcTicks + (long)(drainS * TimeSpan.TicksPerSecond);
            for (var i = 0; i < remove; i++) _drainEndTicks.Add(end);
        }
    }
}
