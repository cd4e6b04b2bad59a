namespace LoadLab.SimEndpoint.Fleet;

/// <summary>One change of a variant's instance counts (emulated UTC time), as served on GET /admin/instances/history.</summary>
public sealed record InstanceCountPoint(
    DateTimeOffset TimeUtc,
    string Variant,
    int Desired,
    int Pending,
    int InService,
    int Draining,
    string Event,
    string Source);

/// <summary>Append-only record of instance counts over time; reads take a snapshot.</summary>
public sealed class InstanceHistory
{
    private readonly object _gate = new();
    private readonly List<InstanceCountPoint> _points = [];

    public void Add(InstanceCountPoint point)
    {
        lock (_gate) _points.Add(point);
    }

    public IReadOnlyList<InstanceCountPoint> Snapshot(DateTimeOffset? sinceUtc = null)
    {
        lock (_gate)
            return sinceUtc is { } s ? _points.Where(p => p.TimeUtc >= s).ToArray() : _points.ToArray();
    }

    /// <summary>
    /// Time-weighted mean of InService for one variant over [from, to): what InvocationsPerInstance divides by.
    /// Pure over the recorded points; before the first point the count is the first point's.
    /// </summary>
    public static double MeanInService(IReadOnlyList<InstanceCountPoint> points, string variant, DateTimeOffset from, DateTimeOffset to)
    {
        if (to <= from) return 0;
        var mine = points.Where(p => p.Variant == variant).ToList();
        if (mine.Count == 0) return 0;
        double area = 0;
        var current = mine[0].InService;
        var t = from;
        foreach (var p in mine)
        {
            if (p.TimeUtc <= from) { current = p.InService; continue; }
            if (p.TimeUtc >= to) break;
            area += (p.TimeUtc - t).TotalSeconds * current;
            t = p.TimeUtc;
            current = p.InService;
        }
        area += (to - t).TotalSeconds * current;
        return area / (to - from).TotalSeconds;
    }
}
