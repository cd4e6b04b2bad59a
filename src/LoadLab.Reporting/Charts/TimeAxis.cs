using LoadLab.Reporting.Model;

namespace LoadLab.Reporting.Charts;

/// <summary>
/// The run-over-time axis in whole units: seconds for a run shorter than <see cref="SecondsBelowMinutes"/> minutes
/// (whole minutes would leave one or two ticks, and fractional minutes read badly), minutes otherwise.
/// </summary>
public sealed record TimeAxis(DateTimeOffset Start, double SecondsPerUnit, string Unit)
{
    public const double SecondsBelowMinutes = 3;

    public string Label => $"{char.ToUpperInvariant(Unit[0])}{Unit[1..]} since the run started";

    public double X(DateTimeOffset t) => (t - Start).TotalSeconds / SecondsPerUnit;

    public static TimeAxis For(DateTimeOffset start, ReportModel m)
    {
        var times = new List<DateTimeOffset>();
        if (m.Timeline.Value is { Count: > 0 } rows) times.Add(rows[^1].TimeUtc);
        if (m.Run.Value?.EndUtc is { } end) times.Add(end);
        if (m.Metrics.Value?.InstanceCounts is { Count: > 0 } counts) times.Add(counts[^1].TimeUtc);
        double spanMin = times.Count == 0 ? 0 : times.Max(t => (t - start).TotalMinutes);
        return spanMin < SecondsBelowMinutes ? new TimeAxis(start, 1, "seconds") : new TimeAxis(start, 60, "minutes");
    }
}
