using HdrHistogram;
using LoadLab.Compare.Loading;
using LoadLab.Compare.Model;
using LoadLab.Compare.Statistics;
using LoadLab.Compare.Thresholds;

namespace LoadLab.Compare;

/// <summary>
/// Judges one threshold in every scope it applies to. A check is a regression when the run breaks the limit set by
/// the baseline AND the difference is significant: for latency the U test on the two histograms, for errors the
/// two-proportion z test, each one-sided at the significance level; for the sustainable load, the two analyses'
/// 95 % confidence intervals do not overlap (or, when a side has no interval, the point estimates alone decide and
/// the check says so).
/// </summary>
internal static class ThresholdJudge
{
    public static ThresholdOutcome Judge(RegressionThreshold t, RunSnapshot baseline, RunSnapshot run,
        IReadOnlyList<StepComparison> steps, ScopeComparison overall, double alpha)
    {
        var checks = new List<ThresholdCheck>();
        if (t.PerStep)
        {
            for (int i = 0; i < steps.Count; i++)
                checks.Add(Scoped(t, baseline.Steps[i].Sample, run.Steps[i].Sample, steps[i].Latency, alpha,
                    $"step {steps[i].Step}", steps[i].Step));
            checks.Add(Scoped(t, baseline.Overall, run.Overall, overall, alpha, "overall", null));
        }
        else checks.Add(Sustainable(t, baseline, run));
        return new ThresholdOutcome(t.Expression, t.MetricName, checks.Any(c => c.Regression), checks);
    }

    private static ThresholdCheck Scoped(RegressionThreshold t, SideSample b, SideSample r, ScopeComparison scope,
        double alpha, string name, int? step)
    {
        double? bv, rv, p;
        if (t.Metric == RegressionMetric.ErrorRate)
        {
            (bv, rv) = (b.ErrorRateFraction, r.ErrorRateFraction);
            p = b.Completed == 0 || r.Completed == 0 ? null : ProportionTest.RunHigherPValue(b.Errors, b.Completed, r.Errors, r.Completed);
        }
        else
        {
            bv = Latency(t, b);
            rv = Latency(t, r);
            p = double.IsNaN(scope.LatencyTest.PValue) ? null : scope.LatencyTest.PValue;
        }
        if (bv is null || rv is null || p is null)
            return Unjudged(t, name, step, bv, rv, "a side has no completed request in this scope");
        var limit = t.Limit(bv.Value);
        var holds = t.Holds(rv.Value, limit);
        var significant = p.Value < alpha;
        return new ThresholdCheck
        {
            Scope = name, Step = step, Unit = t.Unit, Judged = true, Holds = holds, PValue = p, Significant = significant, Regression = !holds && significant,
            Note = !holds && !significant ? "broken, but the difference is not significant" : null,
        }.WithValues(bv, limit, rv);
    }

    private static double? Latency(RegressionThreshold t, SideSample s) =>
        s.OkLatencyUs.TotalCount == 0 ? null
        : t.Metric == RegressionMetric.LatencyAvg ? s.OkLatencyUs.GetMean() / 1000.0
        : s.OkLatencyUs.GetValueAtPercentile(t.Percentile!.Value) / 1000.0;

    private static ThresholdCheck Sustainable(RegressionThreshold t, RunSnapshot baseline, RunSnapshot run)
    {
        var (b, r) = (baseline.Analysis, run.Analysis);
        if (b?.SustainableIpm is not { } bv || r?.SustainableIpm is not { } rv)
            return Unjudged(t, "overall", null, b?.SustainableIpm, r?.SustainableIpm,
                $"no sustainable load in {(b?.SustainableIpm is null ? "the baseline's" : "the run's")} analysis.json (run 'loadlab analyze' on it)");
        var limit = t.Limit(bv);
        var holds = t.Holds(rv, limit);
        var intervals = r.SustainableIpmCiHigh is { } runHigh && b.SustainableIpmCiLow is { } baseLow;
        var significant = !intervals || r.SustainableIpmCiHigh < b.SustainableIpmCiLow;
        string? note = !intervals ? "no confidence interval on a side: judged on the point estimates alone"
            : !holds && !significant ? "broken, but the 95 % confidence intervals overlap" : null;
        return new ThresholdCheck
        {
            Scope = "overall", Unit = t.Unit, Judged = true,
            Holds = holds, Significant = significant, Regression = !holds && significant, Note = note,
        }.WithValues(bv, limit, rv);
    }

    private static ThresholdCheck Unjudged(RegressionThreshold t, string name, int? step, double? bv, double? rv, string why) => new ThresholdCheck
    {
        Scope = name, Step = step, Unit = t.Unit,
        Judged = false, Holds = true, Significant = false, Regression = false, Note = $"not judged: {why}",
    }.WithValues(bv, null, rv);
}
