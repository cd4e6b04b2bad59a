using LoadLab.Apply.Execution;
using LoadLab.Apply.Planning;

namespace LoadLab.Apply;

/// <summary>
/// What an apply or a rollback has reached, told as it happens (before the writes that follow it), so a caller can
/// show the plan before anything changes and say a restore is under way while it runs. The service never renders
/// them; the command does.
/// </summary>
public abstract record ApplyEvent;

/// <summary>The plan against the live configuration; <paramref name="Restoring"/> when it restores a saved state.</summary>
public sealed record PlanReady(ScalingPlan Plan, bool Restoring) : ApplyEvent;

/// <summary>The rollback point was written before the first change.</summary>
public sealed record PriorStateSaved(string RollbackPath) : ApplyEvent;

/// <summary>
/// The apply stopped midway (a write failed, or a signal came: <paramref name="Interrupted"/>) after
/// <paramref name="WritesDone"/> successful writes; the prior state is being restored from <paramref name="RollbackPath"/>.
/// </summary>
public sealed record RestoringPriorState(string RollbackPath, int WritesDone, bool Interrupted, ExecutedStep? FailedStep, string? Failure) : ApplyEvent;

/// <summary>The rollback file given was a pointer (rollback.json) to the rollback point restored.</summary>
public sealed record RollbackPointResolved(string Given, string Point) : ApplyEvent;
