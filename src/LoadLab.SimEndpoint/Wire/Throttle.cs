using System.Diagnostics;

namespace LoadLab.SimEndpoint.Wire;

/// <summary>
/// Endpoint-wide rate limit (generic cell rate algorithm): one CAS per request, no lock. Allows a burst of
/// a tenth of a second's worth of requests (at least one).
/// </summary>
public sealed class Throttle
{
    private readonly long _interval;
    private readonly long _tolerance;
    private long _tat;

    public Throttle(double maxRps)
    {
        _interval = Math.Max(1, (long)(Stopwatch.Frequency / maxRps));
        _tolerance = Math.Max(_interval, (long)(Stopwatch.Frequency * 0.1));
        _tat = Stopwatch.GetTimestamp();
    }

    public bool TryTake()
    {
        var now = Stopwatch.GetTimestamp();
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
