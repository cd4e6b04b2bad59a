using LoadLab.Analysis.Fitting;
using LoadLab.Core.Findings;
using LoadLab.Core.RunFiles;

namespace LoadLab.Analysis.Limits;

/// <summary>Every limit found on one set of steps, and what it rests on. <see cref="LimitFinder"/> makes it.</summary>
public sealed record LimitResult
{
    public required IReadOnlyList<StepPoint> Rows { get; init; }
    /// <summary>Steps over the latency SLO below steps that met it: disturbances, not the limit.</summary>
    public required IReadOnlySet<int> Outliers { get; init; }
    public required IReadOnlyList<StepPoint> FitRows { get; init; }
    public required IReadOnlyList<FitPoint> FitPoints { get; init; }
    public required Selection Selection { get; init; }
    public double? PassMaxIpm { get; init; }
    public double? LatencyFailMinIpm { get; init; }
    /// <summary>Where the chosen curve crosses the SLO in the trusted range, before any check against the steps.</summary>
    public double? CurveCrossingIpm { get; init; }
    public double? LatencyLimitIpm { get; init; }
    public string? LatencyLimitMethod { get; init; }
    public double? NearSloMaxResidual { get; init; }
    public bool FitRejectedNearSlo { get; init; }
    public double? ErrorLimitIpm { get; init; }
    public IReadOnlyList<Finding> ErrorWarnings { get; init; } = [];
    public bool ErrorSloNeverMet { get; init; }
    public double? ThroughputLimitIpm { get; init; }
    public double? Sustainable { get; init; }
    public bool LowerBound { get; init; }
    public string? Binding { get; init; }
    public bool Saturated => ThroughputLimitIpm is not null || ErrorLimitIpm is not null || LatencyFailMinIpm is not null || ErrorSloNeverMet;
}

/// <summary>
/// The sustainable IPI of a set of steps: the lowest of the latency limit (the fitted curve's SLO crossing, never
/// above a step seen failing; or, when the fit misses the steps near the SLO by more than the stated bound, the
/// crossing interpolated between the two measured steps either side of it), the error limit and the throughput
/// ceiling. Pure, so the bootstrap can run it again on every resample of the steps.
/// </summary>
public static class LimitFinder
{
    /// <param name="kinds">Models to consider (all by default; the bootstrap refits the chosen kind only).</param>
    /// <param name="near">A previous fit whose nonlinear parameter the refit searches near.</param>
    public static LimitResult Find(IReadOnlyList<StepPoint> rows, SloInfo slo, AnalyzerOptions o, IEnumerable<string>? kinds = null, LatencyCurve? near = null)
    {
        bool PassLat(StepPoint r) => double.IsFinite(r.LatencyMs) && r.LatencyMs <= slo.LatencyMs;
        bool PassErr(StepPoint r) => double.IsFinite(r.ErrorRate) && r.ErrorRate <= slo.MaxErrorRateFraction;

        // A step over the SLO below steps (in IPI) that met it is not the limit but a disturbance (client cold start,
        // a noisy neighbour): latency of a queue does not fall as load rises.
        var latRows = rows.Where(r => double.IsFinite(r.LatencyMs) && double.IsFinite(r.Ipm)).OrderBy(r => r.Ipm).ToList();
        var outliers = latRows.Where((r, i) => r.LatencyMs > slo.LatencyMs && latRows.Skip(i + 1).Any(h => h.LatencyMs <= slo.LatencyMs))
            .Select(r => r.Step).ToHashSet();
        // A flattened step is not a steady state (its queue grows for as long as the step lasts); a step with many
        // errors has the latency of its survivors only. Neither is a point of the latency curve.
        var fitRows = rows.Where(r => !outliers.Contains(r.Step) && double.IsFinite(r.LatencyMs) && r.LatencyMs > 0 && double.IsFinite(r.Ipm) && r.Ipm > 0
                                      && double.IsFinite(r.ErrorRate) && r.ErrorRate <= o.FitMaxErrorRate && !r.Flattened).ToList();
        var pts = fitRows.Select(r => new FitPoint(r.Ipm, r.LatencyMs)).ToList();
        var selection = ModelSelection.Select(pts, kinds, near);
        var chosen = selection.Chosen;

        double searchMax = (pts.Count > 0 ? pts.Max(p => p.X) : 0) * (1 + o.MaxExtrapolation);
        double? passMax = rows.Where(r => PassLat(r) && PassErr(r) && double.IsFinite(r.Ipm)).Select(r => (double?)r.Ipm).Max();
        double? failMin = latRows.Where(r => r.LatencyMs > slo.LatencyMs && !outliers.Contains(r.Step)).Select(r => (double?)r.Ipm).Min();

        double? crossing = chosen is null ? null : CurveMath.SloCrossing(chosen.Curve, slo.LatencyMs, searchMax);
        double? nearResidual = chosen is null ? null : NearSloResidual(chosen.Curve, pts, slo.LatencyMs);
        bool rejected = nearResidual > o.MaxNearSloResidual;
        double? xLat;
        string? method;
        if (chosen is not null && !rejected)
        {
            xLat = crossing;
            method = "fitted_curve";
            if (failMin is { } f && (xLat is null || xLat > f)) { xLat = f; method = "observed_step"; } // never above a step seen failing
        }
        else
        {
            xLat = Interpolated(latRows.Where(r => !outliers.Contains(r.Step)).ToList(), slo.LatencyMs);
            method = "interpolated";
        }
        if (xLat is null) method = null;

        var (xErr, errWarnings, neverMet) = Analyzer.ErrorLimit(rows.Select(r => (r.Step, r.Ipm, r.ErrorRate)).ToList(), slo.MaxErrorRateFraction);
        double? xTp = rows.Any(r => r.Flattened) ? rows.Where(r => double.IsFinite(r.Ipm)).Max(r => r.Ipm) : null;

        var limits = new (double? X, string Name)[] { (xLat, "latency"), (xErr, "error_rate"), (xTp, "throughput") };
        var binding = limits.Where(l => l.X is not null).OrderBy(l => l.X).FirstOrDefault();
        double? sustainable = binding.X;
        bool lowerBound = false;
        string? bindingName = binding.Name;
        if (neverMet) (sustainable, bindingName) = (null, "error_rate");
        else if (sustainable is null && passMax is { } lower)
            (sustainable, lowerBound, bindingName) = (lower, true, "none_reached");

        return new LimitResult
        {
            Rows = rows, Outliers = outliers, FitRows = fitRows, FitPoints = pts, Selection = selection,
            PassMaxIpm = passMax, LatencyFailMinIpm = failMin, CurveCrossingIpm = crossing, LatencyLimitIpm = xLat, LatencyLimitMethod = method,
            NearSloMaxResidual = nearResidual, FitRejectedNearSlo = rejected,
            ErrorLimitIpm = xErr, ErrorWarnings = errWarnings, ErrorSloNeverMet = neverMet, ThroughputLimitIpm = xTp,
            Sustainable = sustainable, LowerBound = lowerBound, Binding = bindingName,
        };
    }

    /// <summary>
    /// The largest relative residual at the fit points near the SLO: those whose latency lies within a factor of two
    /// of it, or (when none does) the two closest to it on the log scale.
    /// </summary>
    public static double? NearSloResidual(LatencyCurve curve, IReadOnlyList<FitPoint> pts, double sloMs)
    {
        if (pts.Count == 0) return null;
        var near = pts.Where(p => p.Y >= sloMs / 2 && p.Y <= sloMs * 2).ToList();
        if (near.Count == 0) near = pts.OrderBy(p => Math.Abs(Math.Log(p.Y / sloMs))).Take(2).ToList();
        return near.Max(p => Math.Abs(p.Y - curve.PredictMs(p.X)) / p.Y);
    }

    /// <summary>
    /// The SLO crossing interpolated linearly between the highest step meeting the latency SLO below the first step
    /// over it and that step; null when no step went over it.
    /// </summary>
    public static double? Interpolated(IReadOnlyList<StepPoint> byIpm, double sloMs)
    {
        var over = byIpm.FirstOrDefault(r => r.LatencyMs > sloMs);
        if (over.Row is null) return null;
        var under = byIpm.LastOrDefault(r => r.Ipm < over.Ipm && r.LatencyMs <= sloMs);
        if (under.Row is null) return 0;
        return under.Ipm + (sloMs - under.LatencyMs) / (over.LatencyMs - under.LatencyMs) * (over.Ipm - under.Ipm);
    }
}
