using System.Numerics;

namespace LoadLab.SimEndpoint.Metrics;

/// <summary>
/// Lock-free latency statistics in microseconds: count, sum, min, max and a log-linear histogram (16 sub-buckets
/// per power of two, ≤ 6.25 % wide) from which CloudWatch Values/Counts and local percentiles are made.
/// </summary>
public sealed class LatencyAccumulator
{
    private const int SubBits = 4;
    private const int Sub = 1 << SubBits;
    private readonly long[] _buckets = new long[64 * Sub];
    private long _count, _sum, _max;
    private long _min = long.MaxValue;

    public void Record(long us)
    {
        if (us < 0) us = 0;
        Interlocked.Increment(ref _count);
        Interlocked.Add(ref _sum, us);
        var m = Volatile.Read(ref _max);
        while (us > m) { var seen = Interlocked.CompareExchange(ref _max, us, m); if (seen == m) break; m = seen; }
        m = Volatile.Read(ref _min);
        while (us < m) { var seen = Interlocked.CompareExchange(ref _min, us, m); if (seen == m) break; m = seen; }
        Interlocked.Increment(ref _buckets[Index(us)]);
    }

    public static int Index(long v)
    {
        if (v < Sub) return (int)v;
        var exp = 63 - BitOperations.LeadingZeroCount((ulong)v); // >= SubBits
        var sub = (int)((v >> (exp - SubBits)) & (Sub - 1));
        return (exp - SubBits + 1) * Sub + sub;
    }

    /// <summary>Midpoint of a bucket (the value published for it).</summary>
    public static double Representative(int index)
    {
        if (index < Sub) return index;
        var exp = index / Sub + SubBits - 1;
        var sub = index % Sub;
        var low = (double)(1L << exp) + sub * (double)(1L << (exp - SubBits));
        var width = (double)(1L << (exp - SubBits));
        return low + width / 2;
    }

    public long Count => Volatile.Read(ref _count);
    public long Sum => Volatile.Read(ref _sum);
    public long Min => Count == 0 ? 0 : Volatile.Read(ref _min);
    public long Max => Volatile.Read(ref _max);

    /// <summary>Non-empty buckets as (value µs, count), ascending.</summary>
    public IReadOnlyList<(double Value, long Count)> Buckets()
    {
        var list = new List<(double, long)>();
        for (var i = 0; i < _buckets.Length; i++)
        {
            var c = Volatile.Read(ref _buckets[i]);
            if (c > 0) list.Add((Representative(i), c));
        }
        return list;
    }

    /// <summary>Percentile (0..100) from the histogram, in µs; 0 when empty.</summary>
    public double Percentile(double p)
    {
        var buckets = Buckets();
        long total = buckets.Sum(b => b.Count);
        if (total == 0) return 0;
        var rank = Math.Max(1, (long)Math.Ceiling(p / 100.0 * total));
        long seen = 0;
        foreach (var (value, count) in buckets)
        {
            seen += count;
            if (seen >= rank) return Math.Min(value, Max);
        }
        return Max;
    }
}
