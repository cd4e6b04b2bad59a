using LoadLab.Apply.Files;
using LoadLab.Apply.Planning;
using LoadLab.Core.AwsApi;
using LoadLab.Core.Errors;
using LoadLab.Core.Json;
using LoadLab.Core.Ports;
using LoadLab.Core.RunFiles;
using LoadLab.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace LoadLab.Apply.Tests.Moto;

/// <summary>
/// `loadlab apply` end to end against moto_server (strict SigV4): real HTTP, real Application Auto Scaling,
/// CloudWatch and SageMaker calls through the AWS layer.
/// </summary>
[Collection(ApplyMotoCollection.Name)]
public sealed class ApplyMotoTests(MotoServer moto) : IDisposable
{
    private readonly TempDir _dir = new("loadlab-apply-moto");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero));

    public void Dispose() => _dir.Dispose();

    private string Write(RecommendationFile r, string name = "recommendation.json")
    {
        var path = _dir.File(name);
        LoadLabJson.WriteFile(path, r);
        return path;
    }

    private (ApplyService Service, RecordedEvents Events) Service(IScalingConfigStore store)
    {
        var events = new RecordedEvents();
        return (new ApplyService(store, _time, events), events);
    }

    /// <summary>The live state without ARNs (moto gives a re-put policy a new ARN), for before/after comparisons.</summary>
    internal static async Task<string> Fingerprint(IScalingConfigStore store, string endpoint, params string[] alarmNames)
    {
        var key = ScalableTargetKey.Variant(endpoint, "AllTraffic");
        var s = await store.ReadAsync(key);
        var alarms = await store.DescribeAlarmsAsync(alarmNames);
        return LoadLabJson.Serialize(new
        {
            s.Target,
            Policies = s.Policies.Select(p => p.Request),
            Actions = s.ScheduledActions.Select(a => a.Request),
            Alarms = alarms.Select(a => a with { AlarmActions = a.AlarmActions?.Select(x => ScalingRequestValidatorName(x)).ToList() }),
        });
    }

    private static string ScalingRequestValidatorName(string action) =>
        LoadLab.Core.AwsApi.Validation.ScalingRequestValidator.ReferencedPolicyName(action) is { } n ? "policy:" + n : action;

    [Fact]
    public async Task Plan_on_a_bare_variant_lists_everything_and_writes_nothing()
    {
        using var aws = MotoStack.Context(moto);
        var store = MotoStack.Store(aws);
        var ep = await MotoStack.CreateEndpointAsync(aws);
        var (svc, output) = Service(store);

        var result = await svc.ApplyAsync(new ApplyRequest { RecommendationPath = Write(Samples.Recommendation(endpoint: ep)) });

        Assert.Equal(ApplyOutcome.PlannedOnly, result.Outcome);
        var text = output.PlanText;
        Assert.Contains($"+ scalable target endpoint/{ep}/variant/AllTraffic", text);
        Assert.Contains("+ scaling policy loadlab-target-tracking", text);
        Assert.Contains("+ TargetTrackingScalingPolicyConfiguration.TargetValue: 700", text);
        Assert.Contains("+ alarm loadlab-step-out-high", text);
        Assert.Contains("+ scheduled action loadlab-weekday-morning", text);
        Assert.Contains("Plan: 5 to add, 0 to change, 0 to remove.", text);
        var live = await store.ReadAsync(ScalableTargetKey.Variant(ep, "AllTraffic"));
        Assert.Null(live.Target);
        Assert.Empty(await store.DescribeAlarmsAsync(["loadlab-step-out-high"]));
    }

    [Fact]
    public async Task Apply_apply_again_then_change_the_target()
    {
        using var aws = MotoStack.Context(moto);
        var store = MotoStack.Store(aws);
        var ep = await MotoStack.CreateEndpointAsync(aws);
        // Alarm names are global in CloudWatch: make them unique per test.
        var alarm = MotoServer.UniqueName("loadlab-high");
        RecommendationFile Rec(double target) => Samples.Recommendation(endpoint: ep, target: target) with
        {
            PutMetricAlarm = [Samples.Alarm(name: alarm, endpoint: ep)],
        };

        var first = await Service(store).Service.ApplyAsync(new ApplyRequest { RecommendationPath = Write(Rec(700)), Yes = true });
        Assert.Equal(ApplyOutcome.Applied, first.Outcome);

        var key = ScalableTargetKey.Variant(ep, "AllTraffic");
        var live = await store.ReadAsync(key);
        Assert.Equal(1, live.Target!.MinCapacity);
        Assert.Equal(4, live.Target.MaxCapacity);
        Assert.Equal(["loadlab-step-out", "loadlab-target-tracking"], live.Policies.Select(p => p.Request.PolicyName));
        var stepArn = live.Policies.Single(p => p.Request.PolicyName == "loadlab-step-out").PolicyArn;
        Assert.StartsWith("arn:aws:autoscaling:", stepArn);
        var liveAlarm = Assert.Single(await store.DescribeAlarmsAsync([alarm]));
        Assert.Equal([stepArn], liveAlarm.AlarmActions);
        Assert.Equal("cron(0 8 ? * MON-FRI *)", Assert.Single(live.ScheduledActions).Request.Schedule);

        var applied = LoadLabJson.Deserialize<AppliedFile>(File.ReadAllText(_dir.File(ApplyFileNames.Applied)));
        Assert.Equal(stepArn, applied.PolicyArns["loadlab-step-out"]);
        Assert.Contains(applied.Steps, s => s.Operation == "PutScalingPolicy" && s.Arn == stepArn);

        // Again: nothing to do, and nothing is written.
        var (again, againOut) = Service(store);
        var second = await again.ApplyAsync(new ApplyRequest { RecommendationPath = Write(Rec(700)), Yes = true });
        Assert.Equal(ApplyOutcome.NoChanges, second.Outcome);
        Assert.Contains("No changes", againOut.PlanText);

        // A new target value: the plan shows exactly that field.
        var (change, changeOut) = Service(store);
        var third = await change.ApplyAsync(new ApplyRequest { RecommendationPath = Write(Rec(850)), Yes = true });
        Assert.Equal(ApplyOutcome.Applied, third.Outcome);
        var changed = Assert.Single(third.Plan!.Changes, c => c.Action != ChangeAction.NoChange);
        Assert.Equal(new FieldChange("TargetTrackingScalingPolicyConfiguration.TargetValue", "700", "850"), Assert.Single(changed.Fields));
        Assert.Contains("~ TargetTrackingScalingPolicyConfiguration.TargetValue: 700 -> 850", changeOut.PlanText);
        live = await store.ReadAsync(key);
        Assert.Equal(850, live.Policies.Single(p => p.Request.PolicyName == "loadlab-target-tracking").Request.TargetTrackingScalingPolicyConfiguration!.TargetValue);

        // And after that, idempotent again.
        Assert.Equal(ApplyOutcome.NoChanges, (await Service(store).Service.ApplyAsync(new ApplyRequest { RecommendationPath = Write(Rec(850)), Yes = true })).Outcome);
    }

    [Theory]
    [InlineData(3, "PutScalingPolicy loadlab-step-out")]          // register, target tracking, then the step policy fails
    [InlineData(4, "PutMetricAlarm")]                             // both policies written, the alarm fails
    [InlineData(5, "PutScheduledAction loadlab-weekday-morning")] // everything but the scheduled action
    public async Task A_failure_midway_is_rolled_back_and_the_state_equals_the_state_before(int failOnWrite, string failedStep)
    {
        using var aws = MotoStack.Context(moto);
        var store = MotoStack.Store(aws);
        var ep = await MotoStack.CreateEndpointAsync(aws);
        var alarm = MotoServer.UniqueName("loadlab-high");

        // Prior state: an earlier LoadLab policy on a registered target, and a team's own scheduled action.
        await store.RegisterScalableTargetAsync(Samples.Target(min: 2, max: 3, endpoint: ep));
        await store.PutScalingPolicyAsync(Samples.TargetTracking(500, endpoint: ep));
        await store.PutScheduledActionAsync(Samples.Scheduled("cron(0 22 * * ? *)", "team-nightly", ep, min: 1, max: 2));
        var before = await Fingerprint(store, ep, alarm);

        var rec = Samples.Recommendation(endpoint: ep) with { PutMetricAlarm = [Samples.Alarm(name: alarm, endpoint: ep)] };
        var failing = new FailingStore(store, failOnWrite);
        var (svc, output) = Service(failing);
        var result = await svc.ApplyAsync(new ApplyRequest { RecommendationPath = Write(rec), Yes = true });

        Assert.True(failing.Failed);
        Assert.Equal(ApplyOutcome.RolledBack, result.Outcome);
        Assert.Contains(failedStep, $"{output.Restoring.FailedStep?.Operation} {output.Restoring.FailedStep?.Name}");
        Assert.Contains("injected failure", output.Restoring.Failure);
        Assert.Equal(before, await Fingerprint(store, ep, alarm));
        var applied = LoadLabJson.Deserialize<AppliedFile>(File.ReadAllText(_dir.File(ApplyFileNames.Applied)));
        Assert.Equal(AppliedFile.Statuses.RolledBack, applied.Status);
        Assert.Equal(failOnWrite - 1, applied.Steps.Count(s => s.Error is null));
        Assert.Single(applied.Steps, s => s.Error is not null);
    }

    [Fact]
    public async Task Rollback_on_demand_restores_a_bare_variant()
    {
        using var aws = MotoStack.Context(moto);
        var store = MotoStack.Store(aws);
        var ep = await MotoStack.CreateEndpointAsync(aws);
        var alarm = MotoServer.UniqueName("loadlab-high");
        var rec = Samples.Recommendation(endpoint: ep) with { PutMetricAlarm = [Samples.Alarm(name: alarm, endpoint: ep)] };
        var before = await Fingerprint(store, ep, alarm);

        await Service(store).Service.ApplyAsync(new ApplyRequest { RecommendationPath = Write(rec), Yes = true });
        Assert.NotEqual(before, await Fingerprint(store, ep, alarm));

        var result = await Service(store).Service.RollbackAsync(new RollbackRequest { RollbackPath = _dir.File(ApplyFileNames.Rollback), Yes = true });
        Assert.Equal(ApplyOutcome.Applied, result.Outcome);
        Assert.Equal(before, await Fingerprint(store, ep, alarm));
    }

    [Fact]
    public async Task An_alarm_of_ours_left_behind_by_a_deleted_step_policy_is_planned_for_removal_and_removed()
    {
        using var aws = MotoStack.Context(moto);
        var store = MotoStack.Store(aws);
        var ep = await MotoStack.CreateEndpointAsync(aws);
        var key = ScalableTargetKey.Variant(ep, "AllTraffic");
        var ours = MotoServer.UniqueName("loadlab-orphan");
        var theirs = MotoServer.UniqueName("team-orphan");
        await Service(store).Service.ApplyAsync(new ApplyRequest
        {
            RecommendationPath = Write(Samples.Recommendation(endpoint: ep) with { PutMetricAlarm = [Samples.Alarm(name: ours, endpoint: ep)] }), Yes = true,
        });
        var stepArn = (await store.ReadAsync(key)).Policies.Single(p => p.Request.PolicyName == "loadlab-step-out").PolicyArn;
        await store.PutMetricAlarmAsync(Samples.Alarm(name: theirs, endpoint: ep) with { AlarmActions = [stepArn] });

        // Someone deletes the step policy by hand; as in AWS, its alarms stay, pointing at a policy that is gone.
        await store.DeleteScalingPolicyAsync(key, "loadlab-step-out");
        Assert.Equal(2, (await store.DescribeAlarmsAsync([ours, theirs])).Count);

        var recommendation = Write(Samples.Recommendation(endpoint: ep, withStep: false));
        var (plan, planOut) = Service(store);
        await plan.ApplyAsync(new ApplyRequest { RecommendationPath = recommendation });
        Assert.Contains($"- alarm {ours}", planOut.PlanText);
        Assert.DoesNotContain(theirs, planOut.PlanText);

        var applied = await Service(store).Service.ApplyAsync(new ApplyRequest { RecommendationPath = recommendation, Yes = true });
        Assert.Equal(ApplyOutcome.Applied, applied.Outcome);
        Assert.Equal([theirs], (await store.DescribeAlarmsAsync([ours, theirs])).Select(a => a.AlarmName));
    }

    [Fact]
    public async Task Refusals_exit_2_with_clear_messages_and_write_nothing()
    {
        using var aws = MotoStack.Context(moto);
        var store = MotoStack.Store(aws);
        var ep = await MotoStack.CreateEndpointAsync(aws);
        var key = ScalableTargetKey.Variant(ep, "AllTraffic");

        async Task<UserInputException> Refused(RecommendationFile r, string? endpoint = null, string? variant = null)
        {
            var ex = await Assert.ThrowsAsync<UserInputException>(() =>
                Service(store).Service.ApplyAsync(new ApplyRequest { RecommendationPath = Write(r), Endpoint = endpoint, Variant = variant, Yes = true }));
            Assert.Null((await store.ReadAsync(key)).Target);
            Assert.False(File.Exists(_dir.File(ApplyFileNames.Rollback)));
            Assert.False(File.Exists(_dir.File(ApplyFileNames.Applied)));
            return ex;
        }

        // Min > Max: moto would accept it; AWS and LoadLab do not.
        var minMax = await Refused(Samples.Recommendation(endpoint: ep, min: 6, max: 2));
        Assert.Contains(minMax.Problems, p => p.Field == "RegisterScalableTarget.MaxCapacity" && p.Message == "MinCapacity (6) must not exceed MaxCapacity (2)" && p.Line > 0);

        var variant = await Refused(Samples.Recommendation(endpoint: ep), variant: "Blue");
        Assert.Contains(variant.Problems, p => p.Field == "Variant" && p.Message.Contains($"variant 'Blue' does not exist on endpoint '{ep}' (it has: AllTraffic)"));

        var missing = await Refused(Samples.Recommendation(endpoint: "no-such-endpoint"));
        Assert.Contains(missing.Problems, p => p.Field == "Endpoint" && p.Message.Contains("endpoint 'no-such-endpoint' does not exist"));

        var schedule = await Refused(Samples.Recommendation(endpoint: ep) with { PutScheduledAction = [Samples.Scheduled("cron(0 8 * * *)", endpoint: ep)] });
        var p = Assert.Single(schedule.Problems);
        Assert.Equal("PutScheduledAction[0].Schedule", p.Field);
        Assert.True(p.Line > 0);
    }
}
