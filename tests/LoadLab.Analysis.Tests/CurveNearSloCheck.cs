using LoadLab.Analysis.Limits;
using LoadLab.Core.RunFiles;
using LoadLab.Reporting.Charts;

namespace LoadLab.Analysis.Tests;

/// <summary>
/// Checks the report chart's fitted curve against the steps it claims to fit, with a fixed bound that does not widen
/// with a bad fit: at the fit's steps near the SLO (latency within a factor of two of it, the analysis' own
/// definition in <see cref="LimitFinder.NearSloResidual"/>), a curve used for the limit passes within the analysis'
/// near-SLO bound (<c>near_slo_residual_bound_fraction</c>, 15 % by default) plus <see cref="SamplingAllowance"/> for
/// the chart drawing straight segments between its samples. A curve outside that bound must not be the one used for
/// the limit, and analysis.json must say so (the latency limit interpolated, the fit_misses_near_slo warning).
/// </summary>
public static class CurveNearSloCheck
{
    /// <summary>What the chart's straight segments between samples may add, as a fraction of the observed latency.</summary>
    public const double SamplingAllowance = 0.01;

    /// <summary>Every way the chart and the analysis disagree with the steps; empty when they agree.</summary>
    public static IReadOnlyList<string> Failures(AnalysisFile a)
    {
        var failures = new List<string>();
        if (a.Curve is null || LatencyCurveChart.FittedCurveSeries(a, double.PositiveInfinity) is not { } series)
        {
            if (a.LatencyLimitMethod is "fitted_curve" or "observed_step") failures.Add("no curve drawn, yet the latency limit says it came from one");
            return failures;
        }
        var (xs, ys) = series;
        double bound = a.NearSloResidualBoundFraction + SamplingAllowance;
        var used = a.Points.Where(p => p.UsedInFit && double.IsFinite(p.LatencyMs) && p.LatencyMs > 0).ToList();
        double slo = a.Slo.LatencyMs;
        var near = used.Where(p => p.LatencyMs >= slo / 2 && p.LatencyMs <= slo * 2).ToList();
        if (near.Count == 0) near = used.OrderBy(p => Math.Abs(Math.Log(p.LatencyMs / slo))).Take(2).ToList();
        var misses = near.Select(p => (p, Drawn: Interpolate(xs, ys, p.Ipm)))
            .Where(x => Math.Abs(x.Drawn - x.p.LatencyMs) > bound * x.p.LatencyMs).ToList();

        bool curveUsed = a.LatencyLimitMethod is "fitted_curve" or "observed_step";
        if (curveUsed)
            failures.AddRange(misses.Select(x => FormattableString.Invariant(
                $"step {x.p.Step} at {x.p.Ipm:0.#} IPI: observed {x.p.LatencyMs:0.##} ms, the drawn {a.Curve.Kind} curve {x.Drawn:0.##} ms, beyond {bound:0.##%} — yet the curve gives the latency limit")));
        else if (misses.Count > 0 && !a.Warnings.Any(w => w.Code == AnalysisCodes.FitMissesNearSlo))
            failures.Add($"the curve misses {misses.Count} step(s) near the SLO and is not used for the limit, but analysis.json does not say so");
        return failures;
    }

    public static double Interpolate(double[] xs, double[] ys, double x)
    {
        int i = Array.BinarySearch(xs, x);
        if (i >= 0) return ys[i];
        i = ~i;
        if (i == 0) return ys[0];
        if (i >= xs.Length) return ys[^1];
        return ys[i - 1] + (x - xs[i - 1]) / (xs[i] - xs[i - 1]) * (ys[i] - ys[i - 1]);
    }
}
