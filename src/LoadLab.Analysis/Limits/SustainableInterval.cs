using LoadLab.Analysis.RunFiles;
using LoadLab.Core.RunFiles;
using MathNet.Numerics.Random;
using MathNet.Numerics.Statistics;
using static LoadLab.Analysis.Analyzer;

namespace LoadLab.Analysis.Limits;

/// <summary>The 95 % interval of the sustainable IPI and how it was found.</summary>
public sealed record IntervalEstimate(double? Low, double? High, string? Method, string? Note, int Resamples);

/// <summary>
/// The 95 % interval of the sustainable IPI over every constraint that can bind. Each resample redraws every step
/// from its own requests (<see cref="StepResampler"/>: latency percentile and error rate together; a step without
/// a usable latency.hlog gets its latency from the chosen fit's relative residuals instead) and recomputes the whole
/// limit with <see cref="LimitFinder"/> (curve, its check near the SLO, error limit, throughput ceiling), so the
/// interval moves with whichever constraint binds. When resampling does not move the limit (it sits at a measured
/// step: a throughput ceiling, a step seen failing, errors switching on between two steps), the interval is the
/// bracket of measured steps it lies between, and says so; a zero-width interval is never given for measured data.
/// </summary>
public static class SustainableInterval
{
    /// <summary>An interval narrower than this fraction of the estimate is treated as not moved by resampling.</summary>
    public const double MinRelativeWidth = 0.002;

    public static IntervalEstimate Estimate(LimitResult point, SloInfo slo, AnalyzerOptions o, long seed,
        IReadOnlyDictionary<int, StepLog> logs, double resampledPercentile)
    {
        if (point.Sustainable is not > 0 || point.LowerBound) return new IntervalEstimate(null, null, null, null, 0);
        double s = point.Sustainable.Value;
        var chosen = point.Selection.Chosen;
        var (lo, hi, resamples, fromLogs) = Bootstrap(point, slo, o, seed, logs, resampledPercentile);
        bool atStep = point.Binding == "throughput" || (point.Binding == "latency" && point.LatencyLimitMethod == "observed_step");
        bool moved = lo is { } l && hi is { } h && h - l > MinRelativeWidth * s;
        string how = fromLogs == point.Rows.Count
            ? "each step's requests (one-second blocks of latency.hlog: its latency percentile and error rate together)"
            : fromLogs > 0 ? F("each step's requests ({0} of {1} steps from latency.hlog; the others' latency from the fit's residuals)", fromLogs, point.Rows.Count)
            : point.FitRejectedNearSlo || chosen is null ? "each step's errors binomially from its request count (no usable latency.hlog; latency as measured, as no accepted fit gives residuals)"
            : "each step's latency from the fit's relative residuals (no usable latency.hlog) and its errors binomially from its request count";
        if (moved && !atStep)
            return new IntervalEstimate(lo, hi, "outcome_bootstrap",
                F("{0} resamples of {1}, the limit recomputed on each over latency, error rate and throughput (seed {2})", resamples, how, seed), resamples);

        if (Bracket(point, slo, s) is { } b)
            return new IntervalEstimate(b.Low, b.High, "step_bracket",
                F("the limit lies between step {0} at {1:0.#} IPI (met the SLO) and step {2} at {3:0.#} IPI ({4}); {5}, so those two measured steps are the interval",
                    b.LowStep, b.Low, b.HighStep, b.High, b.Why,
                    atStep ? "the limit is a measured step, not a fitted value" : F("{0} resamples of {1} do not move it", resamples, how)), resamples);
        return new IntervalEstimate(null, null, null,
            "no interval: resampling does not move the limit and no measured step brackets it", resamples);
    }

    private static (double? Lo, double? Hi, int Resamples, int FromLogs) Bootstrap(LimitResult point, SloInfo slo, AnalyzerOptions o, long seed,
        IReadOnlyDictionary<int, StepLog> logs, double percentile)
    {
        var chosen = point.Selection.Chosen;
        if (o.BootstrapResamples == 0) return (null, null, 0, 0);
        var resamplers = point.Rows.ToDictionary(r => r.Step, r => logs.TryGetValue(r.Step, out var log) ? StepResampler.For(log, percentile) : null);
        // Relative residuals of the chosen fit, for steps whose own requests are not in the log.
        var fitted = point.FitPoints.Select(p => chosen?.Curve.PredictMs(p.X) ?? p.Y).ToArray();
        var rel = point.FitPoints.Select((p, i) => (p.Y - fitted[i]) / fitted[i]).ToArray();
        var fitIndex = point.FitRows.Select((r, i) => (r.Step, i)).ToDictionary(x => x.Step, x => x.i);

        var rng = new MersenneTwister(unchecked((int)(seed ^ (seed >> 32))));
        string[] kinds = chosen is null ? [] : [chosen.Kind];
        var results = new List<double>(o.BootstrapResamples);
        var sample = new StepPoint[point.Rows.Count];
        for (int b = 0; b < o.BootstrapResamples; b++)
        {
            for (int i = 0; i < sample.Length; i++)
            {
                var r = point.Rows[i];
                if (resamplers[r.Step] is { } rs)
                {
                    sample[i] = rs.Draw(r, rng);
                    continue;
                }
                sample[i] = r with { ErrorRate = FailureDraw.Fraction(r.ErrorRate, r.Completed, rng) };
                // Residuals of a fit rejected near the SLO would centre the resamples on a curve the limit does not use.
                if (chosen is not null && !point.FitRejectedNearSlo && fitIndex.TryGetValue(r.Step, out var k) && rel.Length > 0)
                    sample[i] = sample[i] with { LatencyMs = Math.Max(1e-6, fitted[k] * (1 + rel[rng.Next(rel.Length)])) };
            }
            var again = LimitFinder.Find(sample, slo, o, kinds, chosen?.Curve);
            if (!again.ErrorSloNeverMet && again.Sustainable is { } v && double.IsFinite(v)) results.Add(v);
        }
        int fromLogs = resamplers.Values.Count(r => r is not null);
        if (results.Count < 20) return (null, null, results.Count, fromLogs);
        return (results.Quantile(0.025), results.Quantile(0.975), results.Count, fromLogs);
    }

    private sealed record StepBracket(int LowStep, double Low, int HighStep, double High, string Why);

    /// <summary>The highest step at or below the limit that met the SLO, and the lowest at or above it that did not.</summary>
    private static StepBracket? Bracket(LimitResult point, SloInfo slo, double s)
    {
        const double eps = 1e-9;
        string? Failure(StepPoint r)
        {
            if (r.Flattened) return "throughput flattened";
            if (double.IsFinite(r.ErrorRate) && r.ErrorRate > slo.MaxErrorRateFraction) return F("{0:0.###%} errors", r.ErrorRate);
            if (double.IsFinite(r.LatencyMs) && r.LatencyMs > slo.LatencyMs && !point.Outliers.Contains(r.Step)) return F("latency {0:0.#} ms over the SLO", r.LatencyMs);
            return null;
        }
        var valid = point.Rows.Where(r => double.IsFinite(r.Ipm)).ToList();
        var below = valid.Where(r => Failure(r) is null && double.IsFinite(r.LatencyMs) && r.Ipm <= s * (1 + eps)).OrderByDescending(r => r.Ipm).FirstOrDefault();
        var above = valid.Where(r => Failure(r) is not null && r.Ipm >= s * (1 - eps)).OrderBy(r => r.Ipm).FirstOrDefault();
        if (below.Row is null || above.Row is null || !(above.Ipm > below.Ipm)) return null;
        return new StepBracket(below.Step, below.Ipm, above.Step, above.Ipm, Failure(above)!);
    }
}
