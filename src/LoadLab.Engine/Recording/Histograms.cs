using HdrHistogram;

namespace LoadLab.Engine.Recording;

/// <summary>
/// The one histogram layout of LoadLab: values in microseconds from 1 µs to 1 hour at 3 significant digits, so
/// every histogram of every run and shard adds exactly (same layout) and percentiles are within 0.1 %.
/// </summary>
public static class Histograms
{
    public const long LowestUs = 1;
    public const long HighestUs = 3_600_000_000;
    public const int SignificantDigits = 3;

    public static LongHistogram Create() => new(LowestUs, HighestUs, SignificantDigits);

    public static LongConcurrentHistogram CreateConcurrent() => new(LowestUs, HighestUs, SignificantDigits);

    /// <summary>
    /// An interval recorder for many concurrent writers: its active histogram must be a concurrent one (a plain
    /// LongHistogram loses counts when two threads record at once).
    /// </summary>
    public static Recorder CreateRecorder() =>
        new(LowestUs, HighestUs, SignificantDigits, (id, low, high, digits) => new LongConcurrentHistogram(id, low, high, digits));

    /// <summary>Clamps a measurement into the trackable range (a 2-hour stall is recorded as 1 hour, not lost).</summary>
    public static long Clamp(long us) => us < LowestUs ? LowestUs : us > HighestUs ? HighestUs : us;

    /// <summary>Percentile in milliseconds, NaN for an empty histogram (written as an empty CSV cell).</summary>
    public static double PercentileMs(HistogramBase h, double percentile) =>
        h.TotalCount == 0 ? double.NaN : h.GetValueAtPercentile(percentile) / 1000.0;

    public static double MaxMs(HistogramBase h) => h.TotalCount == 0 ? double.NaN : h.GetMaxValue() / 1000.0;
}
