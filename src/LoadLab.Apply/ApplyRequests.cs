using LoadLab.Core.Iac;
using LoadLab.Apply.Files;
using LoadLab.Apply.Planning;
using LoadLab.Apply.Execution;

namespace LoadLab.Apply;

/// <summary>`loadlab apply recommendation.json`: what to apply and how.</summary>
public sealed record ApplyRequest
{
    public required string RecommendationPath { get; init; }
    /// <summary>Apply to this endpoint instead of the one the recommendation names (default: the recommendation's).</summary>
    public string? Endpoint { get; init; }
    /// <summary>Apply to this variant instead of the recommendation's (default: the recommendation's).</summary>
    public string? Variant { get; init; }
    /// <summary>Without it nothing is written: the plan is printed and that is all (default false).</summary>
    public bool Yes { get; init; }
    /// <summary>Also remove policies, scheduled actions and alarms that are not LoadLab's (default false: left alone).</summary>
    public bool Replace { get; init; }
    /// <summary>Where the rollback points, rollback.json and applied.json go (default: next to the recommendation).</summary>
    public string? OutDir { get; init; }
    /// <summary>Apply even though the last apply in that directory ended partly applied and was not rolled back
    /// (default false: refused, exit 2).</summary>
    public bool AfterPartialApply { get; init; }
}

/// <summary>`loadlab apply --rollback rollback.json`: restore a saved prior state.</summary>
public sealed record RollbackRequest
{
    public required string RollbackPath { get; init; }
    public bool Yes { get; init; }
    /// <summary>Where pre-rollback.json and rollback-applied.json go (default: next to the rollback file).</summary>
    public string? OutDir { get; init; }
}

/// <summary>`loadlab apply --emit KIND`: the same change as code, nothing applied.</summary>
public sealed record EmitRequest
{
    public required string RecommendationPath { get; init; }
    public required IacKind Kind { get; init; }
    public string? Endpoint { get; init; }
    public string? Variant { get; init; }
    public string? OutDir { get; init; }
}

public enum ApplyOutcome
{
    /// <summary>The live configuration already matched; nothing written.</summary>
    NoChanges,
    /// <summary>Planned; --yes not given; nothing written.</summary>
    PlannedOnly,
    Applied,
    /// <summary>A write failed; the prior state was restored.</summary>
    RolledBack,
    /// <summary>A write failed and so did the restore: the live configuration is partly changed.</summary>
    RollbackFailed,
    /// <summary>A signal stopped the apply; the prior state was restored.</summary>
    Interrupted,
    /// <summary>A second signal stopped the restore: the live configuration is partly changed.</summary>
    RestoreAbandoned,
}

/// <param name="Plan">Null only when there was nothing to plan (a rollback.json whose points were all restored).</param>
/// <param name="RollbackPath">Apply: the rollback point saved before the first write. Rollback: the state it replaced.</param>
public sealed record ApplyResult(ApplyOutcome Outcome, ScalingPlan? Plan, string? RollbackPath = null, string? AppliedPath = null, AppliedFile? Applied = null)
{
    /// <summary>After this command the live configuration still differs from the one asked for: only planned, or
    /// stopped (failed, rolled back, interrupted) before it was all written.</summary>
    public bool ChangesPending => Outcome is not (ApplyOutcome.NoChanges or ApplyOutcome.Applied);

    /// <summary>The result of a rollback (restoring a saved state), not of an apply.</summary>
    public bool IsRollback { get; init; }

    /// <summary>The rollback file that undoes what is live now: after an apply the pointer (rollback.json), after a
    /// rollback that stopped midway the point it was restoring.</summary>
    public string? UndoPath { get; init; }

    /// <summary>The writes done (an apply's, or a rollback's), the failed one last with its error.</summary>
    public ExecutionResult? Executed { get; init; }

    /// <summary>What still differs from the rollback point after its restore was abandoned midway.</summary>
    public IReadOnlyList<ResourceChange> LeftToRestore { get; init; } = [];

    /// <summary>A rollback: when the state it restores was saved.</summary>
    public DateTimeOffset? RestoredStateSavedAt { get; init; }

    /// <summary>A rollback with nothing left to restore: the directory whose rollback points were all restored.</summary>
    public string? AllRestoredIn { get; init; }
}
