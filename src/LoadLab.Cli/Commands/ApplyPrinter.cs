using LoadLab.Apply;
using LoadLab.Apply.Planning;
using LoadLab.Core.Errors;
using LoadLab.Core.Text;

namespace LoadLab.Cli.Commands;

/// <summary>
/// The words of `loadlab apply`: the plan and each point the apply reaches as it happens (<see cref="ApplyEvent"/>),
/// then the outcome with the command that undoes or finishes it. ANSI colour only when <paramref name="color"/> (a terminal).
/// </summary>
public sealed class ApplyPrinter(TextWriter output, bool color = false) : IProgress<ApplyEvent>
{
    public const string NoChangesMadeMessage = "no changes made; run again with --yes to apply";

    public void Report(ApplyEvent value)
    {
        switch (value)
        {
            case PlanReady { Restoring: false } p:
                // Names and values in the plan come from files: only LoadLab's own colours reach the terminal.
                TerminalSafeWriter.WriteOwnColours(output, PlanRenderer.Render(p.Plan, color));
                break;
            case PlanReady p:
                TerminalSafeWriter.WriteOwnColours(output, PlanRenderer.Render(p.Plan, color).Replace("matches the recommendation", "matches the saved state", StringComparison.Ordinal));
                break;
            case PriorStateSaved s:
                output.WriteLine();
                output.WriteLine($"Saved the prior state to {s.RollbackPath}");
                break;
            case RestoringPriorState { Interrupted: true } r:
                output.WriteLine($"interrupted after {r.WritesDone} write(s); restoring the prior state from {r.RollbackPath} ...");
                break;
            case RestoringPriorState r:
                output.WriteLine($"error: {r.FailedStep?.Operation} {r.FailedStep?.Name} failed: {r.Failure}");
                output.WriteLine($"{r.WritesDone} write(s) had succeeded; restoring the prior state from {r.RollbackPath} ...");
                break;
            case RollbackPointResolved r:
                output.WriteLine($"{r.Given} points to {r.Point}");
                break;
        }
    }

    /// <summary>How an apply or a rollback ended.</summary>
    public void Finished(ApplyResult result)
    {
        if (result.IsRollback) RolledBack(result);
        else Applied(result);
    }

    private void Applied(ApplyResult result)
    {
        var plan = result.Plan!;
        var record = result.Applied;
        switch (result.Outcome)
        {
            case ApplyOutcome.NoChanges:
                output.WriteLine("Nothing to apply.");
                break;
            case ApplyOutcome.PlannedOnly:
                PlannedOnly();
                break;
            case ApplyOutcome.Applied:
                foreach (var s in result.Executed!.Steps) output.WriteLine($"  done: {s.Operation} {s.Name}{(s.Arn is null ? "" : $" -> {s.Arn}")}{(s.Note is null ? "" : $" ({s.Note})")}");
                output.WriteLine($"Applied: {plan.ToAdd} added, {plan.ToChange} changed, {plan.ToRemove} removed. Wrote {result.AppliedPath}");
                output.WriteLine($"To undo: loadlab apply --rollback {result.UndoPath} --yes");
                break;
            case ApplyOutcome.RolledBack or ApplyOutcome.Interrupted:
                foreach (var s in record!.RollbackSteps) output.WriteLine($"  restored: {s.Operation} {s.Name}");
                output.WriteLine($"{(result.Outcome == ApplyOutcome.Interrupted ? "Interrupted and rolled back" : "Rolled back")}: the live configuration is as it was before this apply. Details in {result.AppliedPath}");
                break;
            case ApplyOutcome.RestoreAbandoned:
                AbandonedRestore(result);
                output.WriteLine($"Details in {result.AppliedPath}");
                break;
            default:
                output.WriteLine($"error: the restore failed too: {record!.RollbackError}");
                output.WriteLine($"The live configuration is partly changed. Retry with: loadlab apply --rollback {result.UndoPath} --yes  (details in {result.AppliedPath})");
                break;
        }
    }

    private void RolledBack(ApplyResult result)
    {
        if (result.Plan is null)
        {
            output.WriteLine($"Nothing to restore: every rollback point in {result.AllRestoredIn} has been restored.");
            return;
        }
        var executed = result.Executed;
        switch (result.Outcome)
        {
            case ApplyOutcome.NoChanges:
                output.WriteLine("Nothing to restore.");
                break;
            case ApplyOutcome.PlannedOnly:
                PlannedOnly();
                break;
            case ApplyOutcome.Applied:
                output.WriteLine($"Restored the state saved at {result.RestoredStateSavedAt!.Value:O}. Wrote {result.AppliedPath}; the state it replaced is in {result.RollbackPath}");
                break;
            case ApplyOutcome.RestoreAbandoned:
                output.WriteLine($"interrupted: the restore stopped after {executed!.Steps.Count} write(s), before its next one; the live configuration is partly restored.");
                output.WriteLine($"To finish it: loadlab apply --rollback {result.UndoPath} --yes  (the state before it is in {result.RollbackPath}; details in {result.AppliedPath})");
                break;
            default:
                output.WriteLine($"error: {executed!.FailedStep?.Operation} {executed.FailedStep?.Name} failed: {executed.Failure!.Message}");
                output.WriteLine($"The restore stopped midway; the state before it is in {result.RollbackPath}. Details in {result.AppliedPath}");
                break;
        }
    }

    public void Emitted(string path, Core.Iac.IacKind kind) => output.WriteLine($"Wrote {path} ({kind}); nothing was applied.");

    /// <summary>0 when the live configuration is what was asked for (or nothing was asked), 3 when AWS failed,
    /// 4 when a signal stopped it.</summary>
    public static int ExitCode(ApplyResult result) => result.Outcome switch
    {
        ApplyOutcome.RolledBack or ApplyOutcome.RollbackFailed => ExitCodes.TargetOrAwsFailed,
        ApplyOutcome.Interrupted or ApplyOutcome.RestoreAbandoned => ExitCodes.Interrupted,
        _ => ExitCodes.Ok,
    };

    /// <summary>Terraform's -detailed-exitcode: 0 nothing pending, 2 changes pending (planned only), 1 an error
    /// (failed, rolled back or interrupted: what was asked for is not live).</summary>
    public static int DetailedExitCode(ApplyResult result) => result.Outcome switch
    {
        ApplyOutcome.NoChanges or ApplyOutcome.Applied => DetailedExitCodes.NoChanges,
        ApplyOutcome.PlannedOnly => DetailedExitCodes.ChangesPending,
        _ => DetailedExitCodes.Error,
    };

    private void PlannedOnly()
    {
        output.WriteLine();
        output.WriteLine(NoChangesMadeMessage);
    }

    /// <summary>What is live after a restore was abandoned midway, where it differs from the rollback point, and the
    /// command that finishes the rollback.</summary>
    private void AbandonedRestore(ApplyResult result)
    {
        var point = result.RollbackPath;
        output.Write($"Restore abandoned (second signal) after {result.Applied!.RollbackSteps.Count(s => s.Error is null)} of its writes.\n");
        if (result.LeftToRestore.Count == 0)
        {
            output.Write($"Nothing is left to restore: the live configuration is the state saved in {point}\n");
            return;
        }
        output.Write($"Live now, where it differs from the state saved in {point}:\n");
        foreach (var c in result.LeftToRestore)
            output.Write($"  {PlanRenderer.Label(c.Kind)} {c.Name}: " + c.Action switch
            {
                ChangeAction.Create => "absent (the saved state has it)",
                ChangeAction.Delete => "present, written by this apply (not in the saved state)",
                _ => $"as this apply wrote it ({string.Join(", ", c.Fields.Select(f => $"{f.Path} {f.Old ?? "(unset)"}, saved {f.New ?? "(unset)"}"))})",
            } + "\n");
        output.Write($"Everything else is as saved. To finish the rollback: loadlab apply --rollback {point} --yes\n");
    }
}

/// <summary>Exit codes of `apply --detailed-exitcode`, as Terraform has them (the one exception to LoadLab's own).</summary>
public static class DetailedExitCodes
{
    public const int NoChanges = 0;
    public const int Error = 1;
    public const int ChangesPending = 2;
}
