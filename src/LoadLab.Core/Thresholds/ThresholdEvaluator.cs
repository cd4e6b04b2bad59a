using LoadLab.Core.RunFiles;

namespace LoadLab.Core.Thresholds;

/// <summary>
/// What thresholds are checked against: the client-side results of a run (or of the run so far).
/// The engine fills it from its histogram and counters at the end of a run.
/// </summary>
public sealed record ThresholdMetrics
{
    /// <summary>Latency in ms at a percentile in (0, 100]; null when there are no latency samples.</summary>
    public required Func<double, double?> LatencyPercentileMs { get; init; }
    public double? MeanLatencyMs { get; init; }
    public double? MinLatencyMs { get; init; }
    public double? MaxLatencyMs { get; init; }
    /// <summary>Completed requests (successes and failures).</summary>
    public long Requests { get; init; }
    /// <summary>Completed requests that failed (any error class).</summary>
    public long Errors { get; init; }
    /// <summary>Arrivals never sent because the in-flight limit was reached.</summary>
    public long Dropped { get; init; }
    /// <summary>Completed requests per second over the measured time.</summary>
    public double AchievedRps { get; init; }

    /// <summary>Errors / completed requests; null when nothing completed.</summary>
    public double? ErrorRate => Requests > 0 ? (double)Errors / Requests : null;
}

/// <summary>A threshold's verdict, with what was observed (null when there was nothing to observe).</summary>
public sealed record ThresholdOutcome(Threshold Threshold, bool Passed, double? Observed, string Detail)
{
    /// <summary>The <c>run.json</c> form (Observed is NaN when nothing was observed).</summary>
    public ThresholdResult ToResult() => new(Threshold.Expression, Passed, Observed ?? double.NaN, Detail);
}

/// <summary>Pure evaluation of thresholds against <see cref="ThresholdMetrics"/>.</summary>
public static class ThresholdEvaluator
{
    /// <summary>
    /// Evaluates one threshold. A threshold with nothing to observe (no latency samples, no completed requests for
    /// an error rate) fails: a run that measured nothing must not pass silently.
    /// </summary>
    public static ThresholdOutcome Evaluate(Threshold threshold, ThresholdMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(threshold);
        ArgumentNullException.ThrowIfNull(metrics);
        double? observed = threshold.Metric switch
        {
            ThresholdMetric.LatencyPercentile => metrics.LatencyPercentileMs(threshold.Percentile!.Value),
            ThresholdMetric.LatencyAvg => metrics.MeanLatencyMs,
            ThresholdMetric.LatencyMin => metrics.MinLatencyMs,
            ThresholdMetric.LatencyMax => metrics.MaxLatencyMs,
            ThresholdMetric.ErrorRate => metrics.ErrorRate,
            ThresholdMetric.Rps => metrics.AchievedRps,
            ThresholdMetric.Count => metrics.Requests,
            _ => metrics.Dropped,
        };
        var limit = $"{threshold.OperatorText} {threshold.FormatValue(threshold.Value)}";
        if (observed is null || double.IsNaN(observed.Value))
        {
            var what = threshold.Metric == ThresholdMetric.ErrorRate ? "no completed requests" : "no latency samples";
            return new ThresholdOutcome(threshold, false, null, $"{threshold.AggregateName}: {what} (needs {limit})");
        }
        var passed = threshold.IsSatisfiedBy(observed.Value);
        return new ThresholdOutcome(threshold, passed, observed,
            $"{threshold.AggregateName} = {threshold.FormatValue(observed.Value)} ({(passed ? "ok" : "FAILED")}: needs {limit})");
    }

    /// <summary>
    /// For <c>abortOnFail</c> during a run: true when a failed threshold can no longer pass however the run goes on,
    /// because its metric only moves one way (max only grows, min only shrinks, count and dropped only grow).
    /// Percentiles, averages, error rates and rps can still recover, so they never count as final.
    /// </summary>
    public static bool CannotRecover(ThresholdOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        if (outcome.Passed || outcome.Observed is not { } observed) return false;
        var t = outcome.Threshold;
        return (t.Metric, t.Operator) switch
        {
            (ThresholdMetric.LatencyMax, ThresholdOperator.Less or ThresholdOperator.LessOrEqual) => true,
            (ThresholdMetric.LatencyMin, ThresholdOperator.Greater or ThresholdOperator.GreaterOrEqual) => true,
            (ThresholdMetric.Count or ThresholdMetric.Dropped, ThresholdOperator.Less or ThresholdOperator.LessOrEqual) => true,
            // "== n" is lost once the count has passed n.
            (ThresholdMetric.Count or ThresholdMetric.Dropped, ThresholdOperator.Equal) => observed > t.Value,
            _ => false,
        };
    }

    public static IReadOnlyList<ThresholdOutcome> EvaluateAll(IEnumerable<Threshold> thresholds, ThresholdMetrics metrics) =>
        thresholds.Select(t => Evaluate(t, metrics)).ToList();

    /// <summary>Parses a scenario's threshold strings (already validated by the loader) and evaluates them.</summary>
    public static IReadOnlyList<ThresholdOutcome> EvaluateAll(IEnumerable<string> expressions, ThresholdMetrics metrics) =>
        EvaluateAll(expressions.Select(Threshold.Parse), metrics);
}
