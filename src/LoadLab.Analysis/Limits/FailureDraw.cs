using MathNet.Numerics.Distributions;

namespace LoadLab.Analysis.Limits;

/// <summary>The failure fraction of n requests redrawn with replacement from a step whose failure fraction was p.</summary>
internal static class FailureDraw
{
    public static double Fraction(double p, long n, Random rng)
    {
        if (!double.IsFinite(p) || n <= 0) return p;
        if (p <= 0 || p >= 1) return p;
        double mean = n * p, variance = n * p * (1 - p);
        // Exact draws cost O(n); past a variance of 25 the normal approximation is within a fraction of a request.
        long k = variance < 25 && n < int.MaxValue
            ? Binomial.Sample(rng, p, (int)n)
            : (long)Math.Round(Math.Clamp(mean + Math.Sqrt(variance) * Normal.Sample(rng, 0, 1), 0, n));
        return (double)k / n;
    }
}
