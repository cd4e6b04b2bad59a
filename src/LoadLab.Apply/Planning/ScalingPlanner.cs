using LoadLab.Apply.Model;
using LoadLab.Core.AwsApi;
using LoadLab.Core.Ports;
using LoadLab.Core.RunFiles;

namespace LoadLab.Apply.Planning;

/// <summary>Options for <see cref="ScalingPlanner"/>.</summary>
public sealed record PlanOptions
{
    /// <summary>Remove live policies, scheduled actions and alarms that are not in the desired configuration even when
    /// they are not LoadLab's (names without the "loadlab-" prefix). Default false: those are left alone.</summary>
    public bool Replace { get; init; }

    /// <summary>Planning the way back to a saved state (rollback): removals are what was added since. Default false.</summary>
    public bool Restoring { get; init; }
}

/// <summary>
/// Pure: compares a live configuration with a desired one and says, per resource and per field, what must change.
/// Semantics follow the AWS operations: RegisterScalableTarget keeps fields it is not given (so an unset field in the
/// desired target is "no opinion"); PutScalingPolicy, PutScheduledAction and PutMetricAlarm replace the whole
/// resource (so a live-only field shows as removed, unless it merely echoes AWS's default).
/// </summary>
public static class ScalingPlanner
{
    /// <summary>Live-only fields that equal what AWS assumes when the field is omitted: not a difference.</summary>
    private static readonly Dictionary<(ResourceKind, string), string> Defaults = new()
    {
        [(ResourceKind.ScalingPolicy, "TargetTrackingScalingPolicyConfiguration.DisableScaleIn")] = "false",
        [(ResourceKind.ScalingPolicy, "StepScalingPolicyConfiguration.MetricAggregationType")] = "Average",
        [(ResourceKind.MetricAlarm, "ActionsEnabled")] = "true",
        [(ResourceKind.MetricAlarm, "TreatMissingData")] = "missing",
        [(ResourceKind.ScheduledAction, "Timezone")] = "UTC",
    };

    /// <summary>What an unknown ARN looks like in a plan (the policy is created by this apply).</summary>
    public static string KnownAfterApply(string policyName) => $"(ARN of policy {policyName}, known after apply)";

    public static ScalingPlan Plan(ScalingConfigState live, DesiredConfig desired, PlanOptions? options = null)
    {
        options ??= new PlanOptions();
        var changes = new List<ResourceChange>();

        // Scalable target.
        var targetName = desired.Key.ResourceId;
        if (desired.Target is { } want)
        {
            if (live.Target is null)
                changes.Add(new(ResourceKind.ScalableTarget, targetName, ChangeAction.Create, Added(FieldFlattener.Flatten(want))));
            else
            {
                var fields = Compare(ResourceKind.ScalableTarget, FieldFlattener.Flatten(live.Target), FieldFlattener.Flatten(want));
                changes.Add(new(ResourceKind.ScalableTarget, targetName, fields.Count > 0 ? ChangeAction.Update : ChangeAction.NoChange, fields));
            }
        }
        else if (live.Target is { } had)
            changes.Add(new(ResourceKind.ScalableTarget, targetName, ChangeAction.Delete, Removed(FieldFlattener.Flatten(had)),
                options.Restoring ? "not registered in the saved state; deregistered" : "deregistered"));

        // Scaling policies.
        var livePolicies = live.Policies.ToDictionary(p => p.Request.PolicyName, StringComparer.Ordinal);
        foreach (var p in desired.Policies)
            changes.Add(livePolicies.TryGetValue(p.PolicyName, out var lp)
                ? Diff(ResourceKind.ScalingPolicy, p.PolicyName, FieldFlattener.Flatten(lp.Request), FieldFlattener.Flatten(p))
                : new(ResourceKind.ScalingPolicy, p.PolicyName, ChangeAction.Create, Added(FieldFlattener.Flatten(p))));
        var wantedPolicies = desired.Policies.Select(p => p.PolicyName).ToHashSet(StringComparer.Ordinal);
        foreach (var lp in live.Policies.Where(p => !wantedPolicies.Contains(p.Request.PolicyName)))
            changes.Add(Extra(ResourceKind.ScalingPolicy, lp.Request.PolicyName, FieldFlattener.Flatten(lp.Request), options));

        // Alarms: placeholders resolve to the live policy ARNs; a policy this apply creates has no ARN yet.
        var arnByName = live.Policies.ToDictionary(p => p.Request.PolicyName, p => p.PolicyArn, StringComparer.Ordinal);
        var liveAlarms = live.Alarms.ToDictionary(a => a.AlarmName, StringComparer.Ordinal);
        foreach (var a in desired.Alarms)
        {
            var resolved = ResolveForDisplay(a, arnByName, changes);
            changes.Add(liveAlarms.TryGetValue(a.AlarmName, out var la)
                ? Diff(ResourceKind.MetricAlarm, a.AlarmName, FieldFlattener.Flatten(la), FieldFlattener.Flatten(resolved))
                : new(ResourceKind.MetricAlarm, a.AlarmName, ChangeAction.Create, Added(FieldFlattener.Flatten(resolved))));
        }
        var wantedAlarms = desired.Alarms.Select(a => a.AlarmName).ToHashSet(StringComparer.Ordinal);
        foreach (var la in live.Alarms.Where(a => !wantedAlarms.Contains(a.AlarmName)))
            changes.Add(Extra(ResourceKind.MetricAlarm, la.AlarmName, FieldFlattener.Flatten(la), options));

        // Scheduled actions.
        var liveActions = live.ScheduledActions.ToDictionary(a => a.Request.ScheduledActionName, StringComparer.Ordinal);
        foreach (var s in desired.ScheduledActions)
            changes.Add(liveActions.TryGetValue(s.ScheduledActionName, out var ls)
                ? Diff(ResourceKind.ScheduledAction, s.ScheduledActionName, FieldFlattener.Flatten(ls.Request), FieldFlattener.Flatten(s))
                : new(ResourceKind.ScheduledAction, s.ScheduledActionName, ChangeAction.Create, Added(FieldFlattener.Flatten(s))));
        var wantedActions = desired.ScheduledActions.Select(s => s.ScheduledActionName).ToHashSet(StringComparer.Ordinal);
        foreach (var ls in live.ScheduledActions.Where(a => !wantedActions.Contains(a.Request.ScheduledActionName)))
            changes.Add(Extra(ResourceKind.ScheduledAction, ls.Request.ScheduledActionName, FieldFlattener.Flatten(ls.Request), options));

        return new ScalingPlan(desired.Key, desired, live, changes);
    }

    /// <summary>Replaces "policy-arn:NAME" placeholders with <paramref name="arnByName"/>; unknown names stay as they are.</summary>
    public static PutMetricAlarmRequest ResolveActions(PutMetricAlarmRequest alarm, IReadOnlyDictionary<string, string> arnByName) =>
        alarm with { AlarmActions = alarm.AlarmActions?.Select(x => Resolve(x, arnByName) ?? x).ToList() };

    private static string? Resolve(string action, IReadOnlyDictionary<string, string> arnByName) =>
        action.StartsWith(RecommendationFile.PolicyArnPlaceholderPrefix, StringComparison.Ordinal)
        && arnByName.TryGetValue(action[RecommendationFile.PolicyArnPlaceholderPrefix.Length..], out var arn) ? arn : null;

    private static PutMetricAlarmRequest ResolveForDisplay(PutMetricAlarmRequest alarm, IReadOnlyDictionary<string, string> arnByName, List<ResourceChange> soFar) =>
        alarm with
        {
            AlarmActions = alarm.AlarmActions?.Select(x =>
            {
                if (!x.StartsWith(RecommendationFile.PolicyArnPlaceholderPrefix, StringComparison.Ordinal)) return x;
                var name = x[RecommendationFile.PolicyArnPlaceholderPrefix.Length..];
                var created = soFar.Any(c => c.Kind == ResourceKind.ScalingPolicy && c.Name == name && c.Action == ChangeAction.Create);
                return !created && arnByName.TryGetValue(name, out var arn) ? arn : KnownAfterApply(name);
            }).ToList(),
        };

    private static ResourceChange Diff(ResourceKind kind, string name, SortedDictionary<string, string> live, SortedDictionary<string, string> want)
    {
        var fields = Compare(kind, live, want);
        return new(kind, name, fields.Count > 0 ? ChangeAction.Update : ChangeAction.NoChange, fields);
    }

    private static ResourceChange Extra(ResourceKind kind, string name, SortedDictionary<string, string> live, PlanOptions options) =>
        Ownership.IsOwnedName(name) || options.Replace
            ? new(kind, name, ChangeAction.Delete, Removed(live),
                options.Restoring ? "not in the saved state" : Ownership.IsOwnedName(name) ? "no longer recommended" : "not LoadLab's; removed because of --replace")
            : new(kind, name, ChangeAction.LeftAlone, [], $"not LoadLab's (no '{Ownership.Prefix}' prefix); left alone, --replace would remove it");

    private static List<FieldChange> Compare(ResourceKind kind, SortedDictionary<string, string> live, SortedDictionary<string, string> want)
    {
        var result = new List<FieldChange>();
        foreach (var key in live.Keys.Union(want.Keys).Order(StringComparer.Ordinal))
        {
            live.TryGetValue(key, out var l);
            want.TryGetValue(key, out var w);
            if (l == w) continue;
            if (w is null && kind == ResourceKind.ScalableTarget) continue; // RegisterScalableTarget keeps what it is not given
            if (w is null && IsDefault(kind, key, l, live)) continue;
            if (l is null && IsDefault(kind, key, w, want)) continue;
            result.Add(new FieldChange(key, l, w));
        }
        return result;
    }

    private static bool IsDefault(ResourceKind kind, string key, string? value, SortedDictionary<string, string> sameSide)
    {
        if (Defaults.TryGetValue((kind, key), out var d) && d == value) return true;
        // CloudWatch echoes DatapointsToAlarm = EvaluationPeriods when it was not given.
        return kind == ResourceKind.MetricAlarm && key == "DatapointsToAlarm"
               && sameSide.TryGetValue("EvaluationPeriods", out var n) && n == value;
    }

    private static List<FieldChange> Added(SortedDictionary<string, string> f) => f.Select(kv => new FieldChange(kv.Key, null, kv.Value)).ToList();
    private static List<FieldChange> Removed(SortedDictionary<string, string> f) => f.Select(kv => new FieldChange(kv.Key, kv.Value, null)).ToList();
}
