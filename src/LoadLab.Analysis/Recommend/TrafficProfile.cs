using LoadLab.Core.RunFiles;
using MathNet.Numerics.Statistics;

namespace LoadLab.Analysis.Recommend;

/// <summary>
/// What the traffic looks like, for headroom, cooldowns and schedules: fastest sustained growth per minute,
/// minute-to-minute variability, and (from a replayed trace of two days or more) the daily profile.
/// </summary>
public sealed record TrafficProfile
{
    /// <summary>Fastest sustained growth as a fraction per minute (0.1 = +10 %/min); null when unknown.</summary>
    public double? GrowthPerMinute { get; init; }
    public string? GrowthSource { get; init; }
    /// <summary>Standard deviation of minute-over-minute relative change; null when unknown.</summary>
    public double? MinuteVariability { get; init; }
    /// <summary>Mean requests/s for each hour of the day (24 values, hours as in the trace's timestamps); null without a daily pattern.</summary>
    public IReadOnlyList<double>? HourlyRps { get; init; }
    /// <summary>Lowest and highest per-minute rate in the trace (requests/s), when a trace was given.</summary>
    public double? TroughRps { get; init; }
    public double? PeakRps { get; init; }
    public IReadOnlyList<string> Notes { get; init; } = [];
    /// <summary>The traffic itself, requests per minute (scaled as replayed), for the recommender's simulated check; null when none.</summary>
    public IReadOnlyList<double>? PerMinute { get; init; }
    /// <summary>UTC time of <see cref="PerMinute"/>'s first minute, when known.</summary>
    public DateTimeOffset? FirstMinuteUtc { get; init; }
    /// <summary>Where <see cref="PerMinute"/> came from (the trace's name, timeline.csv), or why there is none.</summary>
    public string? PerMinuteSource { get; init; }

    public static TrafficProfile Unknown { get; } = new();
}

/// <summary>A per-minute traffic series (a replayed trace): counts per minute and the UTC time of the first minute.</summary>
public sealed record MinuteTrace(IReadOnlyList<double> CountsPerMinute, DateTimeOffset? FirstMinuteUtc, string Source, double Scale = 1);

/// <summary>Pure derivations of a <see cref="TrafficProfile"/> from a trace or from the run's own ramps.</summary>
public static class TrafficProfiler
{
    /// <summary>Smoothing window (minutes) before growth is measured, so one noisy minute is not a "ramp".</summary>
    public const int SmoothingMinutes = 5;

    public static TrafficProfile FromTrace(MinuteTrace trace)
    {
        var counts = trace.CountsPerMinute.Select(c => Math.Max(0, c) * trace.Scale).ToArray();
        var notes = new List<string>();
        if (counts.Length < 2 * SmoothingMinutes)
            return new TrafficProfile { Notes = [$"{trace.Source}: too short to profile ({counts.Length} minutes)"], PerMinute = counts, FirstMinuteUtc = trace.FirstMinuteUtc, PerMinuteSource = trace.Source };
        var smooth = Smooth(counts, SmoothingMinutes);
        var growth = new List<double>();
        for (int i = 1; i < smooth.Length; i++)
            if (smooth[i - 1] > 0) growth.Add(smooth[i] / smooth[i - 1] - 1);
        var changes = new List<double>();
        for (int i = 1; i < counts.Length; i++)
            if (counts[i - 1] > 0) changes.Add(counts[i] / counts[i - 1] - 1);
        double? g = growth.Count > 0 ? Math.Max(0, growth.Quantile(0.99)) : null;
        IReadOnlyList<double>? hourly = DailyProfile(counts, trace.FirstMinuteUtc, notes, trace.Source);
        return new TrafficProfile
        {
            GrowthPerMinute = g,
            GrowthSource = $"99th percentile of the {SmoothingMinutes}-minute-smoothed minute-over-minute growth in {trace.Source}",
            MinuteVariability = changes.Count > 1 ? changes.StandardDeviation() : null,
            HourlyRps = hourly,
            TroughRps = smooth.Min() / 60,
            PeakRps = smooth.Max() / 60,
            Notes = notes,
            PerMinute = counts, FirstMinuteUtc = trace.FirstMinuteUtc, PerMinuteSource = trace.Source,
        };
    }

    /// <summary>
    /// Growth from the run's own ramps: the offered rate of ramp and sine phases, per minute, smoothed.
    /// Step ladders and spikes are test designs, not traffic, so they do not count for growth; the whole run's offered
    /// load per minute is still kept as the traffic the recommender's simulated check replays (what `loadlab simulate`
    /// replays by default).
    /// </summary>
    public static TrafficProfile FromRun(RunInfo run, IReadOnlyList<TimelineRow>? timeline)
    {
        if (timeline is not { Count: > 0 }) return TrafficProfile.Unknown;
        // A step ladder or a spike is a test design: replaying it would check the policy against the test, not against
        // traffic, so such a run gives the simulated check nothing (a trace does).
        var designs = run.Phases.Select(p => p.Shape.ToLowerInvariant()).Where(s => s is "steps" or "spike").Distinct().ToList();
        var series = designs.Count > 0
            ? new TrafficProfile { PerMinuteSource = $"no trace, and the run's {string.Join(" and ", designs)} phases are a test design, not traffic" }
            : OfferedPerMinute(timeline);
        var ramps = run.Phases.Where(p => p.Shape is "ramp" or "sine" or "Ramp" or "Sine").ToList();
        double? best = null;
        var variability = new List<double>();
        foreach (var p in ramps)
        {
            var perMinute = timeline.Where(r => r.TimeUtc >= p.StartUtc && r.TimeUtc < p.EndUtc)
                .GroupBy(r => (long)((r.TimeUtc - p.StartUtc).TotalSeconds / 60))
                .OrderBy(g => g.Key).Select(g => (double)g.Sum(r => r.Offered) * 60 / g.Count()).ToArray();
            for (int i = 1; i < perMinute.Length; i++)
                if (perMinute[i - 1] > 0)
                {
                    double g = perMinute[i] / perMinute[i - 1] - 1;
                    best = best is null ? g : Math.Max(best.Value, g);
                    variability.Add(g);
                }
        }
        if (best is null) return series;
        return series with
        {
            GrowthPerMinute = Math.Max(0, best.Value),
            GrowthSource = "fastest minute-over-minute growth of the run's ramp/sine phases",
            MinuteVariability = variability.Count > 1 ? variability.StandardDeviation() : null,
        };
    }

    /// <summary>Offered requests summed per whole UTC minute of the timeline (gaps count 0).</summary>
    private static TrafficProfile OfferedPerMinute(IReadOnlyList<TimelineRow> timeline)
    {
        var (start, perMinute) = MinuteBuckets.Sum(timeline.Select(r => (r.TimeUtc, (double)r.Offered)).ToList());
        return new TrafficProfile { PerMinute = perMinute, FirstMinuteUtc = start, PerMinuteSource = "the run's offered load (timeline.csv)" };
    }

    /// <summary>
    /// Mean rate per hour of day when the trace covers at least two whole days and the days look alike
    /// (mean correlation of consecutive days' hourly profiles ≥ 0.6, peak/trough ≥ 1.5). Otherwise null.
    /// </summary>
    internal static IReadOnlyList<double>? DailyProfile(double[] counts, DateTimeOffset? first, List<string> notes, string source)
    {
        const int day = 1440;
        if (counts.Length < 2 * day) { notes.Add($"{source}: shorter than two days, no daily pattern looked for"); return null; }
        int offset = first is { } f ? (int)f.UtcDateTime.TimeOfDay.TotalMinutes : 0;
        if (first is null) notes.Add($"{source}: no timestamps; hours of day counted from the trace's first row as 00:00 UTC");
        int days = counts.Length / day;
        var hourly = new double[days, 24];
        var n = new int[days, 24];
        for (int i = 0; i < days * day; i++)
        {
            int minuteOfDay = (i + offset) % day;
            hourly[i / day, minuteOfDay / 60] += counts[i];
            n[i / day, minuteOfDay / 60]++;
        }
        var profiles = Enumerable.Range(0, days).Select(d => Enumerable.Range(0, 24).Select(h => n[d, h] > 0 ? hourly[d, h] / n[d, h] : 0).ToArray()).ToArray();
        var correlations = Enumerable.Range(1, days - 1).Select(d => Correlation.Pearson(profiles[d - 1], profiles[d])).Where(double.IsFinite).ToList();
        var mean = Enumerable.Range(0, 24).Select(h => profiles.Average(p => p[h]) / 60).ToArray();
        double corr = correlations.Count > 0 ? correlations.Average() : 0;
        double ratio = mean.Min() > 0 ? mean.Max() / mean.Min() : double.PositiveInfinity;
        if (corr >= 0.6 && ratio >= 1.5)
        {
            notes.Add(string.Format(System.Globalization.CultureInfo.InvariantCulture,
                "{0}: daily pattern over {1} days (day-to-day correlation {2:0.00}, peak/trough {3:0.0})", source, days, corr, ratio));
            return mean;
        }
        notes.Add(string.Format(System.Globalization.CultureInfo.InvariantCulture,
            "{0}: no clear daily pattern (day-to-day correlation {1:0.00}, peak/trough {2:0.0})", source, corr, ratio));
        return null;
    }

    private static double[] Smooth(double[] v, int w)
    {
        var s = new double[v.Length - w + 1];
        double sum = v.Take(w).Sum();
        s[0] = sum / w;
        for (int i = w; i < v.Length; i++) { sum += v[i] - v[i - w]; s[i - w + 1] = sum / w; }
        return s;
    }
}
