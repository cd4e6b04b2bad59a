using HdrHistogram;
using LoadLab.Engine.Progress;

namespace LoadLab.Engine.Recording;

/// <summary>
/// A histogram's recorded values as a short list of (value in ms, count), for exporters that keep their own
/// histograms. Once a second, off the request path: the interval histogram holds at most a few thousand distinct
/// sub-buckets, so this is cheap.
/// </summary>
public static class LatencyBuckets
{
    public static IReadOnlyList<LatencyBucket> Of(HistogramBase histogram)
    {
        if (histogram.TotalCount == 0) return [];
        var buckets = new List<LatencyBucket>();
        foreach (var v in histogram.RecordedValues())
            buckets.Add(new LatencyBucket(histogram.HighestEquivalentValue(v.ValueIteratedTo) / 1000.0, v.CountAddedInThisIterationStep));
        return buckets;
    }
}
