using HdrHistogram;
using LoadLab.Analysis.RunFiles;

namespace LoadLab.Analysis.Limits;

/// <summary>
/// Draws a bootstrap copy of one step from its own requests: the step's seconds in <c>latency.hlog</c> are drawn with
/// replacement (blocks of one second, because the latency of a queue is correlated from one request to the next and
/// resampling single requests would understate the noise), and the copy's SLO-percentile latency and error rate
/// are those of the drawn seconds. The copy is centred on the step: its latency is the step's steps.csv value
/// times the drawn percentile over the logged one, its error rate shifted by the drawn fraction minus the logged one.
/// </summary>
internal sealed class StepResampler
{
    private const int GridLevels = 96;
    private readonly double _fraction;
    private readonly double[] _grid;
    private readonly long[][] _atOrBelow;   // per second: requests at or below each grid value
    private readonly long[] _ok, _errors;
    private readonly double _loggedQuantile, _loggedErrorFraction;

    public int Seconds => _ok.Length;

    private StepResampler(double percentile, double[] grid, long[][] atOrBelow, long[] ok, long[] errors)
    {
        _fraction = percentile / 100;
        (_grid, _atOrBelow, _ok, _errors) = (grid, atOrBelow, ok, errors);
        var all = Enumerable.Range(0, ok.Length).ToArray();
        _loggedQuantile = Quantile(all);
        long n = ok.Sum() + errors.Sum();
        _loggedErrorFraction = n > 0 ? (double)errors.Sum() / n : 0;
    }

    /// <summary>Null when the log holds fewer than two seconds with successful requests (nothing to resample).</summary>
    public static StepResampler? For(StepLog log, double percentile)
    {
        var seconds = log.Seconds.ToList();
        if (seconds.Count(s => s.OkCount > 0) < 2) return null;
        HistogramBase? merged = null;
        foreach (var s in seconds.Where(s => s.Ok is not null))
        {
            if (merged is null) merged = s.Ok!.Copy();
            else merged.Add(s.Ok!);
        }
        double lo = percentile / 2, hi = (percentile + 100) / 2;
        var grid = Enumerable.Range(0, GridLevels).Select(j => (double)merged!.GetValueAtPercentile(lo + (hi - lo) * j / (GridLevels - 1)))
            .Append(merged!.GetMaxValue()).ToArray();
        var atOrBelow = new long[seconds.Count][];
        for (int i = 0; i < seconds.Count; i++)
        {
            var bins = new long[grid.Length];
            if (seconds[i].Ok is { } h)
                foreach (var v in h.RecordedValues())
                {
                    int j = Array.BinarySearch(grid, (double)h.HighestEquivalentValue(v.ValueIteratedTo));
                    if (j < 0) j = ~j;
                    bins[Math.Min(j, grid.Length - 1)] += v.CountAddedInThisIterationStep;
                }
            for (int j = 1; j < bins.Length; j++) bins[j] += bins[j - 1];
            atOrBelow[i] = bins;
        }
        return new StepResampler(percentile, grid, atOrBelow,
            seconds.Select(s => s.OkCount).ToArray(), seconds.Select(s => s.Errors).ToArray());
    }

    public StepPoint Draw(StepPoint p, Random rng)
    {
        var pick = new int[_ok.Length];
        for (int i = 0; i < pick.Length; i++) pick[i] = rng.Next(pick.Length);
        double lat = p.LatencyMs;
        if (double.IsFinite(lat) && _loggedQuantile > 0) lat *= Quantile(pick) / _loggedQuantile;
        double err = p.ErrorRate;
        if (double.IsFinite(err))
        {
            long ok = 0, errors = 0;
            foreach (var i in pick) { ok += _ok[i]; errors += _errors[i]; }
            if (ok + errors > 0) err = Math.Clamp(err + (double)errors / (ok + errors) - _loggedErrorFraction, 0, 1);
        }
        return p with { LatencyMs = lat, ErrorRate = err };
    }

    /// <summary>The percentile of the drawn seconds' successful requests, interpolated between grid values.</summary>
    private double Quantile(int[] pick)
    {
        var cum = new long[_grid.Length];
        foreach (var i in pick)
        {
            var row = _atOrBelow[i];
            for (int j = 0; j < cum.Length; j++) cum[j] += row[j];
        }
        double target = _fraction * cum[^1];
        if (cum[^1] == 0) return 0;
        int k = 0;
        while (k < cum.Length - 1 && cum[k] < target) k++;
        if (k == 0 || cum[k] == cum[k - 1]) return _grid[k];
        return _grid[k - 1] + (target - cum[k - 1]) / (cum[k] - cum[k - 1]) * (_grid[k] - _grid[k - 1]);
    }
}
