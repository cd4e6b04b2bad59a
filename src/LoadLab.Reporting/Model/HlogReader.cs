using HdrHistogram;

namespace LoadLab.Reporting.Model;

/// <summary>
/// Reads a standard HdrHistogram interval log and merges its intervals. The log does not carry a unit; LoadLab
/// records microseconds, and when run.json has a client p50 the reader checks which unit (ns, µs, ms) agrees with it,
/// so a log recorded in another unit is still drawn at the right scale (and the report says which was used).
/// </summary>
public static class HlogReader
{
    private static readonly (double PerMs, string Name)[] Units = [(1000.0, "µs"), (1.0, "ms"), (1_000_000.0, "ns")];

    public static LatencyDistribution Read(Stream stream, double? expectedP50Ms = null)
    {
        using var reader = new HistogramLogReader(stream);
        HistogramBase? merged = null;
        int intervals = 0;
        foreach (var h in reader.ReadHistograms())
        {
            intervals++;
            if (merged is null)
            {
                merged = new LongHistogram(Math.Max(h.HighestTrackableValue, 2), h.NumberOfSignificantValueDigits);
            }
            merged.Add(h);
        }
        if (merged is null || merged.TotalCount == 0)
            throw new InvalidDataException("the log holds no recorded values");

        var (perMs, unitName) = Units[0];
        string how = "assumed µs (LoadLab's unit)";
        if (expectedP50Ms is > 0)
        {
            double p50Raw = merged.GetValueAtPercentile(50);
            var best = Units.MinBy(u => Math.Abs(Math.Log(Math.Max(p50Raw / u.PerMs, 1e-9) / expectedP50Ms.Value)));
            (perMs, unitName) = best;
            how = $"{unitName} (checked against run.json p50)";
        }

        double ToMs(long v) => v / perMs;
        var spectrum = merged.Percentiles(5)
            .Select(v => new PercentilePoint(v.PercentileLevelIteratedTo, ToMs(v.ValueIteratedTo)))
            .Where(p => p.Percentile < 100)
            .ToList();
        var max = ToMs(merged.GetMaxValue());
        var table = new[] { 50.0, 90.0, 99.0, 99.9, 99.99 }
            .Select(p => new PercentilePoint(p, ToMs(merged.GetValueAtPercentile(p))))
            .Append(new PercentilePoint(100, max))
            .ToList();
        return new LatencyDistribution
        {
            TotalCount = merged.TotalCount,
            Intervals = intervals,
            MeanMs = merged.GetMean() / perMs,
            MaxMs = max,
            Spectrum = spectrum,
            Table = table,
            UnitNote = $"values in {how}",
        };
    }
}
