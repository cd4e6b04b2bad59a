using LoadLab.Core.RunFiles;

namespace LoadLab.Analysis.Fitting;

public readonly record struct FitPoint(double X, double Y);

/// <summary>One fitted model. <see cref="WeightedRss"/> is on the relative scale the fit minimises.</summary>
public sealed record ModelFit(string Kind, LatencyCurve Curve, int Parameters, double WeightedRss, double RSquared, double RmseMs)
{
    /// <summary>
    /// Akaike information criterion corrected for small samples (AICc); the variance counts as a parameter. Defined
    /// only when n − k − 1 &gt; 0: callers check <see cref="ModelSelection.PointsNeeded"/> first.
    /// </summary>
    public double Aicc(int n)
    {
        int k = Parameters + 1;
        if (n - k - 1 <= 0) throw new ArgumentOutOfRangeException(nameof(n), n, $"AICc needs more than {k + 1} points for {k} parameters");
        double aic = n * Math.Log(Math.Max(WeightedRss, 1e-12) / n) + 2 * k;
        return aic + 2.0 * k * (k + 1) / (n - k - 1);
    }
}

/// <summary>
/// Fits the SLO-percentile latency against invocations per instance per minute (IPI) with three candidate models.
/// Latency noise grows with latency (percentiles of a queue), so every fit is weighted by 1/y², i.e. it minimises
/// relative error; otherwise the saturated steps alone would decide the curve. Each model is linear in its other
/// parameters once its one nonlinear parameter (capacity C, breakpoint b) is fixed, so the fit profiles that
/// parameter: a log-spaced grid, then golden-section refinement around the best grid cell. Deterministic.
/// </summary>
public static class LatencyModelFitter
{
    public const string Queueing = "queueing", Segmented = "segmented", Linear = "linear";
    public static readonly IReadOnlyDictionary<string, int> ParameterCount =
        new Dictionary<string, int> { [Queueing] = 3, [Segmented] = 4, [Linear] = 2 };

    /// <param name="near">A previous fit of the same kind: the profile search stays near its nonlinear parameter
    /// (the bootstrap refits thousands of times on data close to the original).</param>
    public static ModelFit? Fit(string kind, IReadOnlyList<FitPoint> pts, LatencyCurve? near = null) => kind switch
    {
        Queueing => FitQueueing(pts, near?.CapacityIpm),
        Segmented => FitSegmented(pts, near?.BreakpointIpm),
        Linear => FitLinear(pts),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown model"),
    };

    public static ModelFit? FitLinear(IReadOnlyList<FitPoint> pts)
    {
        if (pts.Count < 3) return null;
        var (beta, _) = Solve(pts, (p, r) => { r[0] = 1; r[1] = p.X; }, 2);
        if (beta is null) return null;
        return Finish(Linear, new LatencyCurve { Kind = Linear, L0Ms = beta[0], A = beta[1] }, pts);
    }

    /// <summary>L(x) = L0 + a·x/(C − x), with L0 ≥ 0, a ≥ 0 and C above every observed x.</summary>
    public static ModelFit? FitQueueing(IReadOnlyList<FitPoint> pts, double? nearCapacity = null)
    {
        if (pts.Count < 4) return null;
        double xmax = pts.Max(p => p.X);
        if (xmax <= 0) return null;
        double lo = Math.Log(xmax * 1.0005), hi = Math.Log(xmax * 200);
        int grid = 160;
        if (nearCapacity is > 0 and var c0)
        {
            lo = Math.Max(lo, Math.Log(c0 / 1.5));
            hi = Math.Max(lo + 1e-6, Math.Log(c0 * 1.5));
            grid = 30;
        }
        int best = 0;
        double bestRss = double.PositiveInfinity;
        for (int i = 0; i <= grid; i++)
        {
            double rss = QueueingAt(pts, Math.Exp(lo + (hi - lo) * i / grid)).Rss;
            if (rss < bestRss) { bestRss = rss; best = i; }
        }
        double a = lo + (hi - lo) * Math.Max(0, best - 1) / grid, b = lo + (hi - lo) * Math.Min(grid, best + 1) / grid;
        double logC = LeastSquares.GoldenMin(t => QueueingAt(pts, Math.Exp(t)).Rss, a, b);
        var at = QueueingAt(pts, Math.Exp(logC));
        if (at.Rss > bestRss) at = QueueingAt(pts, Math.Exp(lo + (hi - lo) * best / grid));
        if (at.Curve is null) return null;
        return Finish(Queueing, at.Curve, pts);
    }

    private static (double Rss, LatencyCurve? Curve) QueueingAt(IReadOnlyList<FitPoint> pts, double c)
    {
        var (beta, _) = Solve(pts, (p, r) => { r[0] = 1; r[1] = p.X / (c - p.X); }, 2);
        if (beta is null) return (double.PositiveInfinity, null);
        double l0 = beta[0], a = beta[1];
        // Constrained least squares for the two cases where the unconstrained optimum leaves the feasible set.
        if (a < 0)
        {
            a = 0;
            l0 = WeightedMean(pts);
        }
        if (l0 < 0)
        {
            l0 = 0;
            double num = 0, den = 0;
            foreach (var p in pts) { double z = p.X / (c - p.X), w = 1 / (p.Y * p.Y); num += w * z * p.Y; den += w * z * z; }
            a = den > 0 ? Math.Max(0, num / den) : 0;
        }
        var curve = new LatencyCurve { Kind = Queueing, L0Ms = l0, A = a, CapacityIpm = c };
        return (WeightedRss(curve, pts), curve);
    }

    /// <summary>Two lines meeting at breakpoint b: L0 + a·x, and slope2 after b. At least two steps on each side.</summary>
    public static ModelFit? FitSegmented(IReadOnlyList<FitPoint> pts, double? nearBreakpoint = null)
    {
        if (pts.Count < 5) return null;
        var xs = pts.Select(p => p.X).Order().ToArray();
        double lo = xs[1], hi = xs[^2];
        if (hi <= lo) return null;
        int grid = 120;
        if (nearBreakpoint is { } b0 && b0 >= lo && b0 <= hi)
        {
            double span = (hi - lo) * 0.15;
            (lo, hi) = (Math.Max(lo, b0 - span), Math.Min(hi, b0 + span));
            grid = 30;
        }
        double bestB = lo, bestRss = double.PositiveInfinity;
        for (int i = 0; i <= grid; i++)
        {
            double b = lo + (hi - lo) * i / grid;
            double rss = SegmentedAt(pts, b).Rss;
            if (rss < bestRss) { bestRss = rss; bestB = b; }
        }
        double step = (hi - lo) / grid;
        double refined = LeastSquares.GoldenMin(b => SegmentedAt(pts, b).Rss, Math.Max(lo, bestB - step), Math.Min(hi, bestB + step));
        var at = SegmentedAt(pts, refined);
        if (at.Rss > bestRss) at = SegmentedAt(pts, bestB);
        return at.Curve is null ? null : Finish(Segmented, at.Curve, pts);
    }

    private static (double Rss, LatencyCurve? Curve) SegmentedAt(IReadOnlyList<FitPoint> pts, double b)
    {
        var (beta, _) = Solve(pts, (p, r) => { r[0] = 1; r[1] = p.X; r[2] = Math.Max(0, p.X - b); }, 3);
        if (beta is null) return (double.PositiveInfinity, null);
        var curve = new LatencyCurve { Kind = Segmented, L0Ms = beta[0], A = beta[1], BreakpointIpm = b, Slope2 = beta[1] + beta[2] };
        return (WeightedRss(curve, pts), curve);
    }

    /// <summary>Weighted (1/y²) least squares on the design columns <paramref name="design"/> writes; no allocation per point.</summary>
    private static (double[]? Beta, int K) Solve(IReadOnlyList<FitPoint> pts, Action<FitPoint, double[]> design, int k)
    {
        var row = new double[k];
        var a = new double[k, k + 1];
        foreach (var p in pts)
        {
            design(p, row);
            double w = 1 / (p.Y * p.Y);
            for (int i = 0; i < k; i++)
            {
                for (int j = 0; j < k; j++) a[i, j] += w * row[i] * row[j];
                a[i, k] += w * row[i] * p.Y;
            }
        }
        return (LeastSquares.SolveNormal(a, k), k);
    }

    private static double WeightedMean(IReadOnlyList<FitPoint> pts)
    {
        double num = 0, den = 0;
        foreach (var p in pts) { double w = 1 / (p.Y * p.Y); num += w * p.Y; den += w; }
        return num / den;
    }

    public static double WeightedRss(LatencyCurve c, IReadOnlyList<FitPoint> pts)
    {
        double rss = 0;
        foreach (var p in pts)
        {
            double r = (p.Y - c.PredictMs(p.X)) / p.Y;
            rss += r * r;
        }
        return double.IsNaN(rss) ? double.PositiveInfinity : rss;
    }

    private static ModelFit Finish(string kind, LatencyCurve curve, IReadOnlyList<FitPoint> pts)
    {
        double rss = WeightedRss(curve, pts);
        double mean = WeightedMean(pts), tss = 0, sq = 0;
        foreach (var p in pts)
        {
            double r = (p.Y - mean) / p.Y;
            tss += r * r;
            double e = p.Y - curve.PredictMs(p.X);
            sq += e * e;
        }
        double r2 = tss > 0 ? 1 - rss / tss : 1;
        return new ModelFit(kind, curve, ParameterCount[kind], rss, r2, Math.Sqrt(sq / pts.Count));
    }
}
