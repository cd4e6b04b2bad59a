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
    /// Parses a per-minute CSV (<c>period,count</c>; header names are matched case-insensitively, the first two
    /// columns are used otherwise). Periods are UTC (<c>yyyy-MM-dd HH:mm:ss</c> or ISO-8601); missing minutes count 0.
    /// </summary>
    public static TrafficSeries ParsePerMinuteCsv(string text, string source)
    {
        var problems = new List<Problem>();
        var rows = new List<(DateTimeOffset T, double Count, int Line)>();
        using var reader = new StringReader(text);
        string? line;
        var lineNo = 0;
        int timeCol = 0, countCol = 1;
        var header = true;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNo++;
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var cells = line.Split(',');
            if (header)
            {
                header = false;
                var lower = cells.Select(c => c.Trim().Trim('"').ToLowerInvariant()).ToArray();
                if (!double.TryParse(lower.ElementAtOrDefault(1), NumberStyles.Float, CultureInfo.InvariantCulture, out _))
                {
                    var t = Array.FindIndex(lower, c => c is "period" or "time" or "timestamp" or "time_utc" or "minute");
                    var n = Array.FindIndex(lower, c => c is "count" or "requests" or "invocations" or "value" or "sum");
                    if (t >= 0) timeCol = t;
                    if (n >= 0) countCol = n;
                    continue;
                }
            }
            if (cells.Length <= Math.Max(timeCol, countCol))
            {
                problems.Add(new Problem(source, lineNo, 1, "", $"expected at least {Math.Max(timeCol, countCol) + 1} columns (period,count), got {cells.Length}"));
                continue;
            }
            var ts = cells[timeCol].Trim().Trim('"');
            if (!TryParseTime(ts, out var time))
            {
                problems.Add(new Problem(source, lineNo, 1, "period", $"'{ts}' is not a date and time (e.g. 1998-06-30 21:30:00)"));
                continue;
            }
            var cs = cells[countCol].Trim().Trim('"');
            if (!double.TryParse(cs, NumberStyles.Float, CultureInfo.InvariantCulture, out var count) || count < 0 || double.IsInfinity(count))
            {
                problems.Add(new Problem(source, lineNo, cells.Take(countCol).Sum(c => c.Length + 1) + 1, "count", $"'{cs}' is not a non-negative number"));
                continue;
            }
            if (rows.Count > 0 && time <= rows[^1].T)
            {
                problems.Add(new Problem(source, lineNo, 1, "period", $"{ts} is not after the previous row ({rows[^1].T:yyyy-MM-dd HH:mm:ss}, line {rows[^1].Line}); rows must be in time order"));
                continue;
            }
            rows.Add((time, count, lineNo));
            if (problems.Count > 20) break;
        }
        if (problems.Count > 0) throw new UserInputException(problems);
        if (rows.Count == 0) throw new UserInputException(source, "", "the trace is empty (no data rows after the header 'period,count')");
        return FromPoints(rows.Select(r => (r.T, r.Count)).ToList(), source);
    }

    /// <summary>Buckets timestamped counts into whole minutes (sums), filling gaps with 0.</summary>
    public static TrafficSeries FromPoints(IReadOnlyList<(DateTimeOffset TimeUtc, double Count)> points, string source)
    {
        if (points.Count == 0) throw new UserInputException(source, "", "the traffic source has no datapoints");
        var start = FloorMinute(points.Min(p => p.TimeUtc));
        var end = FloorMinute(points.Max(p => p.TimeUtc));
        var minutes = (int)((end - start).Ticks / TimeSpan.TicksPerMinute) + 1;
        var series = new double[minutes];
        foreach (var (t, c) in points) series[(FloorMinute(t) - start).Ticks / TimeSpan.TicksPerMinute] += c;
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

    private static readonly string[] CommonFormats = ["yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss'Z'", "yyyy-MM-dd'T'HH:mm:ss"];

    /// <summary>UTC time: the common exact formats first (fast on 100k-row traces), then anything ISO-8601-like.</summary>
    private static bool TryParseTime(string s, out DateTimeOffset time) =>
        DateTimeOffset.TryParseExact(s, CommonFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time)
        || DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time);

    public static DateTimeOffset FloorMinute(DateTimeOffset t) =>
        new(t.UtcTicks - t.UtcTicks % TimeSpan.TicksPerMinute, TimeSpan.Zero);
}
