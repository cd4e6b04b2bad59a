using System.Text;
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

    public static string Describe(ScalingPlan restorePlan, ExecutionResult restore, string rollbackPoint)
    {
        var remaining = Remaining(restorePlan, restore);
        var sb = new StringBuilder();
        sb.Append($"Restore abandoned (second signal) after {restore.Steps.Count(s => s.Error is null)} of its writes.\n");
        if (remaining.Count == 0)
            sb.Append("Nothing is left to restore: the live configuration is the state saved in ").Append(rollbackPoint).Append('\n');
        else
        {
            sb.Append("Live now, where it differs from the state saved in ").Append(rollbackPoint).Append(":\n");
            foreach (var c in remaining)
                sb.Append("  ").Append(PlanRenderer.Label(c.Kind)).Append(' ').Append(c.Name).Append(": ").Append(c.Action switch
                {
                    ChangeAction.Create => "absent (the saved state has it)",
                    ChangeAction.Delete => "present, written by this apply (not in the saved state)",
                    _ => $"as this apply wrote it ({string.Join(", ", c.Fields.Select(f => $"{f.Path} {f.Old ?? "(unset)"}, saved {f.New ?? "(unset)"}"))})",
                }).Append('\n');
            sb.Append("Everything else is as saved. To finish the rollback: loadlab apply --rollback ").Append(rollbackPoint).Append(" --yes\n");
        }
        return sb.ToString();
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
