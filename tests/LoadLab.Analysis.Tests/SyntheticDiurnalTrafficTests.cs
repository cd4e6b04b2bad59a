using LoadLab.Core.Ports;
using LoadLab.Analysis.Recommend;

namespace LoadLab.Analysis.Tests;

public class SyntheticDiurnalTrafficTests
{
    [Fact]
    public void Two_days_peaking_at_the_given_rate_with_the_stated_trough_and_the_same_counts_for_the_same_seed()
    {
        var a = SyntheticDiurnalTraffic.For(peakRps: 50, seed: 7);
        var counts = a.PerMinute!;
        Assert.Equal(2 * 1440, counts.Count);
        Assert.Equal(SyntheticDiurnalTraffic.FirstMinuteUtc, a.FirstMinuteUtc);
        // At 14:00 the curve is at the peak, at 02:00 at the trough; Poisson counts of 3000 and 600 per minute
        // stray by a few percent (4 s.d. of 3000 is 219; of 600, 98).
        Assert.InRange(counts[14 * 60], 3000 - 219, 3000 + 219);
        Assert.InRange(counts[1440 + 14 * 60], 3000 - 219, 3000 + 219);
        Assert.InRange(counts[2 * 60], 600 - 98, 600 + 98);
        Assert.InRange(counts.Max(), 3000, 3000 + 250);
        Assert.All(counts, c => Assert.Equal(Math.Round(c), c));
        Assert.Equal(counts, SyntheticDiurnalTraffic.For(50, 7).PerMinute!);
        Assert.NotEqual(counts, SyntheticDiurnalTraffic.For(50, 8).PerMinute!);
        Assert.Contains("peak 50 req/s at 14:00, trough 20% of it", a.PerMinuteSource);
    }

    [Fact]
    public void A_long_enough_profile_is_checked_as_it_is_and_without_a_peak_nothing_is_invented()
    {
        var options = new SimulatedCheckOptions();
        var long_ = new TrafficProfile { PerMinute = Enumerable.Repeat(100.0, options.MinMinutes).ToArray(), PerMinuteSource = "trace" };
        Assert.Same(long_, SyntheticDiurnalTraffic.ForCheck(long_, 10, options));
        Assert.Same(TrafficProfile.Unknown, SyntheticDiurnalTraffic.ForCheck(TrafficProfile.Unknown, null, options));
        Assert.Same(TrafficProfile.Unknown, SyntheticDiurnalTraffic.ForCheck(TrafficProfile.Unknown, double.NaN, options));
        Assert.StartsWith("a synthetic", SyntheticDiurnalTraffic.ForCheck(TrafficProfile.Unknown, 10, options).PerMinuteSource);
    }
}
