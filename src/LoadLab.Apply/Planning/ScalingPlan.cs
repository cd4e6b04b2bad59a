using LoadLab.Apply.Model;
using LoadLab.Core.Ports;

namespace LoadLab.Apply.Planning;

public enum ResourceKind { ScalableTarget, ScalingPolicy, MetricAlarm, ScheduledAction }

/// <summary>What happens to one resource. LeftAlone: it exists, is not LoadLab's, and --replace was not given.</summary>
public enum ChangeAction { NoChange, Create, Update, Delete, LeftAlone }

/// <summary>One field's change; Old null = added, New null = removed.</summary>
public sealed record FieldChange(string Path, string? Old, string? New)
{
    public char Sign => Old is null ? '+' : New is null ? '-' : '~';
}

public sealed record ResourceChange(ResourceKind Kind, string Name, ChangeAction Action, IReadOnlyList<FieldChange> Fields, string? Note = null);

/// <summary>The difference between the live configuration and the desired one, resource by resource, field by field.</summary>
public sealed record ScalingPlan(ScalableTargetKey Key, DesiredConfig Desired, ScalingConfigState Live, IReadOnlyList<ResourceChange> Changes)
{
    public bool HasChanges => Changes.Any(c => c.Action is ChangeAction.Create or ChangeAction.Update or ChangeAction.Delete);
    public int ToAdd => Changes.Count(c => c.Action == ChangeAction.Create);
    public int ToChange => Changes.Count(c => c.Action == ChangeAction.Update);
    public int ToRemove => Changes.Count(c => c.Action == ChangeAction.Delete);
    public int LeftAlone => Changes.Count(c => c.Action == ChangeAction.LeftAlone);

    public ChangeAction ActionFor(ResourceKind kind, string name) =>
        Changes.FirstOrDefault(c => c.Kind == kind && c.Name == name)?.Action ?? ChangeAction.NoChange;
}
