using HdrHistogram;

namespace LoadLab.Sharding.Merge;

/// <summary>
/// Adds HdrHistogram interval logs exactly: histograms of the same tag and the same one-second interval (by absolute
/// time, which the shared --start-at aligns) are added; percentiles are computed afterwards, never averaged.
/// </summary>
public sealed class HlogMerger
{
    private readonly SortedDictionary<(long Second, string Tag), HistogramBase> _intervals = new();

    public DateTimeOffset? StartUtc { get; private set; }

    /// <summary>Adds every interval of one shard's latency.hlog.</summary>
    public void Add(string hlogPath)
    {
        using var stream = File.OpenRead(hlogPath);
        var reader = new HistogramLogReader(stream);
        foreach (var h in reader.ReadHistograms())
        {
            var startMs = h.StartTimeStamp;
            var start = DateTimeOffset.FromUnixTimeMilliseconds(startMs);
            if (StartUtc is null || start < StartUtc) StartUtc = start;
            // Round to the second: shards start on the same --start-at, a few ms apart at most.
            var key = ((long)Math.Round(startMs / 1000.0), h.Tag ?? "");
            if (_intervals.TryGetValue(key, out var sum)) sum.Add(h);
            else
            {
                var copy = h.Copy();
                copy.Tag = h.Tag;
                copy.StartTimeStamp = key.Item1 * 1000;
                copy.EndTimeStamp = copy.StartTimeStamp + Math.Max(1, h.EndTimeStamp - h.StartTimeStamp);
                _intervals[key] = copy;
            }
        }
    }

    /// <summary>Merged intervals in time order, tags in ordinal order within a second.</summary>
    public IEnumerable<HistogramBase> Intervals => _intervals.Values;

    /// <summary>The merged histogram of one second and tag ("" = successful requests' latency), if any.</summary>
    public HistogramBase? At(DateTimeOffset second, string tag = "") =>
        _intervals.GetValueOrDefault((second.ToUnixTimeSeconds(), tag));

    /// <summary>Sum of the intervals of one tag whose start lies in [from, to).</summary>
    public HistogramBase? Sum(DateTimeOffset from, DateTimeOffset to, string tag = "")
    {
        HistogramBase? total = null;
        foreach (var ((second, t), h) in _intervals)
        {
            if (t != tag || second < from.ToUnixTimeSeconds() || second >= to.ToUnixTimeSeconds()) continue;
            if (total is null) total = h.Copy();
            else total.Add(h);
        }
        return total;
    }
}
