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

    /// <summary>Tag of the service-time histograms (actual send to response); LoadLab's engine writes them beside the untagged ones.</summary>
    public const string ServiceTag = "service";
    public const string ErrorsTag = "errors";

    /// <summary>
    /// Merges the untagged intervals (successful requests, latency from the scheduled start: what every HdrHistogram
    /// tool shows by default); tagged intervals ("errors", "service", "lateness") are kept apart, and the service
    /// time, when present, is returned as a second spectrum.
    /// </summary>
    public static LatencyDistribution Read(Stream stream, double? expectedP50Ms = null)
    {
        using var reader = new HistogramLogReader(stream);
        HistogramBase? merged = null, service = null;
        long errors = 0;
        int intervals = 0;
        static HistogramBase Into(HistogramBase? target, HistogramBase h)
        {
            target ??= new LongHistogram(Math.Max(h.HighestTrackableValue, 2), h.NumberOfSignificantValueDigits);
            target.Add(h);
            return target;
        }
        foreach (var h in reader.ReadHistograms())
        {
            switch (h.Tag)
            {
                case null or "":
                    intervals++;
                    merged = Into(merged, h);
                    break;
                case ServiceTag:
                    service = Into(service, h);
                    break;
                case ErrorsTag:
                    errors += h.TotalCount;
                    break;
            }
        }
        if (merged is null || merged.TotalCount == 0)
            throw new InvalidDataException("the log holds no untagged (successful request) latency values");

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
        var serviceSpectrum = service is { TotalCount: > 0 }
            ? service.Percentiles(5).Select(v => new PercentilePoint(v.PercentileLevelIteratedTo, ToMs(v.ValueIteratedTo))).Where(p => p.Percentile < 100).ToList()
            : null;
        return new LatencyDistribution
        {
            TotalCount = merged.TotalCount,
            ErrorCount = errors,
            ServiceSpectrum = serviceSpectrum,
            Intervals = intervals,
            MeanMs = merged.GetMean() / perMs,
            MaxMs = max,
            Spectrum = spectrum,
            Table = table,
            // The log's unit, then the chart's: the axis and the table are always in ms.
            UnitNote = $"latency.hlog records {how}; shown in ms",
        };
    }
}
