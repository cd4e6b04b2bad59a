using System.Globalization;
using LoadLab.Core.Errors;
using LoadLab.Core.RunFiles;

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

    public static IReadOnlyList<Problem> ValidateTarget(RegisterScalableTargetRequest request, string source, string path = "RegisterScalableTarget") =>
        Collect(source, c => CheckTarget(c, request, path));

    public static IReadOnlyList<Problem> ValidatePolicy(PutScalingPolicyRequest request, string source, string path = "PutScalingPolicy") =>
        Collect(source, c => CheckPolicy(c, request, path));

    public static IReadOnlyList<Problem> ValidateScheduledAction(PutScheduledActionRequest request, string source, string path = "PutScheduledAction") =>
        Collect(source, c => CheckScheduledAction(c, request, path));

    public static IReadOnlyList<Problem> ValidateAlarm(PutMetricAlarmRequest request, string source, string path = "PutMetricAlarm") =>
        Collect(source, c => CheckAlarm(c, request, path));

    /// <summary>AWS's step rules: no gap, no overlap, lower &lt; upper, at most one open end each way, and an open end wherever bounds cross it.</summary>
    public static IReadOnlyList<Problem> ValidateStepAdjustments(IReadOnlyList<StepAdjustment> steps, string source, string path = "StepAdjustments") =>
        Collect(source, c => CheckSteps(c, steps, path));

    /// <summary>The lowest MinCapacity AWS accepts for a dimension: 0 only for inference components (scale to zero).</summary>
    public static int MinimumCapacityFloor(string? scalableDimension) =>
        scalableDimension == AwsScalingLimits.InferenceComponentDimension ? 0 : 1;

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

    private static void CheckPrintableName(Collector c, string path, string? name, int maxLength)
    {
        if (string.IsNullOrEmpty(name)) { c.Add(path, "is required"); return; }
        if (name.Length > maxLength) c.Add(path, $"is {name.Length} characters long; AWS allows at most {maxLength}");
        if (name.Any(char.IsControl)) c.Add(path, "must contain printable characters only (no control characters)");
    }

    private static string Fmt(double v) => v.ToString("G6", CultureInfo.InvariantCulture);

    private static IReadOnlyList<Problem> Collect(string source, Action<Collector> check)
    {
        var c = new Collector(source);
        check(c);
        return c.Problems;
    }

    private sealed class Collector(string source)
    {
        public List<Problem> Problems { get; } = [];
        public void Add(string field, string message) => Problems.Add(Problem.General(source, field, message));
    }
}
