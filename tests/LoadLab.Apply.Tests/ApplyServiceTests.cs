using LoadLab.Apply.Files;
using LoadLab.Apply.Planning;
using LoadLab.Core.Errors;
using LoadLab.Core.Json;
using LoadLab.Core.Ports;
using LoadLab.Core.RunFiles;
using LoadLab.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace LoadLab.Apply.Tests;

/// <summary>ApplyService over the in-memory store: the whole flow without AWS (the moto tests repeat the key cases for real).</summary>
public sealed class ApplyServiceTests : IDisposable
{
    private readonly TempDir _dir = new("loadlab-apply");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero));
    private readonly InMemoryScalingConfigStore _store = new InMemoryScalingConfigStore().WithEndpoint("ep");

    public void Dispose() => _dir.Dispose();

    private string Write(RecommendationFile r, string name = "recommendation.json")
    {
        var path = _dir.File(name);
        LoadLabJson.WriteFile(path, r);
        return path;
    }

    private (ApplyService Service, RecordedEvents Events) Service(IScalingConfigStore? store = null)
    {
        var events = new RecordedEvents();
        return (new ApplyService(store ?? _store, _time, events), events);
    }

    private async Task<ScalingConfigState> Snapshot() => await _store.ReadAsync(ScalableTargetKey.Variant("ep", "AllTraffic"));

    [Fact]
    public async Task Without_yes_nothing_is_written()
    {
        var path = Write(Samples.Recommendation());
        var (svc, output) = Service();
        var result = await svc.ApplyAsync(new ApplyRequest { RecommendationPath = path });
        Assert.Equal(ApplyOutcome.PlannedOnly, result.Outcome);
        Assert.Equal(0, _store.Writes);
        Assert.Contains("+ scalable target endpoint/ep/variant/AllTraffic", output.PlanText);
        Assert.DoesNotContain(output.All, e => e is PriorStateSaved);
        Assert.False(File.Exists(_dir.File(ApplyFileNames.Rollback)));
    }

    [Fact]
    public async Task Apply_then_apply_again_changes_nothing()
    {
        var path = Write(Samples.Recommendation());
        var first = await Service().Service.ApplyAsync(new ApplyRequest { RecommendationPath = path, Yes = true });
        Assert.Equal(ApplyOutcome.Applied, first.Outcome);
        var writes = _store.Writes;

        // The alarm points at the policy's real ARN.
        var arn = _store.Policies[(Samples.ResourceId(), "loadlab-step-out")].Arn;
        Assert.Equal([arn], _store.Alarms["loadlab-step-out-high"].AlarmActions);

        var applied = LoadLabJson.Deserialize<AppliedFile>(File.ReadAllText(_dir.File(ApplyFileNames.Applied)));
        Assert.Equal(AppliedFile.Statuses.Applied, applied.Status);
        Assert.Equal(arn, applied.PolicyArns["loadlab-step-out"]);
        Assert.Equal(["RegisterScalableTarget", "PutScalingPolicy", "PutScalingPolicy", "PutMetricAlarm", "PutScheduledAction"], applied.Steps.Select(s => s.Operation));
        var rollback = LoadLabJson.Deserialize<RollbackFile>(File.ReadAllText(RollbackJournal.Resolve(_dir.File(ApplyFileNames.Rollback))!));
        Assert.Null(rollback.Prior.Target);

        var (svc, output) = Service();
        var second = await svc.ApplyAsync(new ApplyRequest { RecommendationPath = path, Yes = true });
        Assert.Equal(ApplyOutcome.NoChanges, second.Outcome);
        Assert.Equal(writes, _store.Writes);
        Assert.Contains("No changes", output.PlanText);
    }

    [Fact]
    public async Task A_failure_midway_is_rolled_back_to_the_prior_state()
    {
        // Prior state: an older LoadLab policy and a foreign scheduled action on a registered target.
        await _store.RegisterScalableTargetAsync(Samples.Target(min: 2, max: 3));
        await _store.PutScalingPolicyAsync(Samples.TargetTracking(500));
        await _store.PutScheduledActionAsync(Samples.Scheduled(name: "team-nightly", schedule: "cron(0 22 * * ? *)"));
        var before = await Snapshot();
        var path = Write(Samples.Recommendation());

        var failing = new FailingStore(_store, failOnWrite: 3);
        var (svc, output) = Service(failing);
        var result = await svc.ApplyAsync(new ApplyRequest { RecommendationPath = path, Yes = true });

        Assert.True(failing.Failed);
        Assert.Equal(ApplyOutcome.RolledBack, result.Outcome);
        Assert.Contains("injected failure", output.Restoring.Failure);
        Assert.False(output.Restoring.Interrupted);
        Assert.Equal(2, output.Restoring.WritesDone);
        var after = await Snapshot();
        Assert.Equivalent(before, after, strict: true);
        Assert.Empty(_store.Alarms);
        var applied = LoadLabJson.Deserialize<AppliedFile>(File.ReadAllText(_dir.File(ApplyFileNames.Applied)));
        Assert.Equal(AppliedFile.Statuses.RolledBack, applied.Status);
        Assert.Contains("injected failure", applied.Error);
        Assert.NotEmpty(applied.RollbackSteps);
    }

    [Fact]
    public async Task Rollback_on_demand_restores_and_can_be_planned_first()
    {
        var path = Write(Samples.Recommendation());
        await Service().Service.ApplyAsync(new ApplyRequest { RecommendationPath = path, Yes = true });
        Assert.NotEmpty(_store.Policies);

        var (dry, dryOut) = Service();
        var planned = await dry.RollbackAsync(new RollbackRequest { RollbackPath = _dir.File(ApplyFileNames.Rollback) });
        Assert.Equal(ApplyOutcome.PlannedOnly, planned.Outcome);
        Assert.Contains("- scalable target", dryOut.PlanText);
        Assert.NotEmpty(_store.Policies);

        var done = await Service().Service.RollbackAsync(new RollbackRequest { RollbackPath = _dir.File(ApplyFileNames.Rollback), Yes = true });
        Assert.Equal(ApplyOutcome.Applied, done.Outcome);
        Assert.Empty(_store.Targets);
        Assert.Empty(_store.Policies);
        Assert.Empty(_store.Alarms);
        Assert.Empty(_store.Actions);
        Assert.Single(Directory.GetFiles(_dir.Path, ApplyFileNames.PreRollbackPrefix + "*.json"));
        Assert.True(File.Exists(_dir.File(ApplyFileNames.RollbackApplied)));
    }

    [Fact]
    public async Task Foreign_policies_survive_an_apply_unless_replace()
    {
        await _store.RegisterScalableTargetAsync(Samples.Target());
        await _store.PutScalingPolicyAsync(Samples.TargetTracking(name: "team-policy"));
        var path = Write(Samples.Recommendation());
        await Service().Service.ApplyAsync(new ApplyRequest { RecommendationPath = path, Yes = true });
        Assert.True(_store.Policies.ContainsKey((Samples.ResourceId(), "team-policy")));

        await Service().Service.ApplyAsync(new ApplyRequest { RecommendationPath = path, Yes = true, Replace = true });
        Assert.False(_store.Policies.ContainsKey((Samples.ResourceId(), "team-policy")));
    }

    [Fact]
    public async Task Refusals_list_every_problem_with_file_and_line_and_write_nothing()
    {
        var bad = Samples.Recommendation(min: 5, max: 2) with { PutScheduledAction = [Samples.Scheduled("cron(every day)")] };
        var path = Write(bad);
        var ex = await Assert.ThrowsAsync<UserInputException>(() => Service().Service.ApplyAsync(new ApplyRequest { RecommendationPath = path, Yes = true }));
        Assert.Contains(ex.Problems, p => p.Field == "RegisterScalableTarget.MaxCapacity" && p.Message.Contains("MinCapacity (5) must not exceed MaxCapacity (2)") && p.Line > 0);
        Assert.Contains(ex.Problems, p => p.Field == "PutScheduledAction[0].Schedule" && p.Line > 0);
        Assert.All(ex.Problems, p => Assert.Equal(path, p.File));
        Assert.Equal(0, _store.Writes);
        Assert.False(File.Exists(_dir.File(ApplyFileNames.Rollback)));
    }

    [Theory]
    [InlineData("Updating", "is Updating")]
    [InlineData("Creating", "is Creating")]
    [InlineData("Failed", "not InService")]
    public async Task Refuses_an_endpoint_that_is_not_in_service(string status, string expected)
    {
        _store.WithEndpoint("ep", status);
        var ex = await Assert.ThrowsAsync<UserInputException>(() =>
            Service().Service.ApplyAsync(new ApplyRequest { RecommendationPath = Write(Samples.Recommendation()), Yes = true }));
        Assert.Contains(ex.Problems, p => p.Field == "Endpoint" && p.Message.Contains(expected));
        Assert.Equal(0, _store.Writes);
    }

    [Fact]
    public async Task Refuses_a_missing_endpoint_or_variant()
    {
        var path = Write(Samples.Recommendation());
        var missing = await Assert.ThrowsAsync<UserInputException>(() => Service().Service.ApplyAsync(new ApplyRequest { RecommendationPath = path, Endpoint = "nope", Yes = true }));
        Assert.Contains(missing.Problems, p => p.Message.Contains("endpoint 'nope' does not exist"));
        var variant = await Assert.ThrowsAsync<UserInputException>(() => Service().Service.ApplyAsync(new ApplyRequest { RecommendationPath = path, Variant = "Blue", Yes = true }));
        Assert.Contains(variant.Problems, p => p.Message.Contains("variant 'Blue' does not exist on endpoint 'ep' (it has: AllTraffic)"));
        Assert.Equal(0, _store.Writes);
    }

    [Fact]
    public async Task An_alarm_that_drives_another_targets_policy_is_not_taken_over_without_replace()
    {
        _store.WithEndpoint("other");
        await Service().Service.ApplyAsync(new ApplyRequest { RecommendationPath = Write(Samples.Recommendation(endpoint: "other"), "other.json"), Yes = true });
        var writes = _store.Writes;

        // Same alarm name, another endpoint: refused, nothing written.
        var ex = await Assert.ThrowsAsync<UserInputException>(() =>
            Service().Service.ApplyAsync(new ApplyRequest { RecommendationPath = Write(Samples.Recommendation()), Yes = true }));
        var p = Assert.Single(ex.Problems);
        Assert.Equal("PutMetricAlarm[0].AlarmName", p.Field);
        Assert.Contains("drives a policy of another scalable target", p.Message);
        Assert.Equal(writes, _store.Writes);

        var taken = await Service().Service.ApplyAsync(new ApplyRequest { RecommendationPath = Write(Samples.Recommendation()), Yes = true, Replace = true });
        Assert.Equal(ApplyOutcome.Applied, taken.Outcome);
    }

    [Fact]
    public async Task Malformed_json_names_the_line()
    {
        var path = _dir.Write("recommendation.json", "{\n  \"endpoint\": \"ep\",\n  \"variant\": 12,\n}");
        var ex = await Assert.ThrowsAsync<UserInputException>(() => Service().Service.ApplyAsync(new ApplyRequest { RecommendationPath = path }));
        var p = Assert.Single(ex.Problems);
        Assert.Equal(3, p.Line);
        Assert.Equal("variant", p.Field);
    }

    [Fact]
    public async Task A_changed_target_plans_exactly_that_field()
    {
        await Service().Service.ApplyAsync(new ApplyRequest { RecommendationPath = Write(Samples.Recommendation(target: 700)), Yes = true });
        var (svc, output) = Service();
        var r = await svc.ApplyAsync(new ApplyRequest { RecommendationPath = Write(Samples.Recommendation(target: 900)), Yes = true });
        Assert.Equal(ApplyOutcome.Applied, r.Outcome);
        var change = Assert.Single(r.Plan!.Changes, c => c.Action != ChangeAction.NoChange);
        Assert.Equal("TargetTrackingScalingPolicyConfiguration.TargetValue", Assert.Single(change.Fields).Path);
        Assert.Contains("700 -> 900", output.PlanText);
        Assert.Equal(900, _store.Policies[(Samples.ResourceId(), "loadlab-target-tracking")].Request.TargetTrackingScalingPolicyConfiguration!.TargetValue);
    }
}

public sealed class ApplyCancellationTests : IDisposable
{
    private readonly TempDir _dir = new("loadlab-apply-cancel");
    public void Dispose() => _dir.Dispose();

    /// <summary>Cancels the token on its first write, like Ctrl+C in the middle of an apply.</summary>
    private sealed class CancellingStore(InMemoryScalingConfigStore inner, CancellationTokenSource cts) : IScalingConfigStore
    {
        private int _writes;
        private async Task Gate(CancellationToken ct)
        {
            if (++_writes == 2) await cts.CancelAsync();
            ct.ThrowIfCancellationRequested();
        }
        public Task<EndpointSummary?> DescribeEndpointAsync(string e, CancellationToken ct = default) => inner.DescribeEndpointAsync(e, ct);
        public Task<ScalingConfigState> ReadAsync(ScalableTargetKey k, CancellationToken ct = default) => inner.ReadAsync(k, ct);
        public Task<IReadOnlyList<Core.AwsApi.PutMetricAlarmRequest>> DescribeAlarmsAsync(IReadOnlyCollection<string> n, CancellationToken ct = default) => inner.DescribeAlarmsAsync(n, ct);
        public Task<IReadOnlyList<Core.AwsApi.PutMetricAlarmRequest>> DescribeAlarmsByPrefixAsync(string p, CancellationToken ct = default) => inner.DescribeAlarmsByPrefixAsync(p, ct);
        public async Task RegisterScalableTargetAsync(Core.AwsApi.RegisterScalableTargetRequest r, CancellationToken ct = default) { await Gate(ct); await inner.RegisterScalableTargetAsync(r, ct); }
        public Task DeregisterScalableTargetAsync(ScalableTargetKey k, CancellationToken ct = default) => inner.DeregisterScalableTargetAsync(k, ct);
        public async Task<string> PutScalingPolicyAsync(Core.AwsApi.PutScalingPolicyRequest r, CancellationToken ct = default) { await Gate(ct); return await inner.PutScalingPolicyAsync(r, ct); }
        public Task DeleteScalingPolicyAsync(ScalableTargetKey k, string n, CancellationToken ct = default) => inner.DeleteScalingPolicyAsync(k, n, ct);
        public async Task PutScheduledActionAsync(Core.AwsApi.PutScheduledActionRequest r, CancellationToken ct = default) { await Gate(ct); await inner.PutScheduledActionAsync(r, ct); }
        public Task DeleteScheduledActionAsync(ScalableTargetKey k, string n, CancellationToken ct = default) => inner.DeleteScheduledActionAsync(k, n, ct);
        public async Task PutMetricAlarmAsync(Core.AwsApi.PutMetricAlarmRequest r, CancellationToken ct = default) { await Gate(ct); await inner.PutMetricAlarmAsync(r, ct); }
        public Task DeleteAlarmsAsync(IReadOnlyList<string> n, CancellationToken ct = default) => inner.DeleteAlarmsAsync(n, ct);
    }

    [Fact]
    public async Task Ctrl_c_midway_restores_the_prior_state()
    {
        var store = new InMemoryScalingConfigStore().WithEndpoint("ep");
        using var cts = new CancellationTokenSource();
        var path = _dir.File("recommendation.json");
        LoadLabJson.WriteFile(path, Samples.Recommendation());
        var svc = new ApplyService(new CancellingStore(store, cts), new FakeTimeProvider());

        var result = await svc.ApplyAsync(new ApplyRequest { RecommendationPath = path, Yes = true }, cts.Token);

        // The write in flight is not cut off (the store never sees a cancelled token); the apply stops after it.
        Assert.Equal(ApplyOutcome.Interrupted, result.Outcome);
        Assert.Equal(["RegisterScalableTarget", "PutScalingPolicy"], result.Applied!.Steps.Where(s => s.Error is null).Select(s => s.Operation));
        Assert.Empty(store.Targets);
        Assert.Empty(store.Policies);
    }
}
