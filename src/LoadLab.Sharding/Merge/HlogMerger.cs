using HdrHistogram;
using LoadLab.Core.Errors;

namespace LoadLab.Sharding.Merge;

/// <summary>
/// Adds HdrHistogram interval logs exactly: histograms of the same tag and the same one-second interval (by absolute
/// time, which the shared --start-at aligns) are added; percentiles are computed afterwards, never averaged.
/// </summary>
public sealed class HlogMerger
{
    private readonly SortedDictionary<(long Second, string Tag), HistogramBase> _intervals = new();

    public DateTimeOffset? StartUtc { get; private set; }

    /// <summary>
    /// Adds every interval of one shard's latency.hlog. A log that cannot be read, or whose interval does not decode
    /// (cut short by a full disk, edited, another file under that name), is a <see cref="UserInputException"/> naming
    /// the file and the line of the interval, so a merge never goes on with part of a shard's latencies.
    /// </summary>
    public void Add(string hlogPath)
    {
        Stream stream;
        try { stream = File.OpenRead(hlogPath); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserInputException(hlogPath, "", Directory.Exists(hlogPath) ? "is a folder; the shard's HdrHistogram log was expected" : $"cannot be read: {e.Message}");
        }
        var read = 0;
        using (stream)
        {
            try
            {
                foreach (var h in new HistogramLogReader(stream).ReadHistograms())
                {
                    Add(h);
                    read++;
                }
            }
            catch (Exception e) when (e is FormatException or InvalidDataException or ArgumentException or IndexOutOfRangeException
                                          or InvalidOperationException or EndOfStreamException or OverflowException or NotSupportedException)
            {
                throw new UserInputException([new Problem(hlogPath, LineOfInterval(hlogPath, read), 1, "",
                    $"interval {read + 1} is corrupt or truncated ({e.Message.TrimEnd('.')}); merge needs every shard's latency.hlog as the engine wrote it")]);
            }
        }
    }

    private void Add(HistogramBase h)
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

    /// <summary>The 1-based line of interval <paramref name="index"/> (0-based): comments ('#') and the column legend ('"') are not intervals.</summary>
    private static int LineOfInterval(string path, int index)
    {
        var line = 0;
        var seen = 0;
        foreach (var text in File.ReadLines(path))
        {
            line++;
            if (text.Length == 0 || text[0] is '#' or '"') continue;
            if (seen++ == index) return line;
        }
        return line;
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
