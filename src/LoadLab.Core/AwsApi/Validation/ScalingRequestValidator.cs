using System.Globalization;
using System.Text.RegularExpressions;
using LoadLab.Core.Errors;
using LoadLab.Core.RunFiles;
using LoadLab.Core.Scheduling;

namespace LoadLab.Core.AwsApi.Validation;

/// <summary>
/// Checks Application Auto Scaling and CloudWatch alarm requests against AWS's own rules, before anything is sent.
/// Pure: no I/O, no clock. Every problem is reported (not just the first), each naming the field by its JSON path
/// in recommendation.json (e.g. <c>PutScalingPolicy[0].TargetTrackingScalingPolicyConfiguration.TargetValue</c>).
/// Stricter than moto on purpose: moto accepts MinCapacity &gt; MaxCapacity, overlapping steps and bad schedules.
/// </summary>
public static partial class ScalingRequestValidator
{
    /// <summary>Validates a whole recommendation: each request, then the cross-request rules.</summary>
    public static IReadOnlyList<Problem> Validate(RecommendationFile file, string source) =>
        Validate(file.RegisterScalableTarget, file.PutScalingPolicy, file.PutMetricAlarm, file.PutScheduledAction, source);

    /// <summary>
    /// Validates one scaling configuration: the target, its policies, the alarms its step policies need and its
    /// scheduled actions. Cross-request rules: one resource throughout, unique names, every step policy has an
    /// alarm whose action is that policy, alarms only point at step policies of this set.
    /// </summary>
    public static IReadOnlyList<Problem> Validate(
        RegisterScalableTargetRequest? target,
        IReadOnlyList<PutScalingPolicyRequest> policies,
        IReadOnlyList<PutMetricAlarmRequest> alarms,
        IReadOnlyList<PutScheduledActionRequest> scheduledActions,
        string source)
    {
        var c = new Collector(source);
        if (target is null) c.Add("RegisterScalableTarget", "is required");
        else CheckTarget(c, target, "RegisterScalableTarget");

        for (var i = 0; i < policies.Count; i++)
        {
            var path = $"PutScalingPolicy[{i}]";
            CheckPolicy(c, policies[i], path);
            if (target is not null) CheckSameResource(c, path, policies[i].ServiceNamespace, policies[i].ResourceId, policies[i].ScalableDimension, target);
        }
        for (var i = 0; i < alarms.Count; i++) CheckAlarm(c, alarms[i], $"PutMetricAlarm[{i}]");
        for (var i = 0; i < scheduledActions.Count; i++)
        {
            var path = $"PutScheduledAction[{i}]";
            CheckScheduledAction(c, scheduledActions[i], path);
            if (target is not null) CheckSameResource(c, path, scheduledActions[i].ServiceNamespace, scheduledActions[i].ResourceId, scheduledActions[i].ScalableDimension, target);
        }

        CheckUnique(c, policies.Select(p => p.PolicyName).ToList(), "PutScalingPolicy", "PolicyName", "policy");
        CheckUnique(c, alarms.Select(a => a.AlarmName).ToList(), "PutMetricAlarm", "AlarmName", "alarm");
        CheckUnique(c, scheduledActions.Select(a => a.ScheduledActionName).ToList(), "PutScheduledAction", "ScheduledActionName", "scheduled action");
        CheckAlarmWiring(c, policies, alarms);
        return c.Problems;
    }

    public static IReadOnlyList<Problem> ValidateTarget(RegisterScalableTargetRequest request, string source, string path = "RegisterScalableTarget")
    {
        var c = new Collector(source);
        CheckTarget(c, request, path);
        return c.Problems;
    }

    public static IReadOnlyList<Problem> ValidatePolicy(PutScalingPolicyRequest request, string source, string path = "PutScalingPolicy")
    {
        var c = new Collector(source);
        CheckPolicy(c, request, path);
        return c.Problems;
    }

    public static IReadOnlyList<Problem> ValidateScheduledAction(PutScheduledActionRequest request, string source, string path = "PutScheduledAction")
    {
        var c = new Collector(source);
        CheckScheduledAction(c, request, path);
        return c.Problems;
    }

    public static IReadOnlyList<Problem> ValidateAlarm(PutMetricAlarmRequest request, string source, string path = "PutMetricAlarm")
    {
        var c = new Collector(source);
        CheckAlarm(c, request, path);
        return c.Problems;
    }

    /// <summary>AWS's step rules: no gap, no overlap, lower &lt; upper, at most one open end each way, and an open end wherever bounds cross it.</summary>
    public static IReadOnlyList<Problem> ValidateStepAdjustments(IReadOnlyList<StepAdjustment> steps, string source, string path = "StepAdjustments")
    {
        var c = new Collector(source);
        CheckSteps(c, steps, path);
        return c.Problems;
    }

    /// <summary>The lowest MinCapacity AWS accepts for a dimension: 0 only for inference components (scale to zero).</summary>
    public static int MinimumCapacityFloor(string? scalableDimension) =>
        scalableDimension == AwsScalingLimits.InferenceComponentDimension ? 0 : 1;

    // ---- single requests -------------------------------------------------------------------------------------

    private static void CheckTarget(Collector c, RegisterScalableTargetRequest r, string path)
    {
        CheckResource(c, path, r.ServiceNamespace, r.ResourceId, r.ScalableDimension);
        var floor = MinimumCapacityFloor(r.ScalableDimension);
        if (r.MinCapacity is null) c.Add($"{path}.MinCapacity", "is required when registering a scalable target");
        else if (r.MinCapacity < floor)
            c.Add($"{path}.MinCapacity", floor == 1
                ? $"must be at least 1 for {r.ScalableDimension} (0 is allowed only for inference components), got {r.MinCapacity}"
                : $"must be at least 0, got {r.MinCapacity}");
        if (r.MaxCapacity is null) c.Add($"{path}.MaxCapacity", "is required when registering a scalable target");
        else if (r.MaxCapacity < 1)
            c.Add($"{path}.MaxCapacity", $"must be at least 1, got {r.MaxCapacity}");
        if (r.MinCapacity is { } min && r.MaxCapacity is { } max && min > max)
            c.Add($"{path}.MaxCapacity", $"MinCapacity ({min}) must not exceed MaxCapacity ({max})");
        if (r.RoleARN is { } role && !role.StartsWith("arn:", StringComparison.Ordinal))
            c.Add($"{path}.RoleARN", $"must be an ARN (arn:...), got '{role}'");
    }

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

    private static void CheckScheduledAction(Collector c, PutScheduledActionRequest r, string path)
    {
        CheckScheduledActionName(c, $"{path}.ScheduledActionName", r.ScheduledActionName);
        CheckResource(c, path, r.ServiceNamespace, r.ResourceId, r.ScalableDimension);
        if (string.IsNullOrWhiteSpace(r.Schedule)) c.Add($"{path}.Schedule", "is required (at(...), rate(...) or cron(...))");
        else if (r.Schedule.Length > AwsScalingLimits.MaxResourceIdLength) c.Add($"{path}.Schedule", $"is longer than {AwsScalingLimits.MaxResourceIdLength} characters");
        else if (ScheduleCheck(r.Schedule) is { } why) c.Add($"{path}.Schedule", why);
        if (r.Timezone is { } tz)
        {
            if (tz.Length == 0 || tz.Length > AwsScalingLimits.MaxResourceIdLength || !ScheduleExpression.TryResolveTimeZone(tz, out _, out _))
                c.Add($"{path}.Timezone", $"'{tz}' is not an IANA time zone name (e.g. Europe/Berlin, Etc/GMT+9)");
            else if (r.Schedule?.TrimStart().StartsWith("rate(", StringComparison.Ordinal) == true)
                c.Add($"{path}.Timezone", "applies only to at(...) and cron(...) schedules, not rate(...)");
        }
        if (r.StartTime is { } start && r.EndTime is { } end && start >= end)
            c.Add($"{path}.EndTime", $"must be after StartTime ({start:O} >= {end:O})");
        var a = r.ScalableTargetAction;
        if (a is null || (a.MinCapacity is null && a.MaxCapacity is null))
            c.Add($"{path}.ScalableTargetAction", "needs MinCapacity, MaxCapacity or both");
        else
        {
            var floor = MinimumCapacityFloor(r.ScalableDimension);
            if (a.MinCapacity < floor) c.Add($"{path}.ScalableTargetAction.MinCapacity", $"must be at least {floor} for {r.ScalableDimension}, got {a.MinCapacity}");
            if (a.MaxCapacity < floor) c.Add($"{path}.ScalableTargetAction.MaxCapacity", $"must be at least {floor}, got {a.MaxCapacity}");
            if (a.MinCapacity is { } min && a.MaxCapacity is { } max && min > max)
                c.Add($"{path}.ScalableTargetAction.MaxCapacity", $"MinCapacity ({min}) must not exceed MaxCapacity ({max})");
        }
    }

    private static void CheckAlarm(Collector c, PutMetricAlarmRequest r, string path)
    {
        CheckPrintableName(c, $"{path}.AlarmName", r.AlarmName, AwsScalingLimits.MaxAlarmNameLength);
        if (r.AlarmDescription is { Length: > 1024 }) c.Add($"{path}.AlarmDescription", "is longer than 1024 characters");
        if (string.IsNullOrEmpty(r.MetricName)) c.Add($"{path}.MetricName", "is required");
        else if (r.MetricName.Length > 255) c.Add($"{path}.MetricName", "is longer than 255 characters");
        if (string.IsNullOrEmpty(r.Namespace)) c.Add($"{path}.Namespace", "is required");
        else if (r.Namespace.Length > 255 || r.Namespace.StartsWith(':')) c.Add($"{path}.Namespace", $"'{r.Namespace}' is not a valid namespace (1..255 characters, not starting with ':')");
        var hasStat = !string.IsNullOrEmpty(r.Statistic);
        var hasExt = !string.IsNullOrEmpty(r.ExtendedStatistic);
        if (hasStat == hasExt) c.Add(path, "needs exactly one of Statistic and ExtendedStatistic");
        if (hasStat && !AwsScalingLimits.MetricStatistics.Contains(r.Statistic!))
            c.Add($"{path}.Statistic", $"must be one of {string.Join(", ", AwsScalingLimits.MetricStatistics)}, got '{r.Statistic}' (percentiles go in ExtendedStatistic)");
        if (hasExt && !ExtendedStatisticRegex().IsMatch(r.ExtendedStatistic!))
            c.Add($"{path}.ExtendedStatistic", $"'{r.ExtendedStatistic}' is not a CloudWatch extended statistic (e.g. p90, p99.9, tm90)");
        CheckDimensions(c, $"{path}.Dimensions", r.Dimensions);

        if (r.Period is null) c.Add($"{path}.Period", "is required for a static-threshold alarm");
        else if (r.Period is not (10 or 20 or 30) && (r.Period <= 0 || r.Period % 60 != 0))
            c.Add($"{path}.Period", $"must be 10, 20, 30 or a multiple of 60 seconds, got {r.Period}");
        if (r.EvaluationPeriods < 1) c.Add($"{path}.EvaluationPeriods", $"must be at least 1, got {r.EvaluationPeriods}");
        if (r.DatapointsToAlarm is { } m && (m < 1 || m > r.EvaluationPeriods))
            c.Add($"{path}.DatapointsToAlarm", $"must be between 1 and EvaluationPeriods ({r.EvaluationPeriods}), got {m}");
        if (r.Period is > 0 and var period && r.EvaluationPeriods >= 1)
        {
            var total = (long)period * r.EvaluationPeriods;
            var cap = period < 3600 ? AwsScalingLimits.MaxEvaluationSecondsShortPeriod : AwsScalingLimits.MaxEvaluationSecondsLongPeriod;
            if (total > cap)
                c.Add($"{path}.EvaluationPeriods", $"Period × EvaluationPeriods = {total} s exceeds AWS's limit of {cap} s for this period");
        }
        if (r.Threshold is null) c.Add($"{path}.Threshold", "is required for a static-threshold alarm");
        else if (!double.IsFinite(r.Threshold.Value)) c.Add($"{path}.Threshold", "must be a finite number");
        if (!AwsScalingLimits.StaticComparisonOperators.Contains(r.ComparisonOperator))
            c.Add($"{path}.ComparisonOperator", $"must be one of {string.Join(", ", AwsScalingLimits.StaticComparisonOperators)}, got '{r.ComparisonOperator}'");
        if (r.TreatMissingData is { } tmd && !AwsScalingLimits.TreatMissingDataValues.Contains(tmd))
            c.Add($"{path}.TreatMissingData", $"must be breaching, notBreaching, ignore or missing, got '{tmd}'");
        CheckActions(c, $"{path}.AlarmActions", r.AlarmActions);
        CheckActions(c, $"{path}.OKActions", r.OKActions);
    }

    // ---- cross-request rules -----------------------------------------------------------------------------------

    private static void CheckSameResource(Collector c, string path, string ns, string resourceId, string dimension, RegisterScalableTargetRequest t)
    {
        if (ns != t.ServiceNamespace || resourceId != t.ResourceId || dimension != t.ScalableDimension)
            c.Add($"{path}.ResourceId", $"'{ns}/{resourceId}/{dimension}' is not the registered scalable target '{t.ServiceNamespace}/{t.ResourceId}/{t.ScalableDimension}'");
    }

    private static void CheckUnique(Collector c, IReadOnlyList<string> names, string list, string field, string what)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < names.Count; i++)
        {
            if (names[i] is null) continue;
            if (seen.TryGetValue(names[i], out var first))
                c.Add($"{list}[{i}].{field}", $"{what} name '{names[i]}' is used twice (also at {list}[{first}])");
            else seen[names[i]] = i;
        }
    }

    private static void CheckAlarmWiring(Collector c, IReadOnlyList<PutScalingPolicyRequest> policies, IReadOnlyList<PutMetricAlarmRequest> alarms)
    {
        var byName = policies.Where(p => p.PolicyName is not null).GroupBy(p => p.PolicyName).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        for (var i = 0; i < policies.Count; i++)
        {
            var p = policies[i];
            if (p.PolicyType != PolicyTypes.StepScaling) continue;
            if (!alarms.Any(a => (a.AlarmActions ?? []).Any(act => ReferencedPolicyName(act) == p.PolicyName)))
                c.Add($"PutScalingPolicy[{i}]", $"step policy '{p.PolicyName}' needs a CloudWatch alarm in PutMetricAlarm whose AlarmActions hold \"{RecommendationFile.PolicyArnPlaceholderPrefix}{p.PolicyName}\"; without one it never runs");
        }
        for (var i = 0; i < alarms.Count; i++)
        {
            var actions = alarms[i].AlarmActions ?? [];
            for (var j = 0; j < actions.Count; j++)
            {
                if (ReferencedPolicyName(actions[j]) is not { } name) continue;
                if (!byName.TryGetValue(name, out var target))
                    c.Add($"PutMetricAlarm[{i}].AlarmActions[{j}]", $"refers to policy '{name}', which is not in PutScalingPolicy");
                else if (target.PolicyType != PolicyTypes.StepScaling)
                    c.Add($"PutMetricAlarm[{i}].AlarmActions[{j}]", $"refers to '{name}', a {target.PolicyType} policy; only step policies take alarm actions (target tracking makes its own alarms)");
            }
        }
    }

    /// <summary>The policy an alarm action points at: "policy-arn:NAME" or a scaling-policy ARN ending ":policyName/NAME".</summary>
    public static string? ReferencedPolicyName(string action)
    {
        if (action.StartsWith(RecommendationFile.PolicyArnPlaceholderPrefix, StringComparison.Ordinal))
            return action[RecommendationFile.PolicyArnPlaceholderPrefix.Length..];
        const string marker = ":policyName/";
        var k = action.LastIndexOf(marker, StringComparison.Ordinal);
        return action.StartsWith("arn:", StringComparison.Ordinal) && action.Contains(":scalingPolicy:", StringComparison.Ordinal) && k >= 0
            ? action[(k + marker.Length)..] : null;
    }

    // ---- field helpers ----------------------------------------------------------------------------------------

    private static void CheckResource(Collector c, string path, string ns, string resourceId, string dimension)
    {
        if (string.IsNullOrEmpty(ns)) c.Add($"{path}.ServiceNamespace", "is required");
        else if (!AwsScalingLimits.ServiceNamespaces.Contains(ns)) c.Add($"{path}.ServiceNamespace", $"'{ns}' is not an Application Auto Scaling namespace");
        if (string.IsNullOrEmpty(resourceId)) { c.Add($"{path}.ResourceId", "is required"); return; }
        if (resourceId.Length > AwsScalingLimits.MaxResourceIdLength) c.Add($"{path}.ResourceId", $"is longer than {AwsScalingLimits.MaxResourceIdLength} characters");
        if (string.IsNullOrEmpty(dimension)) { c.Add($"{path}.ScalableDimension", "is required"); return; }
        if (ns != ScalingConstants.SageMakerNamespace) return;
        if (!AwsScalingLimits.SageMakerDimensions.Contains(dimension))
        { c.Add($"{path}.ScalableDimension", $"'{dimension}' is not a SageMaker scalable dimension (valid: {string.Join(", ", AwsScalingLimits.SageMakerDimensions.Order())})"); return; }
        if (dimension == AwsScalingLimits.InferenceComponentDimension)
        {
            if (!InferenceComponentIdRegex().IsMatch(resourceId))
                c.Add($"{path}.ResourceId", $"'{resourceId}' is not 'inference-component/NAME'");
        }
        else if (!VariantIdRegex().IsMatch(resourceId))
            c.Add($"{path}.ResourceId", $"'{resourceId}' is not 'endpoint/ENDPOINT/variant/VARIANT' with SageMaker names (letters, digits, hyphens; up to 63 characters)");
    }

    private static void CheckCooldown(Collector c, string path, int? seconds)
    {
        if (seconds is { } s && (s < 0 || s > AwsScalingLimits.MaxCooldownSeconds))
            c.Add(path, $"must be between 0 and {AwsScalingLimits.MaxCooldownSeconds} seconds, got {s}");
    }

    private static void CheckPrintableName(Collector c, string path, string? name, int maxLength)
    {
        if (string.IsNullOrEmpty(name)) { c.Add(path, "is required"); return; }
        if (name.Length > maxLength) c.Add(path, $"is {name.Length} characters long; AWS allows at most {maxLength}");
        if (name.Any(char.IsControl)) c.Add(path, "must contain printable characters only (no control characters)");
    }

    private static void CheckScheduledActionName(Collector c, string path, string? name)
    {
        if (string.IsNullOrEmpty(name)) { c.Add(path, "is required"); return; }
        if (name.Length > AwsScalingLimits.MaxNameLength) c.Add(path, $"is {name.Length} characters long; AWS allows at most {AwsScalingLimits.MaxNameLength}");
        if (name.StartsWith(' ') || name.EndsWith(' ')) c.Add(path, $"'{name}' must not start or end with a space");
        if (name.Any(ch => char.IsControl(ch) || ch is ':' or '/' or '|')) c.Add(path, $"'{name}' must not contain ':', '/', '|' or control characters");
    }

    private static void CheckDimensions(Collector c, string path, IReadOnlyList<MetricDimension>? dims)
    {
        if (dims is null) return;
        if (dims.Count > AwsScalingLimits.MaxDimensions) c.Add(path, $"has {dims.Count} dimensions; AWS allows at most {AwsScalingLimits.MaxDimensions}");
        for (var i = 0; i < dims.Count; i++)
        {
            if (string.IsNullOrEmpty(dims[i].Name) || dims[i].Name.Length > 255) c.Add($"{path}[{i}].Name", "must be 1..255 characters");
            if (string.IsNullOrEmpty(dims[i].Value) || dims[i].Value.Length > 1024) c.Add($"{path}[{i}].Value", "must be 1..1024 characters");
        }
    }

    private static void CheckActions(Collector c, string path, IReadOnlyList<string>? actions)
    {
        if (actions is null) return;
        if (actions.Count > AwsScalingLimits.MaxAlarmActions) c.Add(path, $"has {actions.Count} actions; AWS allows at most {AwsScalingLimits.MaxAlarmActions}");
        for (var i = 0; i < actions.Count; i++)
            if (!actions[i].StartsWith("arn:", StringComparison.Ordinal) && !actions[i].StartsWith(RecommendationFile.PolicyArnPlaceholderPrefix, StringComparison.Ordinal))
                c.Add($"{path}[{i}]", $"'{actions[i]}' is neither an ARN nor a \"{RecommendationFile.PolicyArnPlaceholderPrefix}NAME\" placeholder");
    }

    /// <summary>Returns why a schedule expression is not valid, or null when it is (the shared Scheduling parser decides).</summary>
    private static string? ScheduleCheck(string schedule) =>
        ScheduleExpression.TryParse(schedule, timezone: null, out _, out var error) ? null : error;

    private static string Bound(double? v, bool lower) => v is { } x ? Fmt(x) : lower ? "-inf" : "+inf";

    private static string Fmt(double v) => v.ToString("G6", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^endpoint/[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}/variant/[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$")]
    private static partial Regex VariantIdRegex();

    [GeneratedRegex(@"^inference-component/[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$")]
    private static partial Regex InferenceComponentIdRegex();

    [GeneratedRegex(@"^(p\d{1,2}(\.\d+)?|p100|(tm|tc|ts|wm)\d{1,2}(\.\d+)?|IQM|(PR|TC|TM|TS|WM)\(\d*(\.\d+)?%?:\d*(\.\d+)?%?\))$")]
    private static partial Regex ExtendedStatisticRegex();

    private sealed class Collector(string source)
    {
        public List<Problem> Problems { get; } = [];
        public void Add(string field, string message) => Problems.Add(Problem.General(source, field, message));
    }
}
