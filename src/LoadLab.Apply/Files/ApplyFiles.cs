using LoadLab.Apply.Execution;
using LoadLab.Core.Ports;

namespace LoadLab.Apply.Files;

/// <summary>File names written by apply, next to the recommendation (or in --out).</summary>
public static class ApplyFileNames
{
    /// <summary>The pointer to the oldest rollback point not yet restored (see <see cref="RollbackJournal"/>).</summary>
    public const string Rollback = "rollback.json";
    public const string Applied = "applied.json";
    /// <summary>Written by --rollback: what the restore did.</summary>
    public const string RollbackApplied = "rollback-applied.json";
    /// <summary>Written by --rollback before restoring (pre-rollback-STAMP.json, never overwritten): the state it
    /// replaced, so a restore can itself be undone.</summary>
    public const string PreRollbackPrefix = "pre-rollback-";
}

/// <summary>
/// <c>rollback.json</c>: the live configuration of one scalable target as it was before an apply wrote anything,
/// and which alarms the apply concerned (so a restore also removes alarms the apply created).
/// </summary>
public sealed record RollbackFile
{
    public int FormatVersion { get; init; } = 1;
    public required DateTimeOffset SavedAt { get; init; }
    public required string ServiceNamespace { get; init; }
    public required string ResourceId { get; init; }
    public required string ScalableDimension { get; init; }
    /// <summary>The recommendation whose apply this undoes (informational).</summary>
    public string? Recommendation { get; init; }
    /// <summary>Alarm names in scope: the prior alarms plus the ones the apply was going to write.</summary>
    public IReadOnlyList<string> AlarmNames { get; init; } = [];
    public required ScalingConfigState Prior { get; init; }

    public ScalableTargetKey Key => new(ServiceNamespace, ResourceId, ScalableDimension);
}

/// <summary><c>applied.json</c>: what an apply (or a restore) did, step by step, with the ARNs AWS returned.</summary>
public sealed record AppliedFile
{
    public int FormatVersion { get; init; } = 1;
    /// <summary>See <see cref="Statuses"/>.</summary>
    public required string Status { get; init; }
    public required DateTimeOffset StartedAt { get; init; }
    /// <summary>Null while the apply is in progress.</summary>
    public DateTimeOffset? FinishedAt { get; init; }
    public required string ServiceNamespace { get; init; }
    public required string ResourceId { get; init; }
    public required string ScalableDimension { get; init; }
    public string? Source { get; init; }
    public string? RollbackFile { get; init; }
    public IReadOnlyList<ExecutedStep> Steps { get; init; } = [];
    public IReadOnlyList<ExecutedStep> RollbackSteps { get; init; } = [];
    public IReadOnlyDictionary<string, string> PolicyArns { get; init; } = new Dictionary<string, string>();
    public string? Error { get; init; }
    public string? RollbackError { get; init; }

    public static class Statuses
    {
        /// <summary>Written before the first write; still there afterwards means the process died midway.</summary>
        public const string InProgress = "in_progress";
        public const string Applied = "applied";
        /// <summary>A write failed, or a signal came; the rollback point was restored.</summary>
        public const string RolledBack = "rolled_back";
        public const string RollbackFailed = "rollback_failed";
        /// <summary>A second signal stopped the restore: the live configuration is partly changed.</summary>
        public const string RestoreAbandoned = "restore_abandoned";
        public const string Restored = "restored";
        public const string Failed = "failed";

        /// <summary>An apply that ended (or died) with the live configuration neither the old nor the new one.</summary>
        public static bool IsPartial(string status) => status is InProgress or RollbackFailed or RestoreAbandoned;
    }
}
