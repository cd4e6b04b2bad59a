using LoadLab.Core.AwsApi;
using LoadLab.Core.RunFiles;
using static LoadLab.Analysis.Analyzer;

namespace LoadLab.Analysis.Recommend;

/// <summary>The recommender's optional extras: the step policy (and its alarm) for spikes, and the daily scheduled actions. Pure.</summary>
internal static class SpikeAndSchedule
{
    private const string SageMakerNamespace = Recommender.SageMakerNamespace;

    /// <summary>
    /// A step policy triggered by one minute at or above the sustainable IPI. Step bounds are relative to that
    /// threshold; each step's percentage brings the per-instance rate at the step's lower bound back to the target.
    /// </summary>
    internal static (PutScalingPolicyRequest, PutMetricAlarmRequest) StepPolicy(RecommenderOptions o, string endpoint, string variant,
        string resourceId, double threshold, double target, int cooldown)
    {
        string name = $"{o.NamePrefix}-spike-step";
        double t = Math.Round(threshold, 1);
        double b1 = Math.Round(0.25 * t, 1), b2 = Math.Round(0.5 * t, 1);
        int Pct(double lower) => Math.Max(10, (int)Math.Ceiling(((t + lower) / target - 1) * 100));
        var policy = new PutScalingPolicyRequest
        {
            PolicyName = name,
            ResourceId = resourceId,
            PolicyType = PolicyTypes.StepScaling,
            StepScalingPolicyConfiguration = new StepScalingPolicyConfiguration
            {
                AdjustmentType = AdjustmentTypes.PercentChangeInCapacity,
                MinAdjustmentMagnitude = 1,
                Cooldown = cooldown,
                MetricAggregationType = "Maximum",
                StepAdjustments =
                [
                    new StepAdjustment { MetricIntervalLowerBound = 0, MetricIntervalUpperBound = b1, ScalingAdjustment = Pct(0) },
                    new StepAdjustment { MetricIntervalLowerBound = b1, MetricIntervalUpperBound = b2, ScalingAdjustment = Pct(b1) },
                    new StepAdjustment { MetricIntervalLowerBound = b2, ScalingAdjustment = Pct(b2) },
                ],
            },
        };
        var alarm = new PutMetricAlarmRequest
        {
            AlarmName = $"{o.NamePrefix}-{endpoint}-{variant}-spike",
            AlarmDescription = F("LoadLab: invocations per instance at or above the sustainable {0:0.#}/min; triggers step policy {1}.", t, name),
            ActionsEnabled = true,
            AlarmActions = [RecommendationFile.PolicyArnPlaceholderPrefix + name],
            Namespace = SageMakerNamespace,
            MetricName = "InvocationsPerInstance",
            Dimensions = ScalingConstants.VariantDimensions(endpoint, variant),
            Statistic = "Sum",
            Period = 60,
            EvaluationPeriods = 1,
            DatapointsToAlarm = 1,
            Threshold = t,
            ComparisonOperator = "GreaterThanOrEqualToThreshold",
            TreatMissingData = "notBreaching",
        };
        return (policy, alarm);
    }

    /// <summary>Raise MinCapacity an hour before the daily busy block starts and lower it an hour after it ends (UTC, cron).</summary>
    internal static IEnumerable<PutScheduledActionRequest> DailySchedule(RecommenderOptions o, string resourceId, IReadOnlyList<double> hourly,
        double rpsAtTarget, int min, int max, List<string> rationale)
    {
        var need = hourly.Select(r => (int)Math.Ceiling(r / rpsAtTarget - 1e-9)).ToArray();
        int lo = need.Min(), hi = need.Max();
        if (hi <= min || hi - lo < 2) yield break; // MinCapacity already covers the busy hours, or the swing is too small to schedule
        double mid = (lo + hi) / 2.0;
        var busy = need.Select(n => n >= mid).ToArray();
        int start = Enumerable.Range(0, 24).FirstOrDefault(h => busy[h] && !busy[(h + 23) % 24], -1);
        int end = Enumerable.Range(0, 24).FirstOrDefault(h => !busy[h] && busy[(h + 23) % 24], -1);
        if (start < 0 || end < 0) yield break;
        int raiseAt = (start + 23) % 24;
        int busyMin = Math.Min(max, Math.Max(min, (int)Math.Ceiling(mid)));
        rationale.Add(F("Daily pattern: traffic needs {0}–{1} instances by hour; MinCapacity goes to {2} at {3:00}:00 UTC (an hour before the busy hours from {4:00}:00) and back to {5} at {6:00}:00 UTC, so the morning ramp never waits for startup.",
            lo, hi, busyMin, raiseAt, start, min, end));
        yield return new PutScheduledActionRequest
        {
            ScheduledActionName = $"{o.NamePrefix}-daily-raise-min",
            ResourceId = resourceId,
            Schedule = $"cron(0 {raiseAt} * * ? *)",
            ScalableTargetAction = new ScalableTargetAction { MinCapacity = busyMin, MaxCapacity = max },
        };
        yield return new PutScheduledActionRequest
        {
            ScheduledActionName = $"{o.NamePrefix}-daily-lower-min",
            ResourceId = resourceId,
            Schedule = $"cron(0 {end} * * ? *)",
            ScalableTargetAction = new ScalableTargetAction { MinCapacity = min, MaxCapacity = max },
        };
    }
}
