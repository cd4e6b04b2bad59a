
namespace LoadLab.Core.AwsApi.Validation;

/// <summary>PutScalingPolicy: target tracking and step scaling, their steps and cooldowns.</summary>
public static partial class ScalingRequestValidator
{
    private static void CheckPolicy(Collector c, PutScalingPolicyRequest r, string path)
    {
        CheckPrintableName(c, $"{path}.PolicyName", r.PolicyName, AwsScalingLimits.MaxNameLength);
        CheckResource(c, path, r.ServiceNamespace, r.ResourceId, r.ScalableDimension);
        var tt = r.TargetTrackingScalingPolicyConfiguration;
        var step = r.StepScalingPolicyConfiguration;
        switch (r.PolicyType)
        {
            case PolicyTypes.TargetTrackingScaling:
                if (step is not null) c.Add($"{path}.StepScalingPolicyConfiguration", "must be absent for a TargetTrackingScaling policy");
                if (tt is null) c.Add($"{path}.TargetTrackingScalingPolicyConfiguration", "is required for a TargetTrackingScaling policy");
                else CheckTargetTracking(c, tt, r.ServiceNamespace, $"{path}.TargetTrackingScalingPolicyConfiguration");
                break;
            case PolicyTypes.StepScaling:
                if (tt is not null) c.Add($"{path}.TargetTrackingScalingPolicyConfiguration", "must be absent for a StepScaling policy");
                if (step is null) c.Add($"{path}.StepScalingPolicyConfiguration", "is required for a StepScaling policy");
                else CheckStepConfig(c, step, $"{path}.StepScalingPolicyConfiguration");
                break;
            default:
                c.Add($"{path}.PolicyType", $"must be TargetTrackingScaling or StepScaling, got '{r.PolicyType}'");
                break;
        }
    }

    private static void CheckTargetTracking(Collector c, TargetTrackingScalingPolicyConfiguration t, string ns, string path)
    {
        var v = t.TargetValue;
        if (double.IsNaN(v) || double.IsInfinity(v) || v <= 0)
            c.Add($"{path}.TargetValue", $"must be a number greater than 0, got {Fmt(v)}");
        else if (v < AwsScalingLimits.MinTargetValue || v > AwsScalingLimits.MaxTargetValue)
            c.Add($"{path}.TargetValue", $"must lie within {Fmt(AwsScalingLimits.MinTargetValue)} .. {Fmt(AwsScalingLimits.MaxTargetValue)}, got {Fmt(v)}");
        CheckCooldown(c, $"{path}.ScaleOutCooldown", t.ScaleOutCooldown);
        CheckCooldown(c, $"{path}.ScaleInCooldown", t.ScaleInCooldown);

        var pre = t.PredefinedMetricSpecification;
        var cust = t.CustomizedMetricSpecification;
        if ((pre is null) == (cust is null))
            c.Add(path, "needs exactly one of PredefinedMetricSpecification and CustomizedMetricSpecification");
        if (pre is not null)
        {
            var p = $"{path}.PredefinedMetricSpecification";
            if (string.IsNullOrEmpty(pre.PredefinedMetricType)) c.Add($"{p}.PredefinedMetricType", "is required");
            else if (ns == ScalingConstants.SageMakerNamespace && !AwsScalingLimits.SageMakerPredefinedMetrics.Contains(pre.PredefinedMetricType))
                c.Add($"{p}.PredefinedMetricType", $"'{pre.PredefinedMetricType}' is not a SageMaker predefined metric (valid: {string.Join(", ", AwsScalingLimits.SageMakerPredefinedMetrics.Order())})");
            if (pre.ResourceLabel is not null && pre.PredefinedMetricType != "ALBRequestCountPerTarget")
                c.Add($"{p}.ResourceLabel", "is allowed only with the ALBRequestCountPerTarget metric");
        }
        if (cust is not null)
        {
            var p = $"{path}.CustomizedMetricSpecification";
            if (string.IsNullOrEmpty(cust.MetricName)) c.Add($"{p}.MetricName", "is required");
            if (string.IsNullOrEmpty(cust.Namespace)) c.Add($"{p}.Namespace", "is required");
            if (string.IsNullOrEmpty(cust.Statistic)) c.Add($"{p}.Statistic", "is required");
            else if (!AwsScalingLimits.MetricStatistics.Contains(cust.Statistic))
                c.Add($"{p}.Statistic", $"must be one of {string.Join(", ", AwsScalingLimits.MetricStatistics)}, got '{cust.Statistic}' (percentiles are not allowed in target tracking)");
            CheckDimensions(c, $"{p}.Dimensions", cust.Dimensions);
        }
    }

    private static void CheckStepConfig(Collector c, StepScalingPolicyConfiguration s, string path)
    {
        if (string.IsNullOrEmpty(s.AdjustmentType)) c.Add($"{path}.AdjustmentType", "is required for a new step scaling policy");
        else if (!AwsScalingLimits.AdjustmentTypeValues.Contains(s.AdjustmentType))
            c.Add($"{path}.AdjustmentType", $"must be one of {string.Join(", ", AwsScalingLimits.AdjustmentTypeValues)}, got '{s.AdjustmentType}'");
        if (s.MinAdjustmentMagnitude is { } mag)
        {
            if (s.AdjustmentType != AdjustmentTypes.PercentChangeInCapacity)
                c.Add($"{path}.MinAdjustmentMagnitude", "is allowed only with AdjustmentType PercentChangeInCapacity");
            else if (mag < 1) c.Add($"{path}.MinAdjustmentMagnitude", $"must be at least 1, got {mag}");
        }
        CheckCooldown(c, $"{path}.Cooldown", s.Cooldown);
        if (s.MetricAggregationType is { } agg && !AwsScalingLimits.MetricAggregationTypes.Contains(agg))
            c.Add($"{path}.MetricAggregationType", $"must be Average, Minimum or Maximum, got '{agg}'");
        if (s.StepAdjustments is null || s.StepAdjustments.Count == 0)
            c.Add($"{path}.StepAdjustments", "needs at least one step adjustment");
        else
        {
            CheckSteps(c, s.StepAdjustments, $"{path}.StepAdjustments");
            if (s.AdjustmentType == AdjustmentTypes.ExactCapacity)
                for (var i = 0; i < s.StepAdjustments.Count; i++)
                    if (s.StepAdjustments[i].ScalingAdjustment < 0)
                        c.Add($"{path}.StepAdjustments[{i}].ScalingAdjustment", $"must be 0 or more with ExactCapacity, got {s.StepAdjustments[i].ScalingAdjustment}");
        }
    }

    private static void CheckSteps(Collector c, IReadOnlyList<StepAdjustment> steps, string path)
    {
        var ok = true;
        for (var i = 0; i < steps.Count; i++)
        {
            var s = steps[i];
            var p = $"{path}[{i}]";
            if (s.MetricIntervalLowerBound is null && s.MetricIntervalUpperBound is null)
            { c.Add(p, "MetricIntervalLowerBound and MetricIntervalUpperBound cannot both be open (null) in one step"); ok = false; }
            if (s.MetricIntervalLowerBound is { } lo && s.MetricIntervalUpperBound is { } hi && lo >= hi)
            { c.Add(p, $"MetricIntervalLowerBound ({Fmt(lo)}) must be less than MetricIntervalUpperBound ({Fmt(hi)})"); ok = false; }
            if (s.MetricIntervalLowerBound is { } l && !double.IsFinite(l)) { c.Add($"{p}.MetricIntervalLowerBound", "must be a finite number or null"); ok = false; }
            if (s.MetricIntervalUpperBound is { } u && !double.IsFinite(u)) { c.Add($"{p}.MetricIntervalUpperBound", "must be a finite number or null"); ok = false; }
        }
        var openLow = steps.Count(s => s.MetricIntervalLowerBound is null);
        var openHigh = steps.Count(s => s.MetricIntervalUpperBound is null);
        if (openLow > 1) { c.Add(path, $"only one step may have an open lower bound (null = -infinity), {openLow} do"); ok = false; }
        if (openHigh > 1) { c.Add(path, $"only one step may have an open upper bound (null = +infinity), {openHigh} do"); ok = false; }
        if (openLow == 0 && steps.Any(s => s.MetricIntervalLowerBound < 0))
            c.Add(path, "a step has a negative lower bound, so one step must have an open lower bound (null = -infinity)");
        if (openHigh == 0 && steps.Any(s => s.MetricIntervalUpperBound > 0))
            c.Add(path, "a step has a positive upper bound, so one step must have an open upper bound (null = +infinity)");
        if (!ok) return;

        // Contiguity: sorted by lower bound (open first), each step must start where the previous ended.
        var order = steps.Select((s, i) => (s, i))
            .OrderBy(x => x.s.MetricIntervalLowerBound ?? double.NegativeInfinity).ToList();
        for (var k = 1; k < order.Count; k++)
        {
            var prev = order[k - 1];
            var next = order[k];
            var prevHi = prev.s.MetricIntervalUpperBound ?? double.PositiveInfinity;
            var nextLo = next.s.MetricIntervalLowerBound ?? double.NegativeInfinity;
            if (nextLo < prevHi)
                c.Add(path, $"steps [{prev.i}] and [{next.i}] overlap: [{Bound(prev.s.MetricIntervalLowerBound, true)}, {Bound(prev.s.MetricIntervalUpperBound, false)}) and [{Bound(next.s.MetricIntervalLowerBound, true)}, {Bound(next.s.MetricIntervalUpperBound, false)})");
            else if (nextLo > prevHi)
                c.Add(path, $"gap between steps [{prev.i}] and [{next.i}]: nothing covers {Fmt(prevHi)} .. {Fmt(nextLo)}");
        }
    }

    private static void CheckCooldown(Collector c, string path, int? seconds)
    {
        if (seconds is { } s && (s < 0 || s > AwsScalingLimits.MaxCooldownSeconds))
            c.Add(path, $"must be between 0 and {AwsScalingLimits.MaxCooldownSeconds} seconds, got {s}");
    }

    private static string Bound(double? v, bool lower) => v is { } x ? Fmt(x) : lower ? "-inf" : "+inf";
}
