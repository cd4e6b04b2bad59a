using HdrHistogram;
using MathNet.Numerics.Distributions;

namespace LoadLab.Compare.Statistics;

/// <summary>
/// The Mann–Whitney U test on two latency histograms, one-sided: is the run's latency stochastically greater than
/// the baseline's? Every request of a histogram bucket carries the bucket's value, so requests of one bucket are ties
/// and get the bucket's mid-rank; the variance is tie-corrected and the normal approximation has a continuity
/// correction. With the thousands of requests of a step the approximation is exact to many digits, and the test
/// uses every count of the histograms, not a percentile of each.
/// </summary>
public static class MannWhitney
{
    /// <summary>Tests histograms recorded in one layout (LoadLab's: 1 µs to 1 h, 3 significant digits), so equal values are one bucket.</summary>
    public static UTestResult RunSlowerThanBaseline(HistogramBase baseline, HistogramBase run) =>
        RunSlowerThanBaseline(Counts(baseline), Counts(run));

    /// <summary>The (value, count) pairs of a histogram's recorded buckets, in ascending value.</summary>
    public static IReadOnlyList<(long Value, long Count)> Counts(HistogramBase h) =>
        h.RecordedValues().Select(v => (v.ValueIteratedTo, v.CountAtValueIteratedTo)).ToList();

    /// <param name="baseline">Ascending or not: (value, count) pairs; a value may appear once.</param>
    /// <param name="run">The same for the run.</param>
    public static UTestResult RunSlowerThanBaseline(IReadOnlyList<(long Value, long Count)> baseline, IReadOnlyList<(long Value, long Count)> run)
    {
        double nBase = baseline.Sum(c => (double)c.Count), nRun = run.Sum(c => (double)c.Count);
        if (nBase == 0 || nRun == 0) return new UTestResult(nBase, nRun, double.NaN, double.NaN, double.NaN, double.NaN);

        var values = new SortedDictionary<long, (double Base, double Run)>();
        foreach (var (v, c) in baseline) values[v] = (values.GetValueOrDefault(v).Base + c, values.GetValueOrDefault(v).Run);
        foreach (var (v, c) in run) values[v] = (values.GetValueOrDefault(v).Base, values.GetValueOrDefault(v).Run + c);

        double below = 0, rankSumRun = 0, tieTerm = 0;
        foreach (var (_, (b, r)) in values)
        {
            var t = b + r;
            var midRank = below + (t + 1) / 2;
            rankSumRun += r * midRank;
            tieTerm += t * t * t - t;
            below += t;
        }
        var n = nBase + nRun;
        var uRun = rankSumRun - nRun * (nRun + 1) / 2;
        var mean = nBase * nRun / 2;
        var variance = nBase * nRun / 12 * (n + 1 - tieTerm / (n * (n - 1)));
        // All values tied: no evidence either way.
        if (variance <= 0) return new UTestResult(nBase, nRun, uRun, uRun / (nBase * nRun), 0, 1);
        var z = (uRun - mean - 0.5) / Math.Sqrt(variance);
        return new UTestResult(nBase, nRun, uRun, uRun / (nBase * nRun), z, 1 - Normal.CDF(0, 1, z));
    }
}

/// <summary>
/// One U test. <see cref="URun"/> counts the (run, baseline) pairs where the run's request was slower, ties as a half;
/// <see cref="ProbRunSlower"/> is that count over all pairs (0.5 = no difference); <see cref="PValue"/> is the
/// one-sided probability of a U at least this large if both came from one distribution. NaN when a side is empty.
/// </summary>
public sealed record UTestResult(double BaselineCount, double RunCount, double URun, double ProbRunSlower, double Z, double PValue)
{
    public bool Tested => !double.IsNaN(PValue);
}
