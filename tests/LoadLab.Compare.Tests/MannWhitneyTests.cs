using HdrHistogram;
using LoadLab.Compare.Statistics;

namespace LoadLab.Compare.Tests;

public class MannWhitneyTests
{
    private static LongHistogram Histogram(params (long Us, long Count)[] values)
    {
        var h = new LongHistogram(1, 3_600_000_000, 3);
        foreach (var (us, count) in values) h.RecordValueWithCount(us, count);
        return h;
    }

    /// <summary>
    /// Baseline {1, 2, 2, 3} µs, run {2, 3, 3, 4} µs, by hand: the pooled sample 1 | 2 2 2 | 3 3 3 | 4 has ranks
    /// 1 | 3 3 3 | 6 6 6 | 8 (mid-ranks for ties). The run's rank sum is 3 + 6 + 6 + 8 = 23, so
    /// U_run = 23 − 4·5/2 = 13 (counting pairs: 2 beats 1 and ties two 2s = 2, each 3 beats 1, 2, 2 and ties a 3 = 3.5,
    /// 4 beats all = 4; 2 + 7 + 4 = 13), P(run slower) = 13/16. Mean 4·4/2 = 8; ties of 3 and 3 give Σ(t³ − t) = 48,
    /// variance = 16/12 · (9 − 48/56) = 10.857142857; z = (13 − 8 − 0.5)/√10.857142857 = 1.365698; p = 1 − Φ(z) = 0.086017.
    /// </summary>
    [Fact]
    public void Matches_the_hand_computed_example_with_ties()
    {
        var r = MannWhitney.RunSlowerThanBaseline(Histogram((1, 1), (2, 2), (3, 1)), Histogram((2, 1), (3, 2), (4, 1)));
        Assert.Equal(13, r.URun, 9);
        Assert.Equal(0.8125, r.ProbRunSlower, 9);
        Assert.Equal(1.365698202, r.Z, 6);
        Assert.Equal(0.086016854, r.PValue, 6);
    }

    [Fact]
    public void Counts_are_ranks_of_their_bucket_not_one_value()
    {
        // The same example with every count multiplied by 1000: U scales by 10⁶, P(run slower) stays 13/16, and the
        // difference becomes overwhelming evidence.
        var r = MannWhitney.RunSlowerThanBaseline(Histogram((1, 1000), (2, 2000), (3, 1000)), Histogram((2, 1000), (3, 2000), (4, 1000)));
        Assert.Equal(13_000_000, r.URun, 3);
        Assert.Equal(0.8125, r.ProbRunSlower, 9);
        Assert.True(r.PValue < 1e-12, $"p = {r.PValue}");
    }

    [Fact]
    public void A_faster_run_is_not_slower_and_identical_histograms_show_no_difference()
    {
        var slow = Histogram((50_000, 500), (60_000, 500));
        var fast = Histogram((20_000, 500), (30_000, 500));
        Assert.True(MannWhitney.RunSlowerThanBaseline(slow, fast).PValue > 0.999);
        var same = MannWhitney.RunSlowerThanBaseline(slow, slow);
        Assert.Equal(0.5, same.ProbRunSlower, 9);
        Assert.InRange(same.PValue, 0.5, 0.52); // the continuity correction leans to "no difference"
    }

    [Fact]
    public void An_empty_side_is_not_tested()
    {
        var r = MannWhitney.RunSlowerThanBaseline(Histogram(), Histogram((5, 3)));
        Assert.False(r.Tested);
        Assert.Equal(0, r.BaselineCount);
    }

    [Fact]
    public void Proportion_test_sees_more_errors_only_when_there_are()
    {
        Assert.True(ProportionTest.RunHigherPValue(10, 10_000, 100, 10_000) < 1e-10);
        Assert.True(ProportionTest.RunHigherPValue(100, 10_000, 10, 10_000) > 0.999);
        Assert.Equal(1, ProportionTest.RunHigherPValue(0, 100, 0, 100));
    }
}
