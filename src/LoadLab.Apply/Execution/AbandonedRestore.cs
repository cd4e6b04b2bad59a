using LoadLab.Apply.Planning;

namespace LoadLab.Apply.Execution;

/// <summary>
/// What is live after a restore was abandoned midway: the restore's plan was the whole difference between the live
/// configuration and the rollback point, so what it had not done yet is exactly what still differs.
/// </summary>
public static class AbandonedRestore
{
    public static IReadOnlyList<ResourceChange> Remaining(ScalingPlan restorePlan, ExecutionResult restore)
    {
        var done = new HashSet<(ResourceKind, string)>();
        foreach (var s in restore.Steps.Where(s => s.Error is null))
            if (KindOf(s.Operation) is { } kind)
                foreach (var name in s.Operation == "DeleteAlarms" ? s.Name.Split(',') : [s.Name])
                    done.Add((kind, name));
        return restorePlan.Changes
            .Where(c => c.Action is ChangeAction.Create or ChangeAction.Update or ChangeAction.Delete && !done.Contains((c.Kind, c.Name)))
            .ToList();
    }

    private static ResourceKind? KindOf(string operation) => operation switch
    {
        "RegisterScalableTarget" or "DeregisterScalableTarget" => ResourceKind.ScalableTarget,
        "PutScalingPolicy" or "DeleteScalingPolicy" => ResourceKind.ScalingPolicy,
        "PutMetricAlarm" or "DeleteAlarms" => ResourceKind.MetricAlarm,
        "PutScheduledAction" or "DeleteScheduledAction" => ResourceKind.ScheduledAction,
        _ => null,
    };
}
