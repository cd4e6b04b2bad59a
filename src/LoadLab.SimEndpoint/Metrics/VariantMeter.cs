namespace LoadLab.SimEndpoint.Metrics;

/// <summary>Counters of one metric period for one variant. Written lock-free by requests, read after the swap.</summary>
public sealed class MetricWindow
{
    public long Invocations;
    public long Invocation4XX;
    public long Invocation5XX;
    public long ModelErrors;
    public long Throttled;
    public long Rejected503;
    /// <summary>Worker time spent serving (Stopwatch ticks): the base of the modelled CPUUtilization.</summary>
    public long BusyTicks;
    public readonly LatencyAccumulator ModelLatencyUs = new();
    public readonly LatencyAccumulator OverheadLatencyUs = new();
    /// <summary>In-flight samples (sum, count, max) for ConcurrentRequestsPerModel.</summary>
    public long ConcurrencySum, ConcurrencySamples, ConcurrencyMax;
    public long ConcurrencyMin = long.MaxValue;
}

/// <summary>
/// Per-variant metric recorder. Requests add to the current window with Interlocked operations; the metrics loop
/// swaps in a fresh window at each period boundary and reads the old one after a short grace for stragglers.
/// </summary>
public sealed class VariantMeter
{
    private MetricWindow _current = new();
    private long _totalInvocations;

    public MetricWindow Current => Volatile.Read(ref _current);

    /// <summary>Invocations since start (all periods), for the admin API.</summary>
    public long TotalInvocations => Volatile.Read(ref _totalInvocations);

    public MetricWindow Swap() => Interlocked.Exchange(ref _current, new MetricWindow());

    internal void CountTotal() => Interlocked.Increment(ref _totalInvocations);

    public void SampleConcurrency(long inFlight)
    {
        var w = Current;
        Interlocked.Add(ref w.ConcurrencySum, inFlight);
        Interlocked.Increment(ref w.ConcurrencySamples);
        var m = Volatile.Read(ref w.ConcurrencyMax);
        while (inFlight > m) { var seen = Interlocked.CompareExchange(ref w.ConcurrencyMax, inFlight, m); if (seen == m) break; m = seen; }
        m = Volatile.Read(ref w.ConcurrencyMin);
        while (inFlight < m) { var seen = Interlocked.CompareExchange(ref w.ConcurrencyMin, inFlight, m); if (seen == m) break; m = seen; }
    }
}
