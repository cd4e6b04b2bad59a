namespace LoadLab.SimEndpoint.Wire;

/// <summary>
/// Endpoint-wide rate limit (generic cell rate algorithm): one CAS per request, no lock. Allows a burst of
/// a tenth of a second's worth of requests (at least one).
/// </summary>
public sealed class Throttle
{
    private readonly long _interval;
    private readonly long _tolerance;
    private readonly TimeProvider _time;
    private long _tat;

    public Throttle(double maxRps, TimeProvider time)
    {
        _time = time;
        _interval = Math.Max(1, (long)(time.TimestampFrequency / maxRps));
        _tolerance = Math.Max(_interval, (long)(time.TimestampFrequency * 0.1));
        _tat = time.GetTimestamp();
    }

    public bool TryTake()
    {
        var now = _time.GetTimestamp();
        var tat = Volatile.Read(ref _tat);
        while (true)
        {
            var next = Math.Max(tat, now) + _interval;
            if (next - now > _tolerance) return false;
            var seen = Interlocked.CompareExchange(ref _tat, next, tat);
            if (seen == tat) return true;
            tat = seen;
        }
    }
}
