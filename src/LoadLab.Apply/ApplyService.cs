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

namespace LoadLab.Apply;

/// <summary>
/// Installs a recommended scaling policy safely: validate (AWS's rules, stricter than moto), check the endpoint,
/// read the live configuration, plan, and only when asked (<see cref="ApplyRequest.Yes"/>) save rollback.json, write
/// in AWS's order, and on a failure midway restore the prior state. Also restores a rollback.json on demand.
/// It prints nothing: <paramref name="events"/> hears each point reached as it happens, and the result carries the rest.
/// </summary>
public sealed class ApplyService(IScalingConfigStore store, TimeProvider time, IProgress<ApplyEvent>? events = null)
{
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
        events?.Report(new PlanReady(plan, Restoring: false));
        if (!plan.HasChanges) return new ApplyResult(ApplyOutcome.NoChanges, plan);
        if (!request.Yes) return new ApplyResult(ApplyOutcome.PlannedOnly, plan);
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
        events?.Report(new PriorStateSaved(rollbackPath));

        var started = time.GetUtcNow();
        var appliedPath = Path.Combine(journal.Directory, ApplyFileNames.Applied);
        var noSteps = new ExecutionResult([], new Dictionary<string, string>(), null);
        LoadLabJson.WriteFile(appliedPath, Record(AppliedFile.Statuses.InProgress, started, desired.Key, source, rollbackPath, noSteps) with { FinishedAt = null });
        var executed = await new PlanExecutor(store, time).ExecuteAsync(plan, cancellationToken).ConfigureAwait(false);
        if (executed.Succeeded && !cancellationToken.IsCancellationRequested)
        {
            var record = Record(AppliedFile.Statuses.Applied, started, desired.Key, source, rollbackPath, executed);
            LoadLabJson.WriteFile(appliedPath, record);
            return new ApplyResult(ApplyOutcome.Applied, plan, rollbackPath, appliedPath, record) { UndoPath = journal.PointerPath, Executed = executed };
        }

        // A write failed midway, or a signal came: say so, then put the prior state back.
        var interrupted = executed.Interrupted || cancellationToken.IsCancellationRequested;
        events?.Report(new RestoringPriorState(rollbackPath, executed.Steps.Count(s => s.Error is null), interrupted,
            interrupted ? null : executed.FailedStep, interrupted ? null : executed.Failure?.Message));
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
        var stopped = new ApplyResult(ApplyOutcome.RollbackFailed, plan, rollbackPath, appliedPath, failedRecord) { UndoPath = rollbackPath, Executed = executed };
        if (restore is { Succeeded: true })
        {
            journal.MarkRestored(rollbackPath);
            return stopped with { Outcome = interrupted ? ApplyOutcome.Interrupted : ApplyOutcome.RolledBack, UndoPath = null };
        }
        if (restore is { Interrupted: true })
            return stopped with { Outcome = ApplyOutcome.RestoreAbandoned, LeftToRestore = AbandonedRestore.Remaining(restorePlan!, restore) };
        return stopped;
    }

    /// <summary>Restores a rollback point (rollback.json: the oldest not yet restored): plans the way back (removing what
    /// the apply added) and, with --yes, does it.</summary>
    public async Task<ApplyResult> RollbackAsync(RollbackRequest request, CancellationToken cancellationToken = default)
    {
        var pointPath = RollbackJournal.Resolve(request.RollbackPath);
        if (pointPath is null)
            return new ApplyResult(ApplyOutcome.NoChanges, null) { IsRollback = true, AllRestoredIn = Path.GetDirectoryName(Path.GetFullPath(request.RollbackPath)) };
        if (pointPath != request.RollbackPath) events?.Report(new RollbackPointResolved(request.RollbackPath, pointPath));
        var (rollback, _) = RecommendationLoader.LoadJson<RollbackFile>(pointPath);
        await _scope.CheckEndpointAsync(rollback.Key, pointPath, cancellationToken).ConfigureAwait(false);
        var desired = DesiredConfig.FromState(rollback.Key, rollback.Prior);
        var live = await _scope.ReadScopeAsync(rollback.Key, rollback.AlarmNames.Union(desired.AlarmNames, StringComparer.Ordinal).ToList(), cancellationToken).ConfigureAwait(false);
        var plan = ScalingPlanner.Plan(live, desired, new PlanOptions { Replace = true, Restoring = true });
        events?.Report(new PlanReady(plan, Restoring: true));
        var pointDir = Path.GetDirectoryName(Path.GetFullPath(pointPath))!;
        if (!plan.HasChanges)
        {
            if (request.Yes) new RollbackJournal(pointDir, time).MarkRestored(pointPath);
            return new ApplyResult(ApplyOutcome.NoChanges, plan) { IsRollback = true };
        }
        if (!request.Yes) return new ApplyResult(ApplyOutcome.PlannedOnly, plan) { IsRollback = true };

        var dir = OutDir(request.OutDir, pointPath);
        var prePath = RollbackJournal.CreateNew(dir, ApplyFileNames.PreRollbackPrefix, time.GetUtcNow(),
            LoadLabJson.Serialize(rollback with { SavedAt = time.GetUtcNow(), Prior = live, Recommendation = null }));
        var started = time.GetUtcNow();
        var executed = await new PlanExecutor(store, time).ExecuteAsync(plan, cancellationToken).ConfigureAwait(false);
        var status = executed.Succeeded ? AppliedFile.Statuses.Restored : AppliedFile.Statuses.Failed;
        var record = Record(status, started, rollback.Key, pointPath, prePath, executed);
        var appliedPath = Path.Combine(dir, ApplyFileNames.RollbackApplied);
        LoadLabJson.WriteFile(appliedPath, record);
        var result = new ApplyResult(ApplyOutcome.Applied, plan, prePath, appliedPath, record) { IsRollback = true, Executed = executed, RestoredStateSavedAt = rollback.SavedAt };
        if (executed.Succeeded)
        {
            new RollbackJournal(pointDir, time).MarkRestored(pointPath);
            return result;
        }
        return executed.Interrupted
            ? result with { Outcome = ApplyOutcome.RestoreAbandoned, UndoPath = pointPath }
            : result with { Outcome = ApplyOutcome.RollbackFailed };
    }

    /// <summary>Writes the recommendation as AWS CLI, CloudFormation or Terraform; touches nothing in AWS. Returns the file written.</summary>
    public static string Emit(EmitRequest request)
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
