using LoadLab.Core.RunFiles;

namespace LoadLab.Analysis.Fitting;

/// <summary>Pure questions asked of a fitted curve: where it crosses the SLO, and where its knee is.</summary>
public static class CurveMath
{
    /// <summary>
    /// Lowest IPI in [0, <paramref name="xMax"/>] where the curve reaches <paramref name="sloMs"/>: 0 when it is
    /// already above at 0, null when it stays below up to <paramref name="xMax"/> (no crossing in the trusted range).
    /// A scan finds the first crossing (segmented curves need not be monotone), bisection pins it down.
    /// </summary>
    public static double? SloCrossing(LatencyCurve curve, double sloMs, double xMax)
    {
        if (curve.PredictMs(0) >= sloMs) return 0;
        const int scan = 400;
        double prev = 0;
        for (int i = 1; i <= scan; i++)
        {
            double x = xMax * i / scan;
            if (curve.PredictMs(x) >= sloMs)
            {
                double lo = prev, hi = x;
                for (int k = 0; k < 60; k++)
                {
                    double mid = (lo + hi) / 2;
                    if (curve.PredictMs(mid) >= sloMs) hi = mid; else lo = mid;
                }
                return lo;
            }
            prev = x;
        }
        return null;
    }

    /// <summary>
    /// The knee: a segmented curve's breakpoint (when the slope rises there); for a queueing curve the Kneedle
    /// point (Satopää et al. 2011) over [0, <paramref name="xRef"/>]: the point of the curve, normalised to the unit
    /// square, farthest below the chord. A straight line has no knee (null).
    /// </summary>
    public static double? Knee(LatencyCurve curve, double xRef)
    {
        switch (curve.Kind)
        {
            case LatencyModelFitter.Segmented:
                return curve.Slope2 > curve.A ? curve.BreakpointIpm : null;
            case LatencyModelFitter.Queueing:
                if (curve.A <= 0) return null;
                double top = Math.Min(xRef, curve.CapacityIpm * 0.999);
                double y0 = curve.PredictMs(0), y1 = curve.PredictMs(top);
                if (!(y1 > y0)) return null;
                const int n = 2000;
                double bestX = 0, best = double.NegativeInfinity;
                for (int i = 0; i <= n; i++)
                {
                    double x = top * i / n;
                    double d = x / top - (curve.PredictMs(x) - y0) / (y1 - y0);
                    if (d > best) { best = d; bestX = x; }
                }
                return best > 0.05 ? bestX : null; // nearly straight over the tested range: no knee yet
            default:
                return null;
        }
    }
}
