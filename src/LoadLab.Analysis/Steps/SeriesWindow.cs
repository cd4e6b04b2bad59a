using LoadLab.Core.RunFiles;

namespace LoadLab.Analysis.Steps;

/// <summary>Pure helpers that read a CloudWatch series (or instance-count samples) over a time window.</summary>
public static class SeriesWindow
{
    public static MetricSeries? Find(MetricsFile? metrics, string metricName, string stat) =>
        metrics?.Series.FirstOrDefault(s => s.MetricName == metricName && string.Equals(s.Stat, stat, StringComparison.OrdinalIgnoreCase)
                                            && s.Points.Count > 0);

    /// <summary>
    /// Mean of the points whose period lies wholly inside [start, end]. CloudWatch stamps a point with the start of
    /// its period, so a point at t covers [t, t+period). When no period fits wholly (short steps, coarse periods),
    /// points overlapping the window by at least half a period are used instead. Null when nothing covers the window.
    /// </summary>
    public static double? Mean(MetricSeries? series, DateTimeOffset start, DateTimeOffset end)
    {
        if (series is null) return null;
        var period = TimeSpan.FromSeconds(Math.Max(1, series.PeriodS));
        var inside = series.Points.Where(p => p.TimeUtc >= start && p.TimeUtc + period <= end && double.IsFinite(p.Value)).ToList();
        if (inside.Count == 0)
            inside = series.Points.Where(p => Overlap(p.TimeUtc, p.TimeUtc + period, start, end) >= period / 2 && double.IsFinite(p.Value)).ToList();
        return inside.Count == 0 ? null : inside.Average(p => p.Value);
    }

    /// <summary>Time-weighted mean of the in-service instance count over [start, end] (last sample carried forward).</summary>
    public static double? InstanceMean(IReadOnlyList<InstanceCountSample> samples, DateTimeOffset start, DateTimeOffset end)
    {
        if (samples.Count == 0 || end <= start) return null;
        var ordered = samples.OrderBy(s => s.TimeUtc).ToList();
        static int Count(InstanceCountSample s) => s.Current > 0 ? s.Current : s.Desired;
        var before = ordered.LastOrDefault(s => s.TimeUtc <= start) ?? ordered[0];
        double weighted = 0;
        var t = start;
        int current = Count(before);
        foreach (var s in ordered.Where(s => s.TimeUtc > start && s.TimeUtc < end))
        {
            weighted += current * (s.TimeUtc - t).TotalSeconds;
            t = s.TimeUtc;
            current = Count(s);
        }
        weighted += current * (end - t).TotalSeconds;
        var mean = weighted / (end - start).TotalSeconds;
        return mean > 0 ? mean : null;
    }

    private static TimeSpan Overlap(DateTimeOffset a0, DateTimeOffset a1, DateTimeOffset b0, DateTimeOffset b1)
    {
        var lo = a0 > b0 ? a0 : b0;
        var hi = a1 < b1 ? a1 : b1;
        return hi > lo ? hi - lo : TimeSpan.Zero;
    }
}
