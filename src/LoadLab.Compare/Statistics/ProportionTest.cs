using MathNet.Numerics.Distributions;

namespace LoadLab.Compare.Statistics;

/// <summary>
/// The two-proportion z test, one-sided: is the run's error rate greater than the baseline's? Pooled variance; with
/// no error on either side (or no request) there is nothing to test and the p-value is 1.
/// </summary>
public static class ProportionTest
{
    public static double RunHigherPValue(long baselineErrors, long baselineRequests, long runErrors, long runRequests)
    {
        if (baselineRequests <= 0 || runRequests <= 0) return double.NaN;
        double p1 = (double)baselineErrors / baselineRequests, p2 = (double)runErrors / runRequests;
        double pooled = (double)(baselineErrors + runErrors) / (baselineRequests + runRequests);
        var variance = pooled * (1 - pooled) * (1.0 / baselineRequests + 1.0 / runRequests);
        if (variance <= 0) return 1;
        var z = (p2 - p1) / Math.Sqrt(variance);
        return 1 - Normal.CDF(0, 1, z);
    }
}
