using LoadLab.Apply.Execution;
using LoadLab.Apply.Files;
using LoadLab.Apply.Planning;
using LoadLab.Core.Errors;
using LoadLab.Core.Json;
using LoadLab.Core.Ports;
using LoadLab.Core.RunFiles;
using LoadLab.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace LoadLab.Apply.Tests;

/// <summary>Rollback points are never overwritten, rollback.json names the oldest not yet restored, an apply after a
/// partial one is refused, and signals stop an apply only between writes (in-memory store; the moto tests repeat it).</summary>
public sealed class RollbackPointTests : IDisposable
{
    private readonly TempDir _dir = new("loadlab-rollback-points");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero));
    private readonly InMemoryScalingConfigStore _store = new InMemoryScalingConfigStore().WithEndpoint("ep");

    public void Dispose() => _dir.Dispose();

    private string Write(RecommendationFile r)
    {
        var path = _dir.File("recommendation.json");
        LoadLabJson.WriteFile(path, r);
        return path;
    }

    private (ApplyService Service, RecordedEvents Events) Service(IScalingConfigStore? store = null)
    {
        var events = new RecordedEvents();
        return (new ApplyService(store ?? _store, _time, events), events);
    }

    private Task<ScalingConfigState> Snapshot() => _store.ReadAsync(ScalableTargetKey.Variant("ep", "AllTraffic"));

    /// <summary>Prior state: a registered target (2..3) with an older LoadLab target-tracking policy at 500.</summary>
    private async Task<string> PriorStateAsync()
    {
        await _store.RegisterScalableTargetAsync(Samples.Target(min: 2, max: 3));
        await _store.PutScalingPolicyAsync(Samples.TargetTracking(500));
        return LoadLabJson.Serialize(await Snapshot());
    }

    private string Pointer() => File.ReadAllText(_dir.File(ApplyFileNames.Rollback));

    [Fact]
    public async Task After_a_partial_apply_a_rerun_is_refused_and_rollback_json_still_restores_the_state_before_it()
    {
        var before = await PriorStateAsync();
        var path = Write(Samples.Recommendation());

        // Writes 1 (register 1..4) and 2 (target tracking 700) succeed, 3 fails; the restore's first write (4) fails too.
        var (svc, output) = Service(new FailingStore(_store, 3, 4));
        var partial = await svc.ApplyAsync(new ApplyRequest { RecommendationPath = path, Yes = true });
        Assert.Equal(ApplyOutcome.RollbackFailed, partial.Outcome);
        Assert.NotNull(partial.Applied!.RollbackError);
        Assert.Equal(partial.RollbackPath, partial.UndoPath);
        Assert.Equal(4, (await Snapshot()).Target!.MaxCapacity); // half-applied
        var firstPoint = partial.RollbackPath!;
        var pointerBefore = Pointer();

        // Re-running is refused, changes nothing, and keeps the rollback point.
        var writes = _store.Writes;
        var refused = await Assert.ThrowsAsync<UserInputException>(() => Service().Service.ApplyAsync(new ApplyRequest { RecommendationPath = path, Yes = true }));
        var problem = Assert.Single(refused.Problems);
        Assert.Equal(_dir.File(ApplyFileNames.Applied), problem.File);
        Assert.Contains("ended partly applied (rollback_failed", problem.Message);
        Assert.Contains($"loadlab apply --rollback {firstPoint} --yes", problem.Message);
        Assert.Contains("--after-partial-apply", problem.Message);
        Assert.Equal(writes, _store.Writes);
        Assert.Equal(pointerBefore, Pointer());

        // With the explicit flag it applies on top; rollback.json still points at the state before the first apply.
        var forced = await Service().Service.ApplyAsync(new ApplyRequest { RecommendationPath = path, Yes = true, AfterPartialApply = true });
        Assert.Equal(ApplyOutcome.Applied, forced.Outcome);
        Assert.NotEqual(firstPoint, forced.RollbackPath);
        Assert.Equal(2, Directory.GetFiles(_dir.Path, "rollback-2*.json").Length);
        Assert.Equal(firstPoint, RollbackJournal.Resolve(_dir.File(ApplyFileNames.Rollback)));

        var restored = await Service().Service.RollbackAsync(new RollbackRequest { RollbackPath = _dir.File(ApplyFileNames.Rollback), Yes = true });
        Assert.Equal(ApplyOutcome.Applied, restored.Outcome);
        Assert.Equal(before, LoadLabJson.Serialize(await Snapshot()));

        // Both points are done now; the pointer says so, and an apply is allowed again.
        Assert.Null(RollbackJournal.Resolve(_dir.File(ApplyFileNames.Rollback)));
        Assert.True(RollbackJournal.IsRestored(firstPoint) && RollbackJournal.IsRestored(forced.RollbackPath!));
        var again = await Service().Service.RollbackAsync(new RollbackRequest { RollbackPath = _dir.File(ApplyFileNames.Rollback), Yes = true });
        Assert.Equal((ApplyOutcome.NoChanges, null), (again.Outcome, again.Plan));
        Assert.Equal(Path.GetFullPath(_dir.Path), again.AllRestoredIn);
        Assert.Equal(ApplyOutcome.Applied, (await Service().Service.ApplyAsync(new ApplyRequest { RecommendationPath = path, Yes = true })).Outcome);
    }

    [Fact]
    public async Task Each_apply_keeps_its_own_rollback_point_and_none_is_overwritten()
    {
        var before = await PriorStateAsync();
        var first = await Service().Service.ApplyAsync(new ApplyRequest { RecommendationPath = Write(Samples.Recommendation(target: 700)), Yes = true });
        var firstText = File.ReadAllText(first.RollbackPath!);
        var second = await Service().Service.ApplyAsync(new ApplyRequest { RecommendationPath = Write(Samples.Recommendation(target: 850)), Yes = true });

        // The fake clock stood still: same timestamp, so the second point takes the next suffix.
        Assert.EndsWith("rollback-20261127T120000.000Z.json", first.RollbackPath);
        Assert.EndsWith("rollback-20261127T120000.000Z-2.json", second.RollbackPath);
        Assert.Equal(firstText, File.ReadAllText(first.RollbackPath!));
        Assert.Equal(700, LoadLabJson.Deserialize<RollbackFile>(File.ReadAllText(second.RollbackPath!)).Prior.Policies
            .Single(p => p.Request.PolicyName == "loadlab-target-tracking").Request.TargetTrackingScalingPolicyConfiguration!.TargetValue);

        // Undoing only the last apply names its point; rollback.json then still undoes the first one too.
        await Service().Service.RollbackAsync(new RollbackRequest { RollbackPath = second.RollbackPath!, Yes = true });
        Assert.Equal(first.RollbackPath, RollbackJournal.Resolve(_dir.File(ApplyFileNames.Rollback)));
        await Service().Service.RollbackAsync(new RollbackRequest { RollbackPath = _dir.File(ApplyFileNames.Rollback), Yes = true });
        Assert.Equal(before, LoadLabJson.Serialize(await Snapshot()));
    }

    [Fact]
    public async Task A_rollback_json_from_before_points_were_kept_becomes_a_point_and_is_not_lost()
    {
        var before = await PriorStateAsync();
        var legacy = new RollbackFile
        {
            SavedAt = _time.GetUtcNow().AddDays(-1), ServiceNamespace = "sagemaker", ResourceId = Samples.ResourceId(),
            ScalableDimension = "sagemaker:variant:DesiredInstanceCount", Prior = await Snapshot(),
        };
        LoadLabJson.WriteFile(_dir.File(ApplyFileNames.Rollback), legacy);
        var legacyText = File.ReadAllText(_dir.File(ApplyFileNames.Rollback));

        await Service().Service.ApplyAsync(new ApplyRequest { RecommendationPath = Write(Samples.Recommendation()), Yes = true });

        var kept = RollbackJournal.Resolve(_dir.File(ApplyFileNames.Rollback))!;
        Assert.EndsWith("rollback-20261126T120000.000Z.json", kept);
        Assert.Equal(legacyText, File.ReadAllText(kept));
        await Service().Service.RollbackAsync(new RollbackRequest { RollbackPath = _dir.File(ApplyFileNames.Rollback), Yes = true });
        Assert.Equal(before, LoadLabJson.Serialize(await Snapshot()));
    }

    [Fact]
    public async Task A_signal_during_a_write_lets_it_finish_then_restores_the_prior_state()
    {
        var before = await PriorStateAsync();
        using var interruption = new ApplyInterruption(_time);
        var store = new FailingStore(_store, failOnWrite: 0) { OnWrite = (n, _) => { if (n == 2) interruption.Signal(); } };
        var (svc, output) = Service(store);

        var result = await svc.ApplyAsync(new ApplyRequest { RecommendationPath = Write(Samples.Recommendation()), Yes = true }, interruption.Stop, interruption.Abandon);

        Assert.Equal(ApplyOutcome.Interrupted, result.Outcome);
        Assert.Equal(["RegisterScalableTarget", "PutScalingPolicy"], result.Applied!.Steps.Select(s => s.Operation)); // the write in flight finished; no third
        Assert.Null(result.Applied.Steps[1].Error);
        Assert.Equal(AppliedFile.Statuses.RolledBack, result.Applied.Status);
        Assert.Equal((2, true), (output.Restoring.WritesDone, output.Restoring.Interrupted));
        Assert.Equal(before, LoadLabJson.Serialize(await Snapshot()));
        Assert.True(RollbackJournal.IsRestored(result.RollbackPath!));
    }

    [Fact]
    public async Task A_second_signal_within_the_window_abandons_the_restore_and_says_what_is_live()
    {
        await PriorStateAsync();
        using var interruption = new ApplyInterruption(_time);
        // The first signal during write 2 (target tracking 500 -> 700); the second during the restore's first write.
        var store = new FailingStore(_store, failOnWrite: 0)
        {
            OnWrite = (n, _) =>
            {
                if (n == 2) interruption.Signal();
                if (n == 3) { _time.Advance(TimeSpan.FromSeconds(2)); interruption.Signal(); }
            },
        };
        var (svc, output) = Service(store);
        var path = Write(Samples.Recommendation());

        var result = await svc.ApplyAsync(new ApplyRequest { RecommendationPath = path, Yes = true }, interruption.Stop, interruption.Abandon);

        Assert.Equal(ApplyOutcome.RestoreAbandoned, result.Outcome);
        Assert.Equal(AppliedFile.Statuses.RestoreAbandoned, result.Applied!.Status);
        var restoreStep = Assert.Single(result.Applied.RollbackSteps);
        // The restore's first write put the target back (2..3); the policy is still as this apply wrote it.
        var live = await Snapshot();
        Assert.Equal(3, live.Target!.MaxCapacity);
        Assert.Equal(700, live.Policies.Single().Request.TargetTrackingScalingPolicyConfiguration!.TargetValue);
        Assert.Equal("RegisterScalableTarget", restoreStep.Operation);
        // What still differs from the saved state is the policy alone, as this apply wrote it.
        var left = Assert.Single(result.LeftToRestore);
        Assert.Equal((ResourceKind.ScalingPolicy, "loadlab-target-tracking", ChangeAction.Update), (left.Kind, left.Name, left.Action));
        var field = Assert.Single(left.Fields);
        Assert.Equal(("TargetTrackingScalingPolicyConfiguration.TargetValue", "700", "500"), (field.Path, field.Old, field.New));
        Assert.Equal(result.RollbackPath, result.UndoPath);

        // Partly applied: the next apply is refused until that rollback is done.
        await Assert.ThrowsAsync<UserInputException>(() => Service().Service.ApplyAsync(new ApplyRequest { RecommendationPath = path, Yes = true }));
        await Service().Service.RollbackAsync(new RollbackRequest { RollbackPath = result.RollbackPath!, Yes = true });
        Assert.Equal(500, (await Snapshot()).Policies.Single().Request.TargetTrackingScalingPolicyConfiguration!.TargetValue);
        Assert.Equal(ApplyOutcome.Applied, (await Service().Service.ApplyAsync(new ApplyRequest { RecommendationPath = path, Yes = true })).Outcome);
    }

    [Fact]
    public void A_second_signal_abandons_only_within_the_window_of_the_one_before()
    {
        using var interruption = new ApplyInterruption(_time, TimeSpan.FromSeconds(5));
        Assert.Equal(SignalEffect.Stopping, interruption.Signal());
        Assert.True(interruption.Stop.IsCancellationRequested);
        _time.Advance(TimeSpan.FromSeconds(6));
        Assert.Equal(SignalEffect.Reminded, interruption.Signal());
        Assert.False(interruption.Abandon.IsCancellationRequested);
        _time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(SignalEffect.Abandoning, interruption.Signal());
        Assert.True(interruption.Abandon.IsCancellationRequested);
    }
}
