namespace LoadLab.Apply.Planning;

/// <summary>One field of a <see cref="PlanDocument"/> change: old null = added, new null = removed.</summary>
public sealed record PlanFieldDocument(string Path, string? Old, string? New);

/// <summary>One resource of a <see cref="PlanDocument"/>.</summary>
public sealed record PlanChangeDocument(ResourceKind Kind, string Name, ChangeAction Action, string? Note, IReadOnlyList<PlanFieldDocument> Fields);

/// <summary>
/// `loadlab apply --output json`: the plan as data, and what the command did with it, so a pipeline can tell "the
/// live configuration matches the recommendation" from drift without reading the text.
/// </summary>
public sealed record PlanDocument
{
    public int FormatVersion { get; init; } = 1;
    public string? ResourceId { get; init; }
    public string? ScalableDimension { get; init; }
    public required ApplyOutcome Outcome { get; init; }
    /// <summary>After this command, the live configuration still differs from the one asked for.</summary>
    public required bool ChangesPending { get; init; }
    public int AddCount { get; init; }
    public int ChangeCount { get; init; }
    public int RemoveCount { get; init; }
    public int LeftAloneCount { get; init; }
    /// <summary>Every resource in scope, unchanged ones included (action no_change).</summary>
    public IReadOnlyList<PlanChangeDocument> Changes { get; init; } = [];
    public string? RollbackPoint { get; init; }
    public string? AppliedFile { get; init; }

    public static PlanDocument From(ApplyResult result) => new()
    {
        ResourceId = result.Plan?.Key.ResourceId,
        ScalableDimension = result.Plan?.Key.ScalableDimension,
        Outcome = result.Outcome,
        ChangesPending = result.ChangesPending,
        AddCount = result.Plan?.ToAdd ?? 0,
        ChangeCount = result.Plan?.ToChange ?? 0,
        RemoveCount = result.Plan?.ToRemove ?? 0,
        LeftAloneCount = result.Plan?.LeftAlone ?? 0,
        Changes = result.Plan?.Changes.Select(c => new PlanChangeDocument(c.Kind, c.Name, c.Action, c.Note,
            c.Fields.Select(f => new PlanFieldDocument(f.Path, f.Old, f.New)).ToList())).ToList() ?? [],
        RollbackPoint = result.RollbackPath,
        AppliedFile = result.AppliedPath,
    };
}
