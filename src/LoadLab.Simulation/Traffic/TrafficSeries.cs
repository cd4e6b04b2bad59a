using System.Globalization;
using LoadLab.Core.Errors;
using LoadLab.Core.RunFiles;
using LoadLab.Core.Scenarios;

namespace LoadLab.Simulation.Traffic;

/// <summary>Requests per minute from <see cref="StartUtc"/> (aligned to a whole minute): the demand the simulator replays.</summary>
public sealed record TrafficSeries(DateTimeOffset StartUtc, double[] PerMinute, string Source)
{
    public int Minutes => PerMinute.Length;
    public DateTimeOffset EndUtc => StartUtc.AddMinutes(PerMinute.Length);
    public double PeakPerMinute => PerMinute.Length == 0 ? 0 : PerMinute.Max();
    public double Total => PerMinute.Sum();

    /// <summary>Multiplies every minute by <paramref name="factor"/> (&gt; 0).</summary>
    public TrafficSeries Scale(double factor, string source = "--scale")
    {
        if (!(factor > 0) || double.IsInfinity(factor)) throw new UserInputException(source, "", $"the scale factor must be a positive number, got {factor.ToString(CultureInfo.InvariantCulture)}");
        return this with { PerMinute = PerMinute.Select(v => v * factor).ToArray(), Source = $"{Source} x{factor.ToString("0.######", CultureInfo.InvariantCulture)}" };
    }

    /// <summary>Scales the trace so that its busiest minute averages <paramref name="peakRps"/> requests per second.</summary>
    public TrafficSeries ScaleToPeak(double peakRps, string source = "--scale-to-peak")
    {
        if (!(peakRps > 0)) throw new UserInputException(source, "", $"the peak must be a positive requests/s figure, got {peakRps.ToString(CultureInfo.InvariantCulture)}");
        var peak = PeakPerMinute;
        if (!(peak > 0)) throw new UserInputException(Source, "count", "the trace has no traffic to scale (every minute is 0)");
        return Scale(peakRps * 60 / peak, source) with { Source = $"{Source} scaled to a {peakRps.ToString("0.###", CultureInfo.InvariantCulture)} rps peak" };
    }

    /// <summary>Cuts [start, start + days); start defaults to the trace's start. An empty cut is bad input.</summary>
    public TrafficSeries Window(DateTimeOffset? startUtc, double? days, string source = "--start/--days")
    {
        var from = startUtc is { } s ? (int)Math.Floor((s - StartUtc).TotalMinutes) : 0;
        if (from < 0 || from >= PerMinute.Length)
            throw new UserInputException(source, "--start", $"{startUtc:yyyy-MM-dd HH:mm} is outside the trace ({StartUtc:yyyy-MM-dd HH:mm} to {EndUtc:yyyy-MM-dd HH:mm})");
        if (days is { } d && !(d > 0)) throw new UserInputException(source, "--days", $"must be positive, got {d.ToString(CultureInfo.InvariantCulture)}");
        var count = days is { } dd ? (int)Math.Min(PerMinute.Length - from, Math.Round(dd * 1440)) : PerMinute.Length - from;
        return this with { StartUtc = StartUtc.AddMinutes(from), PerMinute = PerMinute.AsSpan(from, count).ToArray() };
    }

    /// <summary>
    /// Parses a replay trace CSV (<c>period,count</c> or <c>time,count</c>, per minute or per second; see
    /// <see cref="ReplayTraceReader"/>, the project's one trace reader) into requests per minute; missing intervals
    /// count 0. Bad input throws <see cref="UserInputException"/> naming line and column (<c>period</c>/<c>count</c>).
    /// </summary>
    public static TrafficSeries ParseTrace(string text, string source)
    {
        var problems = new List<Problem>();
        var trace = ReplayTraceReader.Parse(text, source, source, "", problems) ?? throw new UserInputException(problems);
        return FromTrace(trace, source);
    }

    /// <summary>A read trace as requests per minute: per-minute rows as they are, per-second rows summed per minute.</summary>
    public static TrafficSeries FromTrace(ReplayTrace trace, string source)
    {
        var start = trace.StartUtc ?? throw new ArgumentException("the trace has no start time (it was not read from a file)", nameof(trace));
        if (trace.Interval == TimeSpan.FromMinutes(1) && FloorMinute(start) == start)
            return new TrafficSeries(start, trace.Counts.ToArray(), source);
        var points = new List<(DateTimeOffset, double)>(trace.Counts.Count);
        for (var i = 0; i < trace.Counts.Count; i++) points.Add((start + trace.Interval * i, trace.Counts[i]));
        return FromPoints(points, source);
    }

    /// <summary>Buckets timestamped counts into whole minutes (sums), filling gaps with 0.</summary>
    public static TrafficSeries FromPoints(IReadOnlyList<(DateTimeOffset TimeUtc, double Count)> points, string source)
    {
        if (points.Count == 0) throw new UserInputException(source, "", "the traffic source has no datapoints");
        var (start, series) = MinuteBuckets.Sum(points);
        return new TrafficSeries(start, series, source);
    }

    /// <summary>The offered requests of a run's timeline.csv (one row per second), summed per minute.</summary>
    public static TrafficSeries FromTimeline(IReadOnlyList<TimelineRow> rows, string source)
    {
        if (rows.Count == 0) throw new UserInputException(source, "", "timeline.csv has no rows");
        return FromPoints(rows.Select(r => (r.TimeUtc, (double)r.Offered)).ToList(), source);
    }

    /// <summary>A scenario's arrival-rate profile, integrated per minute from <paramref name="startUtc"/>.</summary>
    public static TrafficSeries FromRateProfile(RateProfile profile, DateTimeOffset startUtc, string source)
    {
        var minutes = (int)Math.Ceiling(profile.DurationSeconds / 60);
        if (minutes == 0) throw new UserInputException(source, "load.phases", "the scenario's load lasts 0 minutes");
        var series = new double[minutes];
        for (var m = 0; m < minutes; m++)
            series[m] = profile.ExpectedCount(TimeSpan.FromMinutes(m), TimeSpan.FromSeconds(Math.Min((m + 1) * 60.0, profile.DurationSeconds)));
        return new TrafficSeries(FloorMinute(startUtc), series, source);
    }

    public static DateTimeOffset FloorMinute(DateTimeOffset t) => MinuteBuckets.FloorMinute(t);
}
