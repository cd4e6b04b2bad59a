using LoadLab.Apply.Model;
using LoadLab.Apply.Planning;
using LoadLab.Core.AwsApi;
using LoadLab.Core.Ports;

namespace LoadLab.Apply.Tests;

public class PlannerTests
{
    private static DesiredConfig Desired(double target = 700, int min = 1, int max = 4) =>
        DesiredConfig.FromRecommendation(Samples.Recommendation(target: target, min: min, max: max));

    private static ScalingConfigState LiveFrom(DesiredConfig d, Func<string, string>? arn = null)
    {
        arn ??= n => $"arn:aws:autoscaling:us-east-1:1:scalingPolicy:x:resource/sagemaker/{d.Key.ResourceId}:policyName/{n}";
        var arns = d.Policies.ToDictionary(p => p.PolicyName, p => arn(p.PolicyName));
        return new ScalingConfigState
        {
            Target = d.Target,
            Policies = d.Policies.Select(p => new LiveScalingPolicy(p, arns[p.PolicyName])).ToList(),
            ScheduledActions = d.ScheduledActions.Select(s => new LiveScheduledAction(s)).ToList(),
            Alarms = d.Alarms.Select(a => ScalingPlanner.ResolveActions(a, arns)).ToList(),
        };
    }

    [Fact]
    public void Bare_variant_plans_every_resource_as_added()
    {
        var plan = ScalingPlanner.Plan(new ScalingConfigState(), Desired());
        Assert.True(plan.HasChanges);
        Assert.Equal(5, plan.ToAdd); // target, 2 policies, 1 alarm, 1 scheduled action
        Assert.Equal(0, plan.ToChange + plan.ToRemove);
        var target = plan.Changes.Single(c => c.Kind == ResourceKind.ScalableTarget);
        Assert.Contains(target.Fields, f => f is { Path: "MinCapacity", Old: null, New: "1" });
        var alarm = plan.Changes.Single(c => c.Kind == ResourceKind.MetricAlarm);
        Assert.Contains(alarm.Fields, f => f.Path == "AlarmActions[0]" && f.New == ScalingPlanner.KnownAfterApply("loadlab-step-out"));
    }

    [Fact]
    public void Same_state_plans_nothing()
    {
        var d = Desired();
        var plan = ScalingPlanner.Plan(LiveFrom(d), d);
        Assert.False(plan.HasChanges);
        Assert.All(plan.Changes, c => Assert.Equal(ChangeAction.NoChange, c.Action));
        Assert.Contains("No changes", PlanRenderer.Render(plan));
    }

    [Fact]
    public void A_changed_target_value_is_exactly_one_field_change()
    {
        var live = LiveFrom(Desired(700));
        var plan = ScalingPlanner.Plan(live, Desired(850));
        var changed = Assert.Single(plan.Changes, c => c.Action != ChangeAction.NoChange);
        Assert.Equal(ResourceKind.ScalingPolicy, changed.Kind);
        Assert.Equal("loadlab-target-tracking", changed.Name);
        var f = Assert.Single(changed.Fields);
        Assert.Equal(new FieldChange("TargetTrackingScalingPolicyConfiguration.TargetValue", "700", "850"), f);
        var text = PlanRenderer.Render(plan);
        Assert.Contains("~ scaling policy loadlab-target-tracking", text);
        Assert.Contains("~ TargetTrackingScalingPolicyConfiguration.TargetValue: 700 -> 850", text);
        Assert.Contains("Plan: 0 to add, 1 to change, 0 to remove.", text);
    }

    [Fact]
    public void Capacity_change_shows_old_and_new()
    {
        var plan = ScalingPlanner.Plan(LiveFrom(Desired(min: 1, max: 4)), Desired(min: 2, max: 8));
        var t = plan.Changes.Single(c => c.Kind == ResourceKind.ScalableTarget);
        Assert.Equal(ChangeAction.Update, t.Action);
        Assert.Equal(["MaxCapacity: 4 -> 8", "MinCapacity: 1 -> 2"], t.Fields.Select(f => $"{f.Path}: {f.Old} -> {f.New}"));
    }

    [Fact]
    public void Aws_owned_target_fields_and_defaults_are_not_differences()
    {
        var d = Desired();
        var live = LiveFrom(d) with
        {
            Target = d.Target! with { RoleARN = "arn:aws:iam::1:role/aws-service-role/x", SuspendedState = new() { DynamicScalingInSuspended = false } },
            Alarms = LiveFrom(d).Alarms.Select(a => a with { ActionsEnabled = true, TreatMissingData = "missing" }).ToList(),
        };
        Assert.False(ScalingPlanner.Plan(live, d).HasChanges);
    }

    [Fact]
    public void A_live_only_policy_field_is_shown_as_removed()
    {
        var d = Desired();
        var live = LiveFrom(d);
        var tt = live.Policies[0];
        live = live with
        {
            Policies = [tt with { Request = tt.Request with { TargetTrackingScalingPolicyConfiguration = tt.Request.TargetTrackingScalingPolicyConfiguration! with { DisableScaleIn = true } } }, live.Policies[1]],
        };
        var change = ScalingPlanner.Plan(live, d).Changes.Single(c => c.Action == ChangeAction.Update);
        Assert.Equal(new FieldChange("TargetTrackingScalingPolicyConfiguration.DisableScaleIn", "true", null), Assert.Single(change.Fields));
    }

    [Fact]
    public void Foreign_policies_are_left_alone_unless_replace_and_owned_leftovers_are_removed()
    {
        var d = Desired();
        var foreign = new LiveScalingPolicy(Samples.TargetTracking(name: "team-policy"), "arn:aws:autoscaling:x:policyName/team-policy");
        var stale = new LiveScalingPolicy(Samples.TargetTracking(name: "loadlab-old"), "arn:aws:autoscaling:x:policyName/loadlab-old");
        var live = LiveFrom(d);
        live = live with { Policies = [.. live.Policies, foreign, stale] };

        var plan = ScalingPlanner.Plan(live, d);
        Assert.Equal(ChangeAction.LeftAlone, plan.ActionFor(ResourceKind.ScalingPolicy, "team-policy"));
        Assert.Equal(ChangeAction.Delete, plan.ActionFor(ResourceKind.ScalingPolicy, "loadlab-old"));
        Assert.Contains("= scaling policy team-policy", PlanRenderer.Render(plan));
        Assert.Contains("- scaling policy loadlab-old", PlanRenderer.Render(plan));

        var replace = ScalingPlanner.Plan(live, d, new PlanOptions { Replace = true });
        Assert.Equal(ChangeAction.Delete, replace.ActionFor(ResourceKind.ScalingPolicy, "team-policy"));
    }

    [Fact]
    public void Step_and_dimension_order_does_not_matter()
    {
        var d = Desired();
        var live = LiveFrom(d);
        var step = live.Policies[1];
        var cfg = step.Request.StepScalingPolicyConfiguration!;
        live = live with
        {
            Policies = [live.Policies[0], step with { Request = step.Request with { StepScalingPolicyConfiguration = cfg with { StepAdjustments = cfg.StepAdjustments!.Reverse().ToList() } } }],
            Alarms = live.Alarms.Select(a => a with { Dimensions = a.Dimensions!.Reverse().ToList() }).ToList(),
        };
        Assert.False(ScalingPlanner.Plan(live, d).HasChanges);
    }

    [Fact]
    public void Rolling_back_to_a_bare_variant_deregisters()
    {
        var d = Desired();
        var back = DesiredConfig.FromState(d.Key, new ScalingConfigState());
        var plan = ScalingPlanner.Plan(LiveFrom(d), back, new PlanOptions { Replace = true });
        Assert.Equal(ChangeAction.Delete, plan.ActionFor(ResourceKind.ScalableTarget, d.Key.ResourceId));
        Assert.Equal(5, plan.ToRemove);
    }

    [Fact]
    public void Colour_only_when_asked()
    {
        var plan = ScalingPlanner.Plan(new ScalingConfigState(), Desired());
        Assert.DoesNotContain("\u001b[", PlanRenderer.Render(plan));
        Assert.Contains("\u001b[32m", PlanRenderer.Render(plan, color: true));
    }

    [Fact]
    public void Retargeting_moves_every_resource_id_and_alarm_dimension()
    {
        var d = DesiredConfig.FromRecommendation(Samples.Recommendation(), "other-ep", "Blue");
        var id = ScalingConstants.VariantResourceId("other-ep", "Blue");
        Assert.Equal(id, d.Key.ResourceId);
        Assert.All(d.Policies, p => Assert.Equal(id, p.ResourceId));
        Assert.All(d.ScheduledActions, s => Assert.Equal(id, s.ResourceId));
        Assert.Equal(["other-ep", "Blue"], d.Alarms[0].Dimensions!.Select(x => x.Value));
    }

    [Fact]
    public void Retargeting_renames_alarms_named_after_the_recommended_variant()
    {
        var r = Samples.Recommendation() with { PutMetricAlarm = [Samples.Alarm(name: "loadlab-ep-AllTraffic-spike")] };
        Assert.Equal("loadlab-other-Blue-spike", DesiredConfig.FromRecommendation(r, "other", "Blue").Alarms[0].AlarmName);
        Assert.Equal("loadlab-ep-AllTraffic-spike", DesiredConfig.FromRecommendation(r).Alarms[0].AlarmName);
    }

    [Fact]
    public void Retargeting_renames_only_whole_name_parts()
    {
        // The sample endpoint is "ep": "step" contains it, but is not it.
        var r = Samples.Recommendation() with { PutMetricAlarm = [Samples.Alarm(name: "loadlab-step-out-high")] };
        Assert.Equal("loadlab-step-out-high", DesiredConfig.FromRecommendation(r, "other", "Blue").Alarms[0].AlarmName);
        var own = Samples.Recommendation() with { PutMetricAlarm = [Samples.Alarm(name: "loadlab-ep-step")] };
        Assert.Equal("loadlab-other-step", DesiredConfig.FromRecommendation(own, "other", "Blue").Alarms[0].AlarmName);
    }
}
