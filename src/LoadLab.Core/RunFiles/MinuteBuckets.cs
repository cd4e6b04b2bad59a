namespace LoadLab.Core.RunFiles;

/// <summary>Timestamped counts in whole UTC minutes: the one bucketing the recommender and the simulator share.</summary>
public static class MinuteBuckets
{
    public static DateTimeOffset FloorMinute(DateTimeOffset t) =>
        new(t.UtcTicks - t.UtcTicks % TimeSpan.TicksPerMinute, TimeSpan.Zero);

    /// <summary>Sums per whole minute, from the first point's minute to the last's, gaps 0. At least one point.</summary>
    public static (DateTimeOffset StartUtc, double[] PerMinute) Sum(IReadOnlyList<(DateTimeOffset TimeUtc, double Count)> points)
    {
        var start = FloorMinute(points.Min(p => p.TimeUtc));
        var end = FloorMinute(points.Max(p => p.TimeUtc));
        var minutes = (int)((end - start).Ticks / TimeSpan.TicksPerMinute) + 1;
        var series = new double[minutes];
        foreach (var (t, c) in points) series[(FloorMinute(t) - start).Ticks / TimeSpan.TicksPerMinute] += c;
        return (start, series);
    }
}
