namespace LoadLab.Analysis.Fitting;

/// <summary>
/// Weighted linear least squares for the two- and three-column designs the latency models reduce to once their
/// nonlinear parameter (capacity, breakpoint) is fixed. Normal equations solved by Gaussian elimination with
/// partial pivoting: the systems are tiny, and this runs thousands of times inside grid searches and the bootstrap.
/// </summary>
internal static class LeastSquares
{
    /// <summary>Solves min Σ w_i (y_i − Σ_j β_j X_ij)²; null when the design is singular.</summary>
    public static double[]? Solve(IReadOnlyList<double[]> rows, IReadOnlyList<double> y, IReadOnlyList<double> w)
    {
        int k = rows[0].Length;
        var a = new double[k, k + 1];
        for (int i = 0; i < rows.Count; i++)
        {
            var r = rows[i];
            for (int p = 0; p < k; p++)
            {
                for (int q = 0; q < k; q++) a[p, q] += w[i] * r[p] * r[q];
                a[p, k] += w[i] * r[p] * y[i];
            }
        }
        return SolveNormal(a, k);
    }

    /// <summary>Solves the augmented normal system <paramref name="a"/> (k × k+1) in place; null when singular.</summary>
    public static double[]? SolveNormal(double[,] a, int k)
    {
        for (int col = 0; col < k; col++)
        {
            int piv = col;
            for (int r = col + 1; r < k; r++) if (Math.Abs(a[r, col]) > Math.Abs(a[piv, col])) piv = r;
            if (Math.Abs(a[piv, col]) < 1e-300) return null;
            if (piv != col) for (int c = 0; c <= k; c++) (a[col, c], a[piv, c]) = (a[piv, c], a[col, c]);
            for (int r = 0; r < k; r++)
            {
                if (r == col) continue;
                double f = a[r, col] / a[col, col];
                if (f == 0) continue;
                for (int c = col; c <= k; c++) a[r, c] -= f * a[col, c];
            }
        }
        var beta = new double[k];
        for (int p = 0; p < k; p++) beta[p] = a[p, k] / a[p, p];
        return beta.All(double.IsFinite) ? beta : null;
    }

    /// <summary>Golden-section minimum of a unimodal-ish function on [lo, hi] (deterministic, fixed iterations).</summary>
    public static double GoldenMin(Func<double, double> f, double lo, double hi, int iterations = 40)
    {
        const double g = 0.6180339887498949;
        double c = hi - g * (hi - lo), d = lo + g * (hi - lo);
        double fc = f(c), fd = f(d);
        for (int i = 0; i < iterations; i++)
        {
            if (fc < fd) { hi = d; d = c; fd = fc; c = hi - g * (hi - lo); fc = f(c); }
            else { lo = c; c = d; fc = fd; d = lo + g * (hi - lo); fd = f(d); }
        }
        return fc < fd ? c : d;
    }
}
