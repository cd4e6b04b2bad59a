using LoadLab.Apply.Files;
using LoadLab.Core.Errors;
using LoadLab.Core.Json;
using LoadLab.Core.RunFiles;
using LoadLab.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace LoadLab.Apply.Tests.Moto;

/// <summary>The rollback point survives a re-run after a partial apply, against moto_server (strict SigV4).</summary>
[Collection(ApplyMotoCollection.Name)]
public sealed class RollbackPointMotoTests(MotoServer moto) : IDisposable
{
    private readonly TempDir _dir = new("loadlab-apply-moto-points");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero));

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task A_rerun_after_a_partial_apply_is_refused_and_the_rollback_restores_the_capacity_from_before()
    {
        using var aws = MotoStack.Context(moto);
        var store = MotoStack.Store(aws);
        var ep = await MotoStack.CreateEndpointAsync(aws);
        var alarm = MotoServer.UniqueName("loadlab-high");
        await store.RegisterScalableTargetAsync(Samples.Target(min: 2, max: 3, endpoint: ep));
        await store.PutScalingPolicyAsync(Samples.TargetTracking(500, endpoint: ep));
        var before = await ApplyMotoTests.Fingerprint(store, ep, alarm);

        var path = _dir.File("recommendation.json");
        LoadLabJson.WriteFile(path, Samples.Recommendation(endpoint: ep) with { PutMetricAlarm = [Samples.Alarm(name: alarm, endpoint: ep)] });
        ApplyService Service(LoadLab.Core.Ports.IScalingConfigStore s) => new(s, _time);

        // Register (1..4) and the target tracking policy succeed, the step policy fails, and so does the restore's first write.
        var partial = await Service(new FailingStore(store, 3, 4)).ApplyAsync(new ApplyRequest { RecommendationPath = path, Yes = true });
        Assert.Equal(ApplyOutcome.RollbackFailed, partial.Outcome);
        Assert.NotEqual(before, await ApplyMotoTests.Fingerprint(store, ep, alarm));

        var refused = await Assert.ThrowsAsync<UserInputException>(() => Service(store).ApplyAsync(new ApplyRequest { RecommendationPath = path, Yes = true }));
        Assert.Contains("ended partly applied", Assert.Single(refused.Problems).Message);

        var forced = await Service(store).ApplyAsync(new ApplyRequest { RecommendationPath = path, Yes = true, AfterPartialApply = true });
        Assert.Equal(ApplyOutcome.Applied, forced.Outcome);
        var pointer = _dir.File(ApplyFileNames.Rollback);
        Assert.Equal(partial.RollbackPath, RollbackJournal.Resolve(pointer));

        var restored = await Service(store).RollbackAsync(new RollbackRequest { RollbackPath = pointer, Yes = true });
        Assert.Equal(ApplyOutcome.Applied, restored.Outcome);
        Assert.Equal(before, await ApplyMotoTests.Fingerprint(store, ep, alarm));
        var live = await store.ReadAsync(LoadLab.Core.Ports.ScalableTargetKey.Variant(ep, "AllTraffic"));
        Assert.Equal((2, 3), (live.Target!.MinCapacity, live.Target.MaxCapacity));
    }
}
