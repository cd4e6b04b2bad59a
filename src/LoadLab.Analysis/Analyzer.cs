using System.Globalization;
using LoadLab.Analysis.Fitting;
using LoadLab.Analysis.Limits;
using LoadLab.Analysis.RunFiles;
using LoadLab.Analysis.Steps;
using LoadLab.Core.Findings;
using LoadLab.Core.RunFiles;
using MathNet.Numerics.Statistics;

namespace LoadLab.Analysis;

/// <summary>
/// From joined steps to <c>analysis.json</c>: fits the SLO-percentile latency against invocations per instance per
/// minute (IPI), picks the model by AICc among those it can judge, finds the knee, detects saturation (throughput
/// flattening, errors, latency over the SLO), computes the highest sustainable IPI (<see cref="LimitFinder"/>) and its
/// 95 % interval over every constraint that can bind (<see cref="SustainableInterval"/>, seeded).
/// Pure: the same inputs give the same record, bit for bit.
/// </summary>
public static class Analyzer
{
    public static AnalysisFile Analyze(RunInfo run, IReadOnlyList<StepRow> steps, MetricsFile? metrics = null,
        AnalyzerOptions? options = null, IReadOnlyList<Finding>? upstreamWarnings = null, IReadOnlyDictionary<int, StepLog>? logs = null)
    {
        var o = (options ?? new AnalyzerOptions()).Validate();
        var warnings = new List<Finding>(upstreamWarnings ?? []);
        var signals = new List<string>();
        var slo = run.Slo;
        if (slo is null)
        {
            slo = new SloInfo(90, 250, 0.01);
            warnings.Add(Finding.Warning(AnalysisCodes.SloAssumed, "run.json has no SLO: assumed p90 ≤ 250 ms and errors ≤ 1 % (the scenario defaults)"));
        }
        var latencyColumn = SloLatencyColumn.Choose(slo.LatencyPercentile, run.Slo?.LatencyPercentile, steps);
        var (column, columnPercentile, pick) = (latencyColumn.Column, latencyColumn.JudgedPercentile, latencyColumn.Pick);
        if (latencyColumn.Warning is { } columnWarning) warnings.Add(Finding.Warning(AnalysisCodes.SloColumnApproximate, columnWarning));
        var (arrivals, arrivalsWarning) = StepArrivals.Of(run);
        if (arrivalsWarning is not null && steps.Count > 0)
            warnings.Add(Finding.Warning(arrivals == StepArrivals.Closed ? AnalysisCodes.ClosedLoopUsers : AnalysisCodes.EvenArrivals, arrivalsWarning));
        bool closed = string.Equals(run.LoadModel, "closed", StringComparison.OrdinalIgnoreCase);
        long seed = o.Seed ?? run.Seed;
        var (startupS, startupMeasured) = InstanceStartup(run, metrics, o);

        // 1. One point per step, in the order load was offered.
        bool assumedOneInstance = false;
        var rows = new List<StepPoint>();
        foreach (var s in steps.OrderBy(s => s.OfferedRps).ThenBy(s => s.Step))
        {
            double ipm = s.InvocationsPerInstancePerMin ?? double.NaN;
            if (!double.IsFinite(ipm) && double.IsFinite(s.AchievedRps))
            {
                ipm = s.AchievedRps * 60 / (s.Instances is > 0 ? s.Instances.Value : 1);
                assumedOneInstance |= s.Instances is not > 0;
            }
            double err = s.Requests > 0 ? (double.IsFinite(s.ErrorRateFraction) ? s.ErrorRateFraction : (double)s.Errors / s.Requests) : double.NaN;
            bool flat = !closed && s.OfferedRps > 0 && double.IsFinite(s.AchievedRps) && s.AchievedRps < o.FlatteningRatio * s.OfferedRps;
            rows.Add(new StepPoint(s, ipm, s.Ok > 0 ? pick(s) : double.NaN, err, flat));
        }
        if (assumedOneInstance)
            warnings.Add(run.Target.Endpoint is null
                // Not a SageMaker endpoint: there are no instance counts to read, and the target is one unit of scale.
                ? Finding.Info(AnalysisCodes.InstancesUnknown, "the target is not a SageMaker endpoint: IPI counts it as 1 instance")
                : Finding.Warning(AnalysisCodes.InstancesUnknown, "instance counts are unknown for some steps (no metrics.json or no instance samples): assumed 1 instance, so IPI may be overstated by the real instance count"));

        // The load generator's own lateness: steps it started late are re-judged on service time, and said to be.
        double latenessBoundMs = o.LatenessBoundFraction * slo.LatencyMs;
        var lateness = LatenessCheck.Apply(rows, logs ?? new Dictionary<int, StepLog>(), columnPercentile, latenessBoundMs);
        rows = [.. lateness.Rows];
        warnings.AddRange(lateness.Warnings);

        // 2. Saturation signals.
        foreach (var r in rows)
        {
            if (r.Flattened)
                signals.Add(F("step {0}: throughput flattened (achieved {1:0.##} of {2:0.##} req/s offered)", r.Step, r.Row.AchievedRps, r.Row.OfferedRps));
            if (double.IsFinite(r.ErrorRate) && r.ErrorRate > slo.MaxErrorRateFraction)
                signals.Add(F("step {0}: error rate {1:0.###%} above the SLO's {2:0.###%}", r.Step, r.ErrorRate, slo.MaxErrorRateFraction));
            if (double.IsFinite(r.LatencyMs) && r.LatencyMs > slo.LatencyMs)
                signals.Add(F("step {0}: {1} {2:0.#} ms above the SLO's {3:0.#} ms", r.Step, column, r.LatencyMs, slo.LatencyMs));
            if (r.Row.Requests == 0) warnings.Add(AnalysisCodes.Step(Severity.Warning, AnalysisCodes.StepEmpty, r.Step, "no request completed; it tells nothing"));
        }

        // 3. Fit and limits.
        var limit = LimitFinder.Find(rows, slo, o);
        warnings.AddRange(FitWarnings(limit, slo, column, o));
        var chosen = limit.Selection.Chosen;
        var pts = limit.FitPoints;
        int n = pts.Count;
        var candidates = limit.Selection.Eligible.Select(f => new FitCandidate(f.Kind, R(f.RSquared, 4), R(f.RmseMs, 3), f.Parameters, R(f.Aicc(n), 3))
        { Chosen = ReferenceEquals(f, chosen), Curve = f.Curve }).ToList();
        double xMaxObs = n > 0 ? pts.Max(p => p.X) : 0;
        warnings.AddRange(limit.ErrorWarnings);
        double? sustainable = limit.Sustainable;
        bool conservative = false;
        if (limit.ErrorSloNeverMet)
            warnings.Add(Finding.Error(AnalysisCodes.ErrorSloNeverMet, "the error rate was above the SLO from the first step: no load meets it (errors are not load-related, or the endpoint is failing)"));
        else if (limit.LowerBound)
        {
            conservative = true;
            warnings.Add(Finding.Warning(AnalysisCodes.Unsaturated, F("the test never saturated the endpoint: every step met the SLO up to {0:0.#} IPI, so the sustainable IPI is at least that (a lower bound); "
                           + "the recommendation is conservative. Extend the steps to a higher rate to find the limit", sustainable)));
        }
        if (sustainable is 0)
            warnings.Add(Finding.Error(AnalysisCodes.SloUnmetAtLowest, "the SLO latency is not met even at the lowest load: no target can meet it"));

        // 4. The 95 % interval over every constraint that can bind.
        var ci = SustainableInterval.Estimate(limit, slo, o, seed, logs ?? new Dictionary<int, StepLog>(), columnPercentile);
        if (ci.Method is null && ci.Note is not null) warnings.Add(Finding.Warning(AnalysisCodes.NoInterval, ci.Note));

        // 5. Quality checks that make the figure uncertain, and what a run would need to settle it.
        var advice = new List<string>();
        double holdS = run.Steps.Count > 0 ? run.Steps.Average(w => (w.EndUtc - w.SteadyStartUtc).TotalSeconds) : 0;
        if (n < o.MinSteps)
        {
            conservative = true;
            warnings.Add(Finding.Warning(AnalysisCodes.TooFewSteps, F("too few usable steps ({0}, want at least {1}): the fit is weakly determined; the recommendation is conservative", n, o.MinSteps)));
            advice.Add(F("run at least {0} more step(s) below the limit ({1} usable now, {2} wanted){3}", o.MinSteps - n, n, o.MinSteps,
                sustainable is > 0 ? F(", spaced about {0:0.#} req/s per instance apart up to {1:0.#}", sustainable.Value / 60 / o.MinSteps, sustainable.Value / 60) : ""));
        }
        // R² compares the fit with a flat line, so on a flat curve (a run that stayed far below the knee) it is low
        // however well the fit follows the steps: there the relative RMSE judges the noise.
        bool flatCurve = n > 0 && pts.Max(p => p.Y) < 1.5 * pts.Min(p => p.Y);
        double relRmse = chosen is null || n == 0 ? 0 : Math.Sqrt(chosen.WeightedRss / n);
        bool noisy = chosen is not null && (flatCurve ? relRmse > o.NoisyRelativeRmse : chosen.RSquared < o.NoisyRSquared);
        if (noisy)
        {
            conservative = true;
            warnings.Add(Finding.Warning(AnalysisCodes.NoisyFit, flatCurve
                ? F("the latency measurements are noisy (the steps scatter {0:0.#%} around a flat fit, more than {1:0.#%}): the recommendation is conservative", relRmse, o.NoisyRelativeRmse)
                : F("the latency measurements are noisy (best fit R² {0:0.###} < {1:0.##}): the recommendation is conservative", chosen!.RSquared, o.NoisyRSquared)));
            if (holdS > 0) advice.Add(F("hold each step at least {0:0} s (now {1:0} s): a step's percentile is noisy in proportion to 1/√hold, so four times the hold halves it", 4 * holdS, holdS));
        }
        if (ci.Low is { } lo && ci.High is { } hi && sustainable is > 0 && (hi - lo) / sustainable.Value > o.NoisyCiWidth)
        {
            conservative = true;
            double width = (hi - lo) / sustainable.Value;
            warnings.Add(Finding.Warning(AnalysisCodes.WideInterval, F("the 95 % interval of the sustainable IPI is wide ({0:0.#}–{1:0.#}, {2:0.#%} of the estimate): too uncertain, the recommendation is conservative", lo, hi, width)));
            if (ci.Method == "step_bracket")
                advice.Add(F("add steps between {0:0.#} and {1:0.#} IPI, at most {2:0.#} IPI apart: the limit lies between two steps {3:0.#} IPI apart", lo, hi, o.NoisyCiWidth * sustainable.Value, hi - lo));
            else if (holdS > 0)
                advice.Add(F("hold each step at least {0:0} s (now {1:0} s): the interval is {2:0.#%} of the estimate and narrows with √hold, so that hold brings it to about {3:0.#%}",
                    Math.Ceiling(holdS * Math.Pow(width / o.NoisyCiWidth, 2)), holdS, width, o.NoisyCiWidth));
        }

        var fitSteps = limit.FitRows.Select(r => r.Step).ToHashSet();
        double? maxRps = rows.Where(r => !r.Flattened && double.IsFinite(r.LatencyMs) && r.LatencyMs <= slo.LatencyMs
                                         && double.IsFinite(r.ErrorRate) && r.ErrorRate <= slo.MaxErrorRateFraction && double.IsFinite(r.Ipm))
            .Select(r => (double?)(r.Ipm / 60)).Max();
        return new AnalysisFile
        {
            Slo = slo,
            Curve = chosen?.Curve,
            Candidates = candidates,
            ModelsRefused = limit.Selection.Refused,
            KneeIpm = chosen is null ? null : R(CurveMath.Knee(chosen.Curve, xMaxObs), 2),
            SustainableIpm = R(sustainable, 2),
            SustainableIpmCiLow = R(ci.Low, 2),
            SustainableIpmCiHigh = R(ci.High, 2),
            SustainableIpmCiMethod = ci.Method,
            SustainableIpmCiNote = ci.Note,
            RunAdvice = advice,
            LateSteps = lateness.Late,
            LatenessBoundMs = R(latenessBoundMs, 3),
            SustainableIsLowerBound = limit.LowerBound,
            BindingConstraint = limit.Binding,
            MaxRpsPerInstance = R(maxRps, 3),
            Saturated = limit.Saturated,
            StepsUsed = n,
            ErrorOnsetIpm = R(limit.ErrorLimitIpm, 2),
            InstanceStartupS = R(startupS, 1),
            InstanceStartupMeasured = startupMeasured,
            Points = rows.Select(r => new AnalysisPoint(r.Step, R(r.Ipm, 3), R(r.LatencyMs, 3), R(r.ErrorRate, 6), R(r.Row.OfferedRps, 3), R(r.Row.AchievedRps, 3),
                fitSteps.Contains(r.Step))).ToList(),
            Warnings = warnings,
            LatencyColumn = column,
            JudgedPercentile = latencyColumn.JudgedPercentile,
            Arrivals = arrivals,
            SelectionCriterion = chosen is null ? null : "aicc",
            BootstrapSeed = ci.Resamples > 0 ? seed : null,
            BootstrapResamples = ci.Resamples,
            LatencyLimitIpm = R(limit.LatencyLimitIpm, 2),
            LatencyLimitMethod = limit.LatencyLimitMethod,
            NearSloMaxResidualFraction = R(limit.NearSloMaxResidual, 4),
            NearSloResidualBoundFraction = o.MaxNearSloResidual,
            FitRangeLowIpm = n > 0 ? R(pts.Min(p => p.X), 3) : null,
            FitRangeHighIpm = n > 0 ? R(xMaxObs, 3) : null,
            ThroughputLimitIpm = R(limit.ThroughputLimitIpm, 2),
            ObservedMaxPassingIpm = R(limit.PassMaxIpm, 2),
            SaturationSignals = signals,
            Conservative = conservative || sustainable is null,
        };
    }

    /// <summary>
    /// What the fit left out and why (per step, info: the routine shape of a ladder past capacity), and where the fit
    /// and the steps disagree (warnings: the limit rests on less than the curve).
    /// </summary>
    private static IEnumerable<Finding> FitWarnings(LimitResult limit, SloInfo slo, string column, AnalyzerOptions o)
    {
        foreach (var r in limit.Rows.Where(r => limit.Outliers.Contains(r.Step)))
            yield return AnalysisCodes.Step(Severity.Info, AnalysisCodes.StepOutlier, r.Step, "over the SLO, but higher loads met it: an outlier, left out of the fit and the limit",
                F("{0} {1:0.#} ms at {2:0.#} IPI", column, r.LatencyMs, r.Ipm));
        foreach (var r in limit.Rows.Where(r => r.Flattened))
            yield return AnalysisCodes.Step(Severity.Info, AnalysisCodes.StepFlattenedLeftOut, r.Step, "left out of the latency fit (throughput flattened: not a steady state)");
        foreach (var r in limit.Rows.Where(r => double.IsFinite(r.ErrorRate) && r.ErrorRate > o.FitMaxErrorRate && double.IsFinite(r.LatencyMs)))
            yield return AnalysisCodes.Step(Severity.Info, AnalysisCodes.StepErrorsLeftOut, r.Step,
                F("left out of the latency fit (more than {0:0.#%} errors: its latency is that of the survivors)", o.FitMaxErrorRate), F("{0:0.#%} errors", r.ErrorRate));
        foreach (var m in limit.Selection.Refused)
            yield return new Finding(Severity.Info, AnalysisCodes.ModelNotEligible, "model not eligible for selection") { Subject = m.Kind, Detail = m.Reason };
        if (limit.Selection.Chosen is null)
            yield return Finding.Warning(AnalysisCodes.NoFit, F("too few usable steps to fit a curve ({0}; at least {1} are needed for AICc to judge the simplest model)", limit.FitPoints.Count,
                ModelSelection.PointsNeeded(LatencyModelFitter.Linear)));
        if (limit.FitRejectedNearSlo)
            yield return Finding.Warning(AnalysisCodes.FitMissesNearSlo, F("the {0} fit misses the steps near the SLO by up to {1:0.#%} (bound {2:0.#%}): it is not used for the limit; the latency limit is {3}",
                limit.Selection.Chosen!.Kind, limit.NearSloMaxResidual, o.MaxNearSloResidual,
                limit.LatencyLimitIpm is { } x ? F("interpolated between the measured steps either side of the SLO ({0:0.#} IPI)", x) : "not reached by any step"));
        if (limit.LatencyLimitMethod == "observed_step")
            yield return Finding.Warning(AnalysisCodes.ObservedStepUsed, F("the fitted curve crosses the SLO above a step observed failing it ({0:0.#} IPI): the observed step is used", limit.LatencyFailMinIpm));
        if (limit.LatencyLimitIpm is { } xl && limit.PassMaxIpm is { } xp && xl < 0.9 * xp)
            yield return Finding.Warning(AnalysisCodes.LatencyLimitNoisy, F("the latency limit ({0:0.#} IPI) is below a step that met the SLO ({1:0.#} IPI): latency is noisy around the SLO", xl, xp));
    }

    /// <summary>
    /// The IPI where errors start for good: the first step (in offered order) from which every later step fails the
    /// error SLO, interpolated linearly on error rate from the last passing step before it.
    /// </summary>
    internal static (double? Limit, List<Finding> Warnings, bool NeverMet) ErrorLimit(IReadOnlyList<(int Step, double Ipm, double Err)> rows, double maxErr)
    {
        var w = new List<Finding>();
        var valid = rows.Where(r => double.IsFinite(r.Err) && double.IsFinite(r.Ipm)).ToList();
        int first = -1;
        for (int i = valid.Count - 1; i >= 0 && valid[i].Err > maxErr; i--) first = i;
        foreach (var r in valid.Take(first < 0 ? valid.Count : first).Where(r => r.Err > maxErr))
            w.Add(AnalysisCodes.Step(Severity.Warning, AnalysisCodes.IntermittentErrors, r.Step, "error rate above the SLO, but higher steps met it again (intermittent errors; not treated as the limit)",
                F("{0:0.###%} errors at {1:0.#} IPI", r.Err, r.Ipm)));
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
