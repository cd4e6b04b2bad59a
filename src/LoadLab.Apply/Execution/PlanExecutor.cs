using LoadLab.Apply.Planning;
using LoadLab.Core.AwsApi;
using LoadLab.Core.Ports;
using LoadLab.Core.RunFiles;

namespace LoadLab.Apply.Execution;

/// <summary>One write that was made (or attempted, when <see cref="Error"/> is set).</summary>
public sealed record ExecutedStep
{
    public required string Operation { get; init; }
    public required string Name { get; init; }
    public string? Arn { get; init; }
    public required DateTimeOffset At { get; init; }
    public string? Note { get; init; }
    public string? Error { get; init; }
}

/// <summary>What <see cref="PlanExecutor"/> did: the steps in order, the policy ARNs now live, and the failure if any.</summary>
public sealed record ExecutionResult(IReadOnlyList<ExecutedStep> Steps, IReadOnlyDictionary<string, string> PolicyArns, Exception? Failure)
{
    public bool Succeeded => Failure is null;
    /// <summary>Stopped by a signal between two writes (every step made succeeded).</summary>
    public bool Interrupted => Failure is ApplyInterruptedException;
    public ExecutedStep? FailedStep => Failure is null or ApplyInterruptedException ? null : Steps.LastOrDefault(s => s.Error is not null);
}

/// <summary>
/// Carries out a plan in AWS's order: RegisterScalableTarget, PutScalingPolicy, PutMetricAlarm (wired to the ARNs
/// PutScalingPolicy returned), PutScheduledAction; then the removals (alarms, policies, scheduled actions, and last
/// the target itself). Stops at the first failure and reports it; undoing is the caller's job (it holds the prior
/// state). An alarm is also re-put when its policy came back with a different ARN than the one it points at.
/// <c>stop</c> is checked before each write and never cuts one off: a write AWS has half-taken is state nobody knows.
/// </summary>
public sealed class PlanExecutor(IScalingConfigStore store, TimeProvider time)
{
    public async Task<ExecutionResult> ExecuteAsync(ScalingPlan plan, CancellationToken stop = default)
    {
        var steps = new List<ExecutedStep>();
        var arns = plan.Live.Policies.ToDictionary(p => p.Request.PolicyName, p => p.PolicyArn, StringComparer.Ordinal);
        var key = plan.Key;

        async Task Run(string operation, string name, Func<Task<string?>> write, string? note = null)
        {
            if (stop.IsCancellationRequested) throw new StepFailedException(new ApplyInterruptedException());
            try
            {
                var arn = await write().ConfigureAwait(false);
                steps.Add(new ExecutedStep { Operation = operation, Name = name, Arn = arn, At = time.GetUtcNow(), Note = note });
            }
            catch (Exception e)
            {
                steps.Add(new ExecutedStep { Operation = operation, Name = name, At = time.GetUtcNow(), Note = note, Error = e.Message });
                throw new StepFailedException(e);
            }
        }

        bool Writes(ResourceKind kind, string name) => plan.ActionFor(kind, name) is ChangeAction.Create or ChangeAction.Update;

        try
        {
            if (plan.Desired.Target is { } target && Writes(ResourceKind.ScalableTarget, key.ResourceId))
                await Run("RegisterScalableTarget", key.ResourceId, async () =>
                {
                    await store.RegisterScalableTargetAsync(target, CancellationToken.None).ConfigureAwait(false);
                    return null;
                }).ConfigureAwait(false);

            foreach (var p in plan.Desired.Policies.Where(p => Writes(ResourceKind.ScalingPolicy, p.PolicyName)))
                await Run("PutScalingPolicy", p.PolicyName, async () =>
                {
                    var arn = await store.PutScalingPolicyAsync(p, CancellationToken.None).ConfigureAwait(false);
                    arns[p.PolicyName] = arn;
                    return arn;
                }).ConfigureAwait(false);

            var liveAlarms = plan.Live.Alarms.ToDictionary(a => a.AlarmName, StringComparer.Ordinal);
            foreach (var a in plan.Desired.Alarms)
            {
                var resolved = ScalingPlanner.ResolveActions(a, arns);
                if (resolved.AlarmActions?.FirstOrDefault(x => x.StartsWith(RecommendationFile.PolicyArnPlaceholderPrefix, StringComparison.Ordinal)) is { } unresolved)
                    throw new StepFailedException(new InvalidOperationException($"alarm {a.AlarmName}: no policy ARN for '{unresolved}'"));
                var rewire = !Writes(ResourceKind.MetricAlarm, a.AlarmName) && liveAlarms.TryGetValue(a.AlarmName, out var la)
                             && !(la.AlarmActions ?? []).SequenceEqual(resolved.AlarmActions ?? []);
                if (!Writes(ResourceKind.MetricAlarm, a.AlarmName) && !rewire) continue;
                await Run("PutMetricAlarm", a.AlarmName, async () =>
                {
                    await store.PutMetricAlarmAsync(resolved, CancellationToken.None).ConfigureAwait(false);
                    return null;
                }, rewire ? "re-wired to the policy's new ARN" : null).ConfigureAwait(false);
            }

            foreach (var s in plan.Desired.ScheduledActions.Where(s => Writes(ResourceKind.ScheduledAction, s.ScheduledActionName)))
                await Run("PutScheduledAction", s.ScheduledActionName, async () =>
                {
                    await store.PutScheduledActionAsync(s, CancellationToken.None).ConfigureAwait(false);
                    return null;
                }).ConfigureAwait(false);

            var deletions = plan.Changes.Where(c => c.Action == ChangeAction.Delete).ToList();
            var alarmNames = deletions.Where(c => c.Kind == ResourceKind.MetricAlarm).Select(c => c.Name).ToList();
            if (alarmNames.Count > 0)
                await Run("DeleteAlarms", string.Join(",", alarmNames), async () =>
                {
                    await store.DeleteAlarmsAsync(alarmNames, CancellationToken.None).ConfigureAwait(false);
                    return null;
                }).ConfigureAwait(false);
            foreach (var c in deletions.Where(c => c.Kind == ResourceKind.ScalingPolicy))
                await Run("DeleteScalingPolicy", c.Name, async () =>
                {
                    await store.DeleteScalingPolicyAsync(key, c.Name, CancellationToken.None).ConfigureAwait(false);
                    arns.Remove(c.Name);
                    return null;
                }).ConfigureAwait(false);
            foreach (var c in deletions.Where(c => c.Kind == ResourceKind.ScheduledAction))
                await Run("DeleteScheduledAction", c.Name, async () =>
                {
                    await store.DeleteScheduledActionAsync(key, c.Name, CancellationToken.None).ConfigureAwait(false);
                    return null;
                }).ConfigureAwait(false);
            if (deletions.Any(c => c.Kind == ResourceKind.ScalableTarget))
                await Run("DeregisterScalableTarget", key.ResourceId, async () =>
                {
                    await store.DeregisterScalableTargetAsync(key, CancellationToken.None).ConfigureAwait(false);
                    return null;
                }).ConfigureAwait(false);
        }
        catch (StepFailedException f)
        {
            if (f.InnerException is not ApplyInterruptedException && (steps.Count == 0 || steps[^1].Error is null))
                steps.Add(new ExecutedStep { Operation = "(internal)", Name = "", At = time.GetUtcNow(), Error = f.InnerException!.Message });
            return new ExecutionResult(steps, arns, f.InnerException);
        }
        return new ExecutionResult(steps, arns, null);
    }

    private sealed class StepFailedException(Exception inner) : Exception(inner.Message, inner);
}
