using LoadLab.Apply.Execution;
using LoadLab.Apply.Files;
using LoadLab.Apply.Loading;
using LoadLab.Apply.Model;
using LoadLab.Apply.Planning;
using LoadLab.Core.AwsApi;
using LoadLab.Core.AwsApi.Validation;
using LoadLab.Core.Errors;
using LoadLab.Core.Iac;
using LoadLab.Core.Json;
using LoadLab.Core.Ports;
using LoadLab.Core.RunFiles;
using LoadLab.Core.Text;

namespace LoadLab.Apply;

/// <summary>
/// Installs a recommended scaling policy safely: validate (AWS's rules, stricter than moto), check the endpoint,
/// read the live configuration, print the plan, and only with --yes save rollback.json, write in AWS's order, and
/// on a failure midway restore the prior state. Also restores a rollback.json on demand.
/// Output goes to <paramref name="output"/>; ANSI colour only when <paramref name="color"/> (a terminal).
/// </summary>
public sealed class ApplyService(IScalingConfigStore store, TimeProvider time, TextWriter output, bool color = false)
{
    public const string NoChangesMadeMessage = "no changes made; run again with --yes to apply";

    private readonly LiveScopeReader _scope = new(store);

    /// <param name="cancellationToken">Before the first write it cancels the reads; once writing it stops the apply before
    /// its next write (the one in flight finishes) and the rollback point is restored.</param>
    /// <param name="abandonRestore">Stops that restore before its next write, leaving the configuration partly changed.</param>
    public async Task<ApplyResult> ApplyAsync(ApplyRequest request, CancellationToken cancellationToken = default, CancellationToken abandonRestore = default)
    {
        var (desired, source) = LoadDesired(request.RecommendationPath, request.Endpoint, request.Variant);
        var journal = new RollbackJournal(OutDir(request.OutDir, request.RecommendationPath), time);
        if (request.Yes) journal.RefuseAfterPartialApply(request.AfterPartialApply);
        await _scope.CheckEndpointAsync(desired.Key, request.RecommendationPath, cancellationToken).ConfigureAwait(false);

        var live = await _scope.ReadScopeAsync(desired.Key, desired.AlarmNames, cancellationToken).ConfigureAwait(false);
        LiveScopeReader.CheckAlarmConflicts(desired, live, request.RecommendationPath, request.Replace);
        var plan = ScalingPlanner.Plan(live, desired, new PlanOptions { Replace = request.Replace });
        TerminalSafeWriter.WriteOwnColours(output, PlanRenderer.Render(plan, color));
        if (!plan.HasChanges)
        {
            output.WriteLine("Nothing to apply.");
            return new ApplyResult(ApplyOutcome.NoChanges, plan);
        }
        if (!request.Yes)
        {
            output.WriteLine();
            output.WriteLine(NoChangesMadeMessage);
            return new ApplyResult(ApplyOutcome.PlannedOnly, plan);
        }
        cancellationToken.ThrowIfCancellationRequested();

        var rollback = new RollbackFile
        {
            SavedAt = time.GetUtcNow(),
            ServiceNamespace = desired.Key.ServiceNamespace,
            ResourceId = desired.Key.ResourceId,
            ScalableDimension = desired.Key.ScalableDimension,
            Recommendation = Path.GetFullPath(source),
            AlarmNames = live.Alarms.Select(a => a.AlarmName).Union(desired.AlarmNames, StringComparer.Ordinal).ToList(),
            Prior = live,
        };
        var rollbackPath = journal.Save(rollback);
        output.WriteLine();
        output.WriteLine($"Saved the prior state to {rollbackPath}");

        var started = time.GetUtcNow();
        var appliedPath = Path.Combine(journal.Directory, ApplyFileNames.Applied);
        var noSteps = new ExecutionResult([], new Dictionary<string, string>(), null);
        LoadLabJson.WriteFile(appliedPath, Record(AppliedFile.Statuses.InProgress, started, desired.Key, source, rollbackPath, noSteps) with { FinishedAt = null });
        var executed = await new PlanExecutor(store, time).ExecuteAsync(plan, cancellationToken).ConfigureAwait(false);
        if (executed.Succeeded && !cancellationToken.IsCancellationRequested)
        {
            var record = Record(AppliedFile.Statuses.Applied, started, desired.Key, source, rollbackPath, executed);
            LoadLabJson.WriteFile(appliedPath, record);
            foreach (var s in executed.Steps) output.WriteLine($"  done: {s.Operation} {s.Name}{(s.Arn is null ? "" : $" -> {s.Arn}")}{(s.Note is null ? "" : $" ({s.Note})")}");
            output.WriteLine($"Applied: {plan.ToAdd} added, {plan.ToChange} changed, {plan.ToRemove} removed. Wrote {appliedPath}");
            output.WriteLine($"To undo: loadlab apply --rollback {journal.PointerPath} --yes");
            return new ApplyResult(ApplyOutcome.Applied, plan, rollbackPath, appliedPath, record);
        }

        // A write failed midway, or a signal came: report it, then put the prior state back.
        var interrupted = executed.Interrupted || cancellationToken.IsCancellationRequested;
        var written = executed.Steps.Count(s => s.Error is null);
        if (interrupted)
            output.WriteLine($"interrupted after {written} write(s); restoring the prior state from {rollbackPath} ...");
        else
        {
            var failed = executed.FailedStep;
            output.WriteLine($"error: {failed?.Operation} {failed?.Name} failed: {executed.Failure!.Message}");
            output.WriteLine($"{written} write(s) had succeeded; restoring the prior state from {rollbackPath} ...");
        }
        var (restore, restorePlan, restoreError) = await RestoreAsync(rollback, abandonRestore).ConfigureAwait(false);
        var status = restore switch
        {
            { Succeeded: true } => AppliedFile.Statuses.RolledBack,
            { Interrupted: true } => AppliedFile.Statuses.RestoreAbandoned,
            _ => AppliedFile.Statuses.RollbackFailed,
        };
        var failedRecord = Record(status, started, desired.Key, source, rollbackPath, executed) with
        {
            RollbackSteps = restore?.Steps ?? [],
            RollbackError = restoreError?.Message ?? (restore is { Interrupted: false } ? restore.Failure?.Message : null),
            Error = interrupted ? "interrupted by a signal" : executed.Failure?.Message,
        };
        LoadLabJson.WriteFile(appliedPath, failedRecord);
        if (restore is { Succeeded: true })
        {
            journal.MarkRestored(rollbackPath);
            foreach (var s in restore.Steps) output.WriteLine($"  restored: {s.Operation} {s.Name}");
            output.WriteLine($"{(interrupted ? "Interrupted and rolled back" : "Rolled back")}: the live configuration is as it was before this apply. Details in {appliedPath}");
            return new ApplyResult(interrupted ? ApplyOutcome.Interrupted : ApplyOutcome.RolledBack, plan, rollbackPath, appliedPath, failedRecord);
        }
        if (restore is { Interrupted: true })
        {
            output.Write(AbandonedRestore.Describe(restorePlan!, restore, rollbackPath));
            output.WriteLine($"Details in {appliedPath}");
            return new ApplyResult(ApplyOutcome.RestoreAbandoned, plan, rollbackPath, appliedPath, failedRecord);
        }
        output.WriteLine($"error: the restore failed too: {failedRecord.RollbackError}");
        output.WriteLine($"The live configuration is partly changed. Retry with: loadlab apply --rollback {rollbackPath} --yes  (details in {appliedPath})");
        return new ApplyResult(ApplyOutcome.RollbackFailed, plan, rollbackPath, appliedPath, failedRecord);
    }

    /// <summary>Restores a rollback point (rollback.json: the oldest not yet restored): plans the way back (removing what
    /// the apply added) and, with --yes, does it.</summary>
    public async Task<ApplyResult> RollbackAsync(RollbackRequest request, CancellationToken cancellationToken = default)
    {
        var pointPath = RollbackJournal.Resolve(request.RollbackPath);
        if (pointPath is null)
        {
            output.WriteLine($"Nothing to restore: every rollback point in {Path.GetDirectoryName(Path.GetFullPath(request.RollbackPath))} has been restored.");
            return new ApplyResult(ApplyOutcome.NoChanges, null);
        }
        if (pointPath != request.RollbackPath) output.WriteLine($"{request.RollbackPath} points to {pointPath}");
        var (rollback, _) = RecommendationLoader.LoadJson<RollbackFile>(pointPath);
        await _scope.CheckEndpointAsync(rollback.Key, pointPath, cancellationToken).ConfigureAwait(false);
        var desired = DesiredConfig.FromState(rollback.Key, rollback.Prior);
        var live = await _scope.ReadScopeAsync(rollback.Key, rollback.AlarmNames.Union(desired.AlarmNames, StringComparer.Ordinal).ToList(), cancellationToken).ConfigureAwait(false);
        var plan = ScalingPlanner.Plan(live, desired, new PlanOptions { Replace = true, Restoring = true });
        TerminalSafeWriter.WriteOwnColours(output, PlanRenderer.Render(plan, color).Replace("matches the recommendation", "matches the saved state", StringComparison.Ordinal));
        var pointDir = Path.GetDirectoryName(Path.GetFullPath(pointPath))!;
        if (!plan.HasChanges)
        {
            output.WriteLine("Nothing to restore.");
            if (request.Yes) new RollbackJournal(pointDir, time).MarkRestored(pointPath);
            return new ApplyResult(ApplyOutcome.NoChanges, plan);
        }
        if (!request.Yes)
        {
            output.WriteLine();
            output.WriteLine(NoChangesMadeMessage);
            return new ApplyResult(ApplyOutcome.PlannedOnly, plan);
        }

        var dir = OutDir(request.OutDir, pointPath);
        var prePath = RollbackJournal.CreateNew(dir, ApplyFileNames.PreRollbackPrefix, time.GetUtcNow(),
            LoadLabJson.Serialize(rollback with { SavedAt = time.GetUtcNow(), Prior = live, Recommendation = null }));
        var started = time.GetUtcNow();
        var executed = await new PlanExecutor(store, time).ExecuteAsync(plan, cancellationToken).ConfigureAwait(false);
        var status = executed.Succeeded ? AppliedFile.Statuses.Restored : AppliedFile.Statuses.Failed;
        var record = Record(status, started, rollback.Key, pointPath, prePath, executed);
        var appliedPath = Path.Combine(dir, ApplyFileNames.RollbackApplied);
        LoadLabJson.WriteFile(appliedPath, record);
        if (executed.Succeeded)
        {
            new RollbackJournal(pointDir, time).MarkRestored(pointPath);
            output.WriteLine($"Restored the state saved at {rollback.SavedAt:O}. Wrote {appliedPath}; the state it replaced is in {prePath}");
            return new ApplyResult(ApplyOutcome.Applied, plan, prePath, appliedPath, record);
        }
        if (executed.Interrupted)
        {
            output.WriteLine($"interrupted: the restore stopped after {executed.Steps.Count} write(s), before its next one; the live configuration is partly restored.");
            output.WriteLine($"To finish it: loadlab apply --rollback {pointPath} --yes  (the state before it is in {prePath}; details in {appliedPath})");
            return new ApplyResult(ApplyOutcome.RestoreAbandoned, plan, prePath, appliedPath, record);
        }
        output.WriteLine($"error: {executed.FailedStep?.Operation} {executed.FailedStep?.Name} failed: {executed.Failure!.Message}");
        output.WriteLine($"The restore stopped midway; the state before it is in {prePath}. Details in {appliedPath}");
        return new ApplyResult(ApplyOutcome.RollbackFailed, plan, prePath, appliedPath, record);
    }

    /// <summary>Writes the recommendation as AWS CLI, CloudFormation or Terraform; touches nothing in AWS. Returns the file written.</summary>
    public static string Emit(EmitRequest request, TextWriter output)
    {
        var (desired, _) = LoadDesired(request.RecommendationPath, request.Endpoint, request.Variant);
        var dir = OutDir(request.OutDir, request.RecommendationPath);
        var path = Path.Combine(dir, IacEmitter.FileName(request.Kind));
        // The emitters take Core's request shapes; retargeting (--endpoint/--variant) is already in `desired`.
        var requests = new IacRequests
        {
            ResourceId = desired.Key.ResourceId, Target = desired.Target, Policies = desired.Policies,
            Alarms = desired.Alarms, ScheduledActions = desired.ScheduledActions,
        };
        var options = new IacOptions { Generator = $"loadlab apply --emit {request.Kind.ToString().ToLowerInvariant()}" };
        AtomicFile.WriteAllText(path, IacEmitter.Emit(request.Kind, requests, options));
        output.WriteLine($"Wrote {path} ({request.Kind}); nothing was applied.");
        return path;
    }

    /// <summary>Loads and validates the recommendation, retargeted; every problem names the file, line and field.</summary>
    public static (DesiredConfig Desired, string Source) LoadDesired(string path, string? endpoint, string? variant)
    {
        var (file, locator) = RecommendationLoader.Load(path);
        var problems = new List<Problem>();
        foreach (var (flag, value) in new[] { ("--endpoint", endpoint), ("--variant", variant) })
            if (value is not null && !System.Text.RegularExpressions.Regex.IsMatch(value, AwsScalingLimits.SageMakerNamePattern))
                problems.Add(Problem.General(path, flag, $"'{value}' is not a SageMaker name (letters, digits and hyphens, up to 63 characters)"));
        if (problems.Count > 0) throw new UserInputException(problems);

        var desired = DesiredConfig.FromRecommendation(file, endpoint, variant);
        problems.AddRange(RecommendationLoader.Locate(
            ScalingRequestValidator.Validate(desired.Target, desired.Policies, desired.Alarms, desired.ScheduledActions, path), locator));
        if (desired.Key.ServiceNamespace != ScalingConstants.SageMakerNamespace)
            problems.Add(Problem.General(path, "RegisterScalableTarget.ServiceNamespace", $"LoadLab applies SageMaker scaling only, got '{desired.Key.ServiceNamespace}'"));
        if (problems.Count > 0) throw new UserInputException(problems);
        return (desired, path);
    }

    /// <summary>Puts the rollback point back. Its reads are not cancellable: once an apply has begun to write, only a
    /// second signal (<paramref name="abandon"/>, checked between writes) may leave the configuration half-changed.</summary>
    private async Task<(ExecutionResult? Result, ScalingPlan? Plan, Exception? Error)> RestoreAsync(RollbackFile rollback, CancellationToken abandon)
    {
        try
        {
            var desired = DesiredConfig.FromState(rollback.Key, rollback.Prior);
            var live = await _scope.ReadScopeAsync(rollback.Key, rollback.AlarmNames, CancellationToken.None).ConfigureAwait(false);
            var plan = ScalingPlanner.Plan(live, desired, new PlanOptions { Replace = true, Restoring = true });
            return (await new PlanExecutor(store, time).ExecuteAsync(plan, abandon).ConfigureAwait(false), plan, null);
        }
        catch (Exception e)
        {
            return (null, null, e);
        }
    }

    private AppliedFile Record(string status, DateTimeOffset started, ScalableTargetKey key, string source, string rollbackPath, ExecutionResult executed) => new()
    {
        Status = status,
        StartedAt = started,
        FinishedAt = time.GetUtcNow(),
        ServiceNamespace = key.ServiceNamespace,
        ResourceId = key.ResourceId,
        ScalableDimension = key.ScalableDimension,
        Source = Path.GetFullPath(source),
        RollbackFile = Path.GetFullPath(rollbackPath),
        Steps = executed.Steps,
        PolicyArns = new SortedDictionary<string, string>(executed.PolicyArns.ToDictionary(), StringComparer.Ordinal),
        Error = executed.Failure?.Message,
    };

    private static string OutDir(string? outDir, string nextTo) =>
        Path.GetFullPath(string.IsNullOrEmpty(outDir) ? Path.GetDirectoryName(Path.GetFullPath(nextTo))! : outDir);

    public static bool TryParseVariant(string resourceId, out string endpoint, out string variant)
    {
        var parts = resourceId.Split('/');
        if (parts is ["endpoint", var e, "variant", var v])
        {
            endpoint = e;
            variant = v;
            return true;
        }
        endpoint = variant = "";
        return false;
    }
}
