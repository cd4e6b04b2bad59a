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
/// read the live configuration, print the plan, and only with --yes save rollback.json, write in AWS's order, and
/// on a failure midway restore the prior state. Also restores a rollback.json on demand.
/// Output goes to <paramref name="output"/>; ANSI colour only when <paramref name="color"/> (a terminal).
/// </summary>
public sealed class ApplyService(IScalingConfigStore store, TimeProvider time, TextWriter output, bool color = false)
{
    public const string NoChangesMadeMessage = "no changes made; run again with --yes to apply";

    public async Task<ApplyResult> ApplyAsync(ApplyRequest request, CancellationToken cancellationToken = default)
    {
        var (desired, source) = LoadDesired(request.RecommendationPath, request.Endpoint, request.Variant);
        await CheckEndpointAsync(desired.Key, request.RecommendationPath, cancellationToken).ConfigureAwait(false);

        var live = await ReadScopeAsync(desired.Key, desired.AlarmNames, cancellationToken).ConfigureAwait(false);
        CheckAlarmConflicts(desired, live, request.RecommendationPath, request.Replace);
        var plan = ScalingPlanner.Plan(live, desired, new PlanOptions { Replace = request.Replace });
        output.Write(PlanRenderer.Render(plan, color));
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

        var dir = OutDir(request.OutDir, request.RecommendationPath);
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
        var rollbackPath = Path.Combine(dir, ApplyFileNames.Rollback);
        LoadLabJson.WriteFile(rollbackPath, rollback);
        output.WriteLine();
        output.WriteLine($"Saved the prior state to {rollbackPath}");

        var started = time.GetUtcNow();
        var executed = await new PlanExecutor(store, time).ExecuteAsync(plan, cancellationToken).ConfigureAwait(false);
        var appliedPath = Path.Combine(dir, ApplyFileNames.Applied);
        if (executed.Succeeded)
        {
            var record = Record(AppliedFile.Statuses.Applied, started, desired.Key, source, rollbackPath, executed);
            LoadLabJson.WriteFile(appliedPath, record);
            foreach (var s in executed.Steps) output.WriteLine($"  done: {s.Operation} {s.Name}{(s.Arn is null ? "" : $" -> {s.Arn}")}{(s.Note is null ? "" : $" ({s.Note})")}");
            output.WriteLine($"Applied: {plan.ToAdd} added, {plan.ToChange} changed, {plan.ToRemove} removed. Wrote {appliedPath}");
            output.WriteLine($"To undo: loadlab apply --rollback {rollbackPath} --yes");
            return new ApplyResult(ApplyOutcome.Applied, plan, rollbackPath, appliedPath, record);
        }

        // A write failed midway: report it, then put the prior state back.
        var failed = executed.FailedStep;
        output.WriteLine($"error: {failed?.Operation} {failed?.Name} failed: {executed.Failure!.Message}");
        output.WriteLine($"{executed.Steps.Count(s => s.Error is null)} write(s) had succeeded; restoring the prior state from {rollbackPath} ...");
        ExecutionResult? restore = null;
        Exception? restoreError = null;
        try
        {
            // Not cancellable: once a write has failed (or the user pressed Ctrl+C) the restore must run to the end.
            restore = await RestoreAsync(rollback, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            restoreError = e;
        }
        var restored = restore is { Succeeded: true };
        var status = restored ? AppliedFile.Statuses.RolledBack : AppliedFile.Statuses.RollbackFailed;
        var failedRecord = Record(status, started, desired.Key, source, rollbackPath, executed) with
        {
            RollbackSteps = restore?.Steps ?? [],
            RollbackError = restoreError?.Message ?? restore?.Failure?.Message,
        };
        LoadLabJson.WriteFile(appliedPath, failedRecord);
        if (restored)
        {
            foreach (var s in restore!.Steps) output.WriteLine($"  restored: {s.Operation} {s.Name}");
            output.WriteLine($"Rolled back: the live configuration is as it was before this apply. Details in {appliedPath}");
            return new ApplyResult(ApplyOutcome.RolledBack, plan, rollbackPath, appliedPath, failedRecord);
        }
        output.WriteLine($"error: the restore failed too: {failedRecord.RollbackError}");
        output.WriteLine($"The live configuration is partly changed. Retry with: loadlab apply --rollback {rollbackPath} --yes  (details in {appliedPath})");
        return new ApplyResult(ApplyOutcome.RollbackFailed, plan, rollbackPath, appliedPath, failedRecord);
    }

    /// <summary>Restores a rollback.json: plans the way back (removing what the apply added) and, with --yes, does it.</summary>
    public async Task<ApplyResult> RollbackAsync(RollbackRequest request, CancellationToken cancellationToken = default)
    {
        var (rollback, _) = RecommendationLoader.LoadJson<RollbackFile>(request.RollbackPath);
        await CheckEndpointAsync(rollback.Key, request.RollbackPath, cancellationToken).ConfigureAwait(false);
        var desired = DesiredConfig.FromState(rollback.Key, rollback.Prior);
        var live = await ReadScopeAsync(rollback.Key, rollback.AlarmNames.Union(desired.AlarmNames, StringComparer.Ordinal).ToList(), cancellationToken).ConfigureAwait(false);
        var plan = ScalingPlanner.Plan(live, desired, new PlanOptions { Replace = true, Restoring = true });
        output.Write(PlanRenderer.Render(plan, color).Replace("matches the recommendation", "matches the saved state", StringComparison.Ordinal));
        if (!plan.HasChanges)
        {
            output.WriteLine("Nothing to restore.");
            return new ApplyResult(ApplyOutcome.NoChanges, plan);
        }
        if (!request.Yes)
        {
            output.WriteLine();
            output.WriteLine(NoChangesMadeMessage);
            return new ApplyResult(ApplyOutcome.PlannedOnly, plan);
        }

        var dir = OutDir(request.OutDir, request.RollbackPath);
        var prePath = Path.Combine(dir, ApplyFileNames.PreRollback);
        LoadLabJson.WriteFile(prePath, rollback with { SavedAt = time.GetUtcNow(), Prior = live, Recommendation = null });
        var started = time.GetUtcNow();
        var executed = await new PlanExecutor(store, time).ExecuteAsync(plan, cancellationToken).ConfigureAwait(false);
        var status = executed.Succeeded ? AppliedFile.Statuses.Restored : AppliedFile.Statuses.Failed;
        var record = Record(status, started, rollback.Key, request.RollbackPath, prePath, executed);
        var appliedPath = Path.Combine(dir, ApplyFileNames.RollbackApplied);
        LoadLabJson.WriteFile(appliedPath, record);
        if (executed.Succeeded)
        {
            output.WriteLine($"Restored the state saved at {rollback.SavedAt:O}. Wrote {appliedPath}; the state it replaced is in {prePath}");
            return new ApplyResult(ApplyOutcome.Applied, plan, prePath, appliedPath, record);
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

    /// <summary>The endpoint exists and is InService, and the variant exists; every problem at once, exit 2.</summary>
    private async Task CheckEndpointAsync(ScalableTargetKey key, string source, CancellationToken cancellationToken)
    {
        if (!TryParseVariant(key.ResourceId, out var endpoint, out var variant)) return; // inference components: nothing to describe here
        var e = await store.DescribeEndpointAsync(endpoint, cancellationToken).ConfigureAwait(false);
        var problems = new List<Problem>();
        if (e is null)
            problems.Add(Problem.General(source, "Endpoint", $"endpoint '{endpoint}' does not exist (DescribeEndpoint found nothing in this region/account)"));
        else
        {
            if (e.EndpointStatus != EndpointSummary.InService)
                problems.Add(Problem.General(source, "Endpoint", e.EndpointStatus is "Creating" or "Updating" or "SystemUpdating" or "RollingBack"
                    ? $"endpoint '{endpoint}' is {e.EndpointStatus}; Application Auto Scaling cannot be changed until it is InService again. Wait for it and run this again."
                    : $"endpoint '{endpoint}' is {e.EndpointStatus}, not InService{(e.FailureReason is null ? "" : $" ({e.FailureReason})")}; refusing to change its scaling"));
            if (!e.VariantNames.Contains(variant, StringComparer.Ordinal))
                problems.Add(Problem.General(source, "Variant", $"variant '{variant}' does not exist on endpoint '{endpoint}' (it has: {string.Join(", ", e.VariantNames)})"));
        }
        if (problems.Count > 0) throw new UserInputException(problems);
    }

    /// <summary>
    /// Refuses to take over an existing alarm that drives a scaling policy of another scalable target (alarm names are
    /// global in the account): overwriting it would silently break that target's scaling. --replace overrides.
    /// </summary>
    private static void CheckAlarmConflicts(DesiredConfig desired, ScalingConfigState live, string source, bool replace)
    {
        if (replace) return;
        var marker = ResourceMarker(desired.Key);
        var problems = new List<Problem>();
        for (var i = 0; i < desired.Alarms.Count; i++)
        {
            var existing = live.Alarms.FirstOrDefault(a => a.AlarmName == desired.Alarms[i].AlarmName);
            var foreign = existing?.AlarmActions?.FirstOrDefault(x => ScalingRequestValidator.ReferencedPolicyName(x) is not null && !IsPolicyOf(x, marker));
            if (foreign is not null)
                problems.Add(Problem.General(source, $"PutMetricAlarm[{i}].AlarmName",
                    $"alarm '{existing!.AlarmName}' already exists and drives a policy of another scalable target ({foreign}); rename it in the recommendation or rerun with --replace to take it over"));
        }
        if (problems.Count > 0) throw new UserInputException(problems);
    }

    /// <summary>The live target plus the alarms in scope: the named ones, the ones its step policies list, and LoadLab's
    /// own ("loadlab-" prefix) whose actions point at a policy of this target, live or gone. AWS leaves a step policy's
    /// alarms behind when the policy is deleted; an orphan of ours is in scope, so the plan shows and removes it.</summary>
    private async Task<ScalingConfigState> ReadScopeAsync(ScalableTargetKey key, IReadOnlyCollection<string> alarmNames, CancellationToken cancellationToken)
    {
        var state = await store.ReadAsync(key, cancellationToken).ConfigureAwait(false);
        var names = new HashSet<string>(alarmNames, StringComparer.Ordinal);
        foreach (var p in state.Policies.Where(p => p.Request.PolicyType == PolicyTypes.StepScaling))
            names.UnionWith(p.AlarmNames ?? []);
        var alarms = (await store.DescribeAlarmsAsync(names, cancellationToken).ConfigureAwait(false)).ToList();
        var arns = state.Policies.Select(p => p.PolicyArn).ToHashSet(StringComparer.Ordinal);
        var marker = ResourceMarker(key);
        foreach (var a in await store.DescribeAlarmsByPrefixAsync(Ownership.Prefix, cancellationToken).ConfigureAwait(false))
            if (!names.Contains(a.AlarmName) && (a.AlarmActions ?? []).Any(x => arns.Contains(x) || IsPolicyOf(x, marker)))
                alarms.Add(a);
        return state with { Alarms = alarms.OrderBy(a => a.AlarmName, StringComparer.Ordinal).ToList() };
    }

    /// <summary>The part of a scaling policy ARN that names its target: "...:resource/sagemaker/endpoint/e/variant/v:policyName/...".</summary>
    private static string ResourceMarker(ScalableTargetKey key) => $":resource/{key.ServiceNamespace}/{key.ResourceId}:";

    private static bool IsPolicyOf(string alarmAction, string marker) =>
        ScalingRequestValidator.ReferencedPolicyName(alarmAction) is not null && alarmAction.Contains(marker, StringComparison.Ordinal);

    private async Task<ExecutionResult> RestoreAsync(RollbackFile rollback, CancellationToken cancellationToken)
    {
        var desired = DesiredConfig.FromState(rollback.Key, rollback.Prior);
        var live = await ReadScopeAsync(rollback.Key, rollback.AlarmNames, cancellationToken).ConfigureAwait(false);
        var plan = ScalingPlanner.Plan(live, desired, new PlanOptions { Replace = true, Restoring = true });
        return await new PlanExecutor(store, time).ExecuteAsync(plan, cancellationToken).ConfigureAwait(false);
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
