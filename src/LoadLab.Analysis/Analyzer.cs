using System.Globalization;
using LoadLab.Analysis.Fitting;
using LoadLab.Analysis.Steps;
using LoadLab.Core.RunFiles;
using MathNet.Numerics.Random;
using MathNet.Numerics.Statistics;

namespace LoadLab.Analysis;

/// <summary>
/// From joined steps to <c>analysis.json</c>: fits the SLO-percentile latency against invocations per instance per
/// minute (IPI), picks the model by AICc, finds the knee, detects saturation (throughput flattening, errors, latency
/// over the SLO) and computes the highest sustainable IPI with a seeded residual-bootstrap 95 % interval.
/// Pure: the same inputs give the same record, bit for bit.
/// </summary>
public static class Analyzer
{
    private static readonly string[] Kinds = [LatencyModelFitter.Queueing, LatencyModelFitter.Segmented, LatencyModelFitter.Linear];

    public static AnalysisFile Analyze(RunInfo run, IReadOnlyList<StepRow> steps, MetricsFile? metrics = null,
        AnalyzerOptions? options = null, IReadOnlyList<string>? upstreamWarnings = null)
    {
        var o = (options ?? new AnalyzerOptions()).Validate();
        var warnings = new List<string>(upstreamWarnings ?? []);
        var signals = new List<string>();
        var slo = run.Slo;
        if (slo is null)
        {
            slo = new SloInfo(90, 250, 0.01);
            warnings.Add("run.json has no SLO: assumed p90 ≤ 250 ms and errors ≤ 1 % (the scenario defaults)");
        }
        var latencyColumn = SloLatencyColumn.Choose(slo.LatencyPercentile, run.Slo?.LatencyPercentile, steps);
        var (column, pick) = (latencyColumn.Column, latencyColumn.Pick);
        if (latencyColumn.Warning is { } columnWarning) warnings.Add(columnWarning);
        var (arrivals, arrivalsWarning) = StepArrivals.Of(run);
        if (arrivalsWarning is not null && steps.Count > 0) warnings.Add(arrivalsWarning);
        bool closed = string.Equals(run.LoadModel, "closed", StringComparison.OrdinalIgnoreCase);
        long seed = o.Seed ?? run.Seed;
        var (startupS, startupMeasured) = InstanceStartup(run, metrics, o);

        // 1. One point per step, in the order load was offered.
        bool assumedOneInstance = false;
        var rows = new List<(StepRow Row, double Ipm, double Lat, double Err)>();
        foreach (var s in steps.OrderBy(s => s.OfferedRps).ThenBy(s => s.Step))
        {
            double ipm = s.InvocationsPerInstancePerMin ?? double.NaN;
            if (!double.IsFinite(ipm) && double.IsFinite(s.AchievedRps))
            {
                ipm = s.AchievedRps * 60 / (s.Instances is > 0 ? s.Instances.Value : 1);
                assumedOneInstance |= s.Instances is not > 0;
            }
            double err = s.Requests > 0 ? (double.IsFinite(s.ErrorRateFraction) ? s.ErrorRateFraction : (double)s.Errors / s.Requests) : double.NaN;
            rows.Add((s, ipm, s.Ok > 0 ? pick(s) : double.NaN, err));
        }
        if (assumedOneInstance)
            warnings.Add("instance counts are unknown for some steps (no metrics.json or no instance samples): assumed 1 instance, so IPI may be overstated by the real instance count");

        bool PassLat((StepRow Row, double Ipm, double Lat, double Err) r) => double.IsFinite(r.Lat) && r.Lat <= slo.LatencyMs;
        bool PassErr((StepRow Row, double Ipm, double Lat, double Err) r) => double.IsFinite(r.Err) && r.Err <= slo.MaxErrorRateFraction;

        // 2. Saturation signals.
        bool Flat((StepRow Row, double Ipm, double Lat, double Err) r) =>
            !closed && r.Row.OfferedRps > 0 && double.IsFinite(r.Row.AchievedRps) && r.Row.AchievedRps < o.FlatteningRatio * r.Row.OfferedRps;
        foreach (var r in rows)
        {
            if (Flat(r))
                signals.Add(F("step {0}: throughput flattened (achieved {1:0.##} of {2:0.##} req/s offered)", r.Row.Step, r.Row.AchievedRps, r.Row.OfferedRps));
            if (double.IsFinite(r.Err) && r.Err > slo.MaxErrorRateFraction)
                signals.Add(F("step {0}: error rate {1:0.###%} above the SLO's {2:0.###%}", r.Row.Step, r.Err, slo.MaxErrorRateFraction));
            if (double.IsFinite(r.Lat) && r.Lat > slo.LatencyMs)
                signals.Add(F("step {0}: {1} {2:0.#} ms above the SLO's {3:0.#} ms", r.Row.Step, column, r.Lat, slo.LatencyMs));
            if (r.Row.Requests == 0) warnings.Add(F("step {0}: no request completed; it tells nothing", r.Row.Step));
        }
        bool flattened = rows.Any(Flat);

        // 3. Fit.
        // A step over the SLO below steps (in IPI) that met it is not the limit but a disturbance (client cold start,
        // a noisy neighbour): latency of a queue does not fall as load rises. It stays out of the fit and the limits.
        var latRows = rows.Where(r => double.IsFinite(r.Lat) && double.IsFinite(r.Ipm)).OrderBy(r => r.Ipm).ToList();
        var blips = latRows.Where((r, i) => r.Lat > slo.LatencyMs && latRows.Skip(i + 1).Any(h => h.Lat <= slo.LatencyMs)).Select(r => r.Row.Step).ToHashSet();
        foreach (var r in latRows.Where(r => blips.Contains(r.Row.Step)))
            warnings.Add(F("step {0}: {1} {2:0.#} ms over the SLO at {3:0.#} IPI, but higher loads met it: an outlier, left out of the fit and the limit", r.Row.Step, column, r.Lat, r.Ipm));
        var fitRows = rows.Where(r => !blips.Contains(r.Row.Step) && double.IsFinite(r.Lat) && r.Lat > 0 && double.IsFinite(r.Ipm) && r.Ipm > 0
                                       && double.IsFinite(r.Err) && r.Err <= o.FitMaxErrorRate && !Flat(r)).ToList();
        // A flattened step is not a steady state (its queue grows for as long as the step lasts): it bounds the
        // throughput and counts as a failing observation, but it is not a point of the latency curve.
        foreach (var r in rows.Where(Flat))
            warnings.Add(F("step {0}: left out of the latency fit (throughput flattened: not a steady state)", r.Row.Step));
        foreach (var r in rows.Where(r => double.IsFinite(r.Err) && r.Err > o.FitMaxErrorRate && double.IsFinite(r.Lat)))
            warnings.Add(F("step {0}: left out of the latency fit ({1:0.#%} errors: its latency is that of the survivors)", r.Row.Step, r.Err));
        var pts = fitRows.Select(r => new FitPoint(r.Ipm, r.Lat)).ToList();
        var fits = Kinds.Select(k => LatencyModelFitter.Fit(k, pts)).OfType<ModelFit>().ToList();
        foreach (var k in Kinds.Where(k => fits.All(f => f.Kind != k)))
            warnings.Add(F("{0} model not fitted: it needs at least {1} usable steps, there are {2}", k, LatencyModelFitter.ParameterCount[k] + 1 + (k == LatencyModelFitter.Linear ? 0 : 0), pts.Count));
        int n = pts.Count;
        bool corrected = fits.All(f => n - (f.Parameters + 1) - 1 > 0);
        var chosen = fits.OrderBy(f => f.Criterion(n, corrected)).ThenBy(f => f.Parameters).FirstOrDefault();
        var candidates = fits.Select(f => new FitCandidate(f.Kind, R(f.RSquared, 4), R(f.RmseMs, 3), f.Parameters, R(f.Criterion(n, corrected), 3))
        { Chosen = ReferenceEquals(f, chosen), Curve = f.Curve }).ToList();
        if (chosen is null) warnings.Add(F("too few usable steps to fit a curve ({0}; at least 3 are needed)", n));

        // 4. Limits: latency (curve, checked against what was observed), errors, throughput.
        double xMaxObs = pts.Count > 0 ? pts.Max(p => p.X) : 0;
        double searchMax = xMaxObs * (1 + o.MaxExtrapolation);
        double? xPassMax = rows.Where(r => PassLat(r) && PassErr(r) && double.IsFinite(r.Ipm)).Select(r => (double?)r.Ipm).Max();
        double? xFailMin = latRows.Where(r => r.Lat > slo.LatencyMs && !blips.Contains(r.Row.Step)).Select(r => (double?)r.Ipm).Min();
        double? LatencyLimit(LatencyCurve c)
        {
            var x = CurveMath.SloCrossing(c, slo.LatencyMs, searchMax);
            if (xFailMin is { } f && (x is null || x > f)) x = f; // never above a step that was seen failing
            return x;
        }
        double? xLat = chosen is null ? xFailMin : LatencyLimit(chosen.Curve);
        if (chosen is not null && xFailMin is { } fm && CurveMath.SloCrossing(chosen.Curve, slo.LatencyMs, searchMax) is var raw && (raw is null || raw > fm))
            warnings.Add(F("the fitted curve crosses the SLO above a step observed failing it ({0:0.#} IPI): the observed step is used", fm));
        if (xLat is { } xl && xPassMax is { } xp && xl < 0.9 * xp)
            warnings.Add(F("the fitted latency limit ({0:0.#} IPI) is below a step that met the SLO ({1:0.#} IPI): latency is noisy around the SLO", xl, xp));

        var (xErr, errWarnings, errorSloNeverMet) = ErrorLimit(rows.Select(r => (r.Row.Step, r.Ipm, r.Err)).ToList(), slo.MaxErrorRateFraction);
        warnings.AddRange(errWarnings);
        double? xTp = flattened ? rows.Where(r => double.IsFinite(r.Ipm)).Max(r => r.Ipm) : null;
        bool saturated = flattened || xErr is not null || xFailMin is not null || errorSloNeverMet;

        double? Combine(double? lat) => new[] { lat, xErr, xTp }.Where(v => v is not null).Min();
        double? sustainable = Combine(xLat);
        bool conservative = false;
        if (errorSloNeverMet)
        {
            sustainable = null;
            warnings.Add("the error rate was above the SLO from the first step: no load meets it (errors are not load-related, or the endpoint is failing)");
        }
        else if (sustainable is null && xPassMax is { } lower)
        {
            sustainable = lower;
            conservative = true;
            warnings.Add(F("the test never saturated the endpoint: every step met the SLO up to {0:0.#} IPI, so the sustainable IPI is at least that (a lower bound); "
                           + "the recommendation is conservative. Extend the steps to a higher rate to find the limit", lower));
        }
        if (sustainable is 0)
            warnings.Add("the SLO latency is not met even at the lowest load: no target can meet it");

        // 5. Bootstrap CI (residual bootstrap on the relative scale the fit uses).
        double? ciLo = null, ciHi = null;
        int resamples = 0;
        if (chosen is not null && xLat is not null && sustainable is > 0 && o.BootstrapResamples > 0 && !conservative)
        {
            var est = Bootstrap(chosen, pts, o.BootstrapResamples, seed, c => Combine(LatencyLimit(c)));
            resamples = est.Length;
            if (est.Length >= 20)
            {
                ciLo = est.Quantile(0.025);
                ciHi = est.Quantile(0.975);
            }
        }

        // 6. Quality checks that make the figure uncertain.
        if (n < o.MinSteps)
        {
            conservative = true;
            warnings.Add(F("too few usable steps ({0}, want at least {1}): the fit is weakly determined; the recommendation is conservative", n, o.MinSteps));
        }
        if (chosen is not null && chosen.RSquared < o.NoisyRSquared)
        {
            conservative = true;
            warnings.Add(F("the latency measurements are noisy (best fit R² {0:0.###} < {1:0.##}): the recommendation is conservative", chosen.RSquared, o.NoisyRSquared));
        }
        if (ciLo is { } lo && ciHi is { } hi && sustainable is > 0 && (hi - lo) / sustainable.Value > o.NoisyCiWidth)
        {
            conservative = true;
            warnings.Add(F("the 95 % interval of the sustainable IPI is wide ({0:0.#}–{1:0.#}): too noisy, the recommendation is conservative", lo, hi));
        }

        double? maxRps = rows.Where(r => PassLat(r) && PassErr(r) && double.IsFinite(r.Ipm)).Select(r => (double?)(r.Ipm / 60)).Max();
        return new AnalysisFile
        {
            Slo = slo,
            Curve = chosen?.Curve,
            Candidates = candidates,
            KneeIpm = chosen is null ? null : R(CurveMath.Knee(chosen.Curve, xMaxObs), 2),
            SustainableIpm = R(sustainable, 2),
            SustainableIpmCiLow = R(ciLo, 2),
            SustainableIpmCiHigh = R(ciHi, 2),
            MaxRpsPerInstance = R(maxRps, 3),
            Saturated = saturated,
            StepsUsed = n,
            ErrorOnsetIpm = R(xErr, 2),
            InstanceStartupS = R(startupS, 1),
            InstanceStartupMeasured = startupMeasured,
            Points = rows.Select(r => new AnalysisPoint(r.Row.Step, R(r.Ipm, 3), R(r.Lat, 3), R(r.Err, 6), R(r.Row.OfferedRps, 3), R(r.Row.AchievedRps, 3),
                fitRows.Any(f => f.Row.Step == r.Row.Step))).ToList(),
            Warnings = warnings,
            LatencyColumn = column,
            JudgedPercentile = latencyColumn.JudgedPercentile,
            Arrivals = arrivals,
            SelectionCriterion = chosen is null ? null : corrected ? "aicc" : "aic",
            BootstrapSeed = resamples > 0 ? seed : null,
            BootstrapResamples = resamples,
            LatencyLimitIpm = R(xLat, 2),
            ThroughputLimitIpm = R(xTp, 2),
            ObservedMaxPassingIpm = R(xPassMax, 2),
            SaturationSignals = signals,
            Conservative = conservative || sustainable is null,
        };
    }

    /// <summary>Resamples relative residuals onto the fitted values, refits the same model, and recomputes the sustainable IPI.</summary>
    private static double[] Bootstrap(ModelFit fit, IReadOnlyList<FitPoint> pts, int b, long seed, Func<LatencyCurve, double?> sustainable)
    {
        var rng = new MersenneTwister(unchecked((int)(seed ^ (seed >> 32))));
        var fitted = pts.Select(p => fit.Curve.PredictMs(p.X)).ToArray();
        var rel = pts.Select((p, i) => (p.Y - fitted[i]) / fitted[i]).ToArray();
        var results = new List<double>(b);
        var sample = new FitPoint[pts.Count];
        for (int k = 0; k < b; k++)
        {
            for (int i = 0; i < pts.Count; i++)
            {
                double y = fitted[i] * (1 + rel[rng.Next(rel.Length)]);
                sample[i] = new FitPoint(pts[i].X, Math.Max(y, 1e-6));
            }
            var refit = LatencyModelFitter.Fit(fit.Kind, sample, fit.Curve);
            if (refit is not null && sustainable(refit.Curve) is { } v && double.IsFinite(v)) results.Add(v);
        }
        return results.ToArray();
    }

    /// <summary>
    /// The IPI where errors start for good: the first step (in offered order) from which every later step fails the
    /// error SLO, interpolated linearly on error rate from the last passing step before it.
    /// </summary>
    internal static (double? Limit, List<string> Warnings, bool NeverMet) ErrorLimit(IReadOnlyList<(int Step, double Ipm, double Err)> rows, double maxErr)
    {
        var w = new List<string>();
        var valid = rows.Where(r => double.IsFinite(r.Err) && double.IsFinite(r.Ipm)).ToList();
        int first = -1;
        for (int i = valid.Count - 1; i >= 0 && valid[i].Err > maxErr; i--) first = i;
        foreach (var r in valid.Take(first < 0 ? valid.Count : first).Where(r => r.Err > maxErr))
            w.Add(F("step {0}: error rate {1:0.###%} above the SLO at {2:0.#} IPI, but higher steps met it again (intermittent errors; not treated as the limit)", r.Step, r.Err, r.Ipm));
        if (first < 0) return (null, w, false);
        if (first == 0) return (null, w, true);
        var (bad, good) = (valid[first], valid[first - 1]);
        double x = bad.Ipm <= good.Ipm ? good.Ipm : good.Ipm + (maxErr - good.Err) / (bad.Err - good.Err) * (bad.Ipm - good.Ipm);
        return (x, w, false);
    }

    /// <summary>Startup time measured from DescribeEndpoint samples (desired count rose → current count caught up), else the scenario's, else the default.</summary>
    public static (double Seconds, bool Measured) InstanceStartup(RunInfo run, MetricsFile? metrics, AnalyzerOptions o)
    {
        var samples = metrics?.InstanceCounts.OrderBy(s => s.TimeUtc).ToList() ?? [];
        var measured = new List<double>();
        for (int i = 1; i < samples.Count; i++)
        {
            if (samples[i].Desired <= samples[i - 1].Desired || samples[i].Current >= samples[i].Desired) continue;
            var done = samples.Skip(i + 1).FirstOrDefault(s => s.Current >= samples[i].Desired);
            // The rise happened between the two samples; its midpoint is the least biased guess.
            var t0 = samples[i - 1].TimeUtc + (samples[i].TimeUtc - samples[i - 1].TimeUtc) / 2;
            if (done is not null) measured.Add((done.TimeUtc - t0).TotalSeconds);
        }
        if (measured.Count > 0) return (measured.Median(), true);
        return (run.Recommend?.InstanceStartupS ?? o.DefaultInstanceStartupS, false);
    }

    internal static double R(double v, int digits) => double.IsFinite(v) ? Math.Round(v, digits) : v;
    internal static double? R(double? v, int digits) => v is { } d ? R(d, digits) : null;
    internal static string F(string format, params object?[] args) => string.Format(CultureInfo.InvariantCulture, format, args);
}
