using LoadLab.Core.AwsApi;
using LoadLab.Core.AwsApi.Validation;

namespace LoadLab.Apply.Tests;

public class ValidatorTests
{
    private static IReadOnlyList<string> Fields(LoadLab.Core.RunFiles.RecommendationFile r) =>
        ScalingRequestValidator.Validate(r, "recommendation.json").Select(p => p.Field).ToList();

    [Fact]
    public void A_well_formed_recommendation_has_no_problems()
    {
        var problems = ScalingRequestValidator.Validate(Samples.Recommendation(), "recommendation.json");
        Assert.Empty(problems);
    }

    [Fact]
    public void Min_above_max_is_refused_even_though_moto_accepts_it()
    {
        var p = ScalingRequestValidator.ValidateTarget(Samples.Target(min: 5, max: 2), "r.json");
        var one = Assert.Single(p);
        Assert.Equal("RegisterScalableTarget.MaxCapacity", one.Field);
        Assert.Contains("MinCapacity (5) must not exceed MaxCapacity (2)", one.Message);
        Assert.Equal("r.json", one.File);
    }

    [Fact]
    public void Zero_min_capacity_is_only_for_inference_components()
    {
        var variant = ScalingRequestValidator.ValidateTarget(Samples.Target(min: 0, max: 2), "r.json");
        Assert.Contains(variant, p => p.Field == "RegisterScalableTarget.MinCapacity" && p.Message.Contains("inference components"));

        var ic = new RegisterScalableTargetRequest
        {
            ResourceId = "inference-component/my-ic", ScalableDimension = AwsScalingLimits.InferenceComponentDimension, MinCapacity = 0, MaxCapacity = 2,
        };
        Assert.Empty(ScalingRequestValidator.ValidateTarget(ic, "r.json"));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-5.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(1e200)]
    public void Target_value_must_be_positive_and_within_aws_range(double value)
    {
        var p = ScalingRequestValidator.ValidatePolicy(Samples.TargetTracking(value), "r.json", "PutScalingPolicy[0]");
        Assert.Contains(p, x => x.Field == "PutScalingPolicy[0].TargetTrackingScalingPolicyConfiguration.TargetValue");
    }

    [Theory]
    [InlineData(-1, true)]
    [InlineData(86_401, true)]
    [InlineData(0, false)]
    [InlineData(86_400, false)]
    public void Cooldowns_must_lie_in_range(int seconds, bool bad)
    {
        var p = ScalingRequestValidator.ValidatePolicy(Samples.TargetTracking(scaleIn: seconds), "r.json", "P");
        Assert.Equal(bad, p.Any(x => x.Field == "P.TargetTrackingScalingPolicyConfiguration.ScaleInCooldown"));
    }

    [Fact]
    public void Policy_name_rules()
    {
        Assert.Contains(ScalingRequestValidator.ValidatePolicy(Samples.TargetTracking(name: new string('x', 257)), "r", "P"), x => x.Field == "P.PolicyName");
        Assert.Contains(ScalingRequestValidator.ValidatePolicy(Samples.TargetTracking(name: "a\u0001b"), "r", "P"), x => x.Field == "P.PolicyName");
        Assert.Empty(ScalingRequestValidator.ValidatePolicy(Samples.TargetTracking(name: new string('x', 256)), "r", "P"));
    }

    [Theory]
    [InlineData("has:colon")]
    [InlineData("has/slash")]
    [InlineData("has|pipe")]
    [InlineData(" leading")]
    [InlineData("trailing ")]
    public void Scheduled_action_name_rules(string name)
    {
        var p = ScalingRequestValidator.ValidateScheduledAction(Samples.Scheduled(name: name), "r", "S");
        Assert.Contains(p, x => x.Field == "S.ScheduledActionName");
    }

    [Fact]
    public void Scheduled_action_needs_a_capacity_and_min_not_above_max()
    {
        Assert.Contains(ScalingRequestValidator.ValidateScheduledAction(Samples.Scheduled(min: null, max: null), "r", "S"), x => x.Field == "S.ScalableTargetAction");
        Assert.Contains(ScalingRequestValidator.ValidateScheduledAction(Samples.Scheduled(min: 7, max: 3), "r", "S"), x => x.Field == "S.ScalableTargetAction.MaxCapacity");
    }

    [Fact]
    public void Timezone_must_be_iana()
    {
        var bad = Samples.Scheduled() with { Timezone = "Mars/Olympus" };
        Assert.Contains(ScalingRequestValidator.ValidateScheduledAction(bad, "r", "S"), x => x.Field == "S.Timezone");
        var good = Samples.Scheduled() with { Timezone = "Europe/Berlin" };
        Assert.Empty(ScalingRequestValidator.ValidateScheduledAction(good, "r", "S"));
    }

    [Fact]
    public void Contiguous_steps_with_open_upper_end_are_fine()
    {
        Assert.Empty(ScalingRequestValidator.ValidateStepAdjustments(
        [
            new() { MetricIntervalLowerBound = 0, MetricIntervalUpperBound = 10, ScalingAdjustment = 1 },
            new() { MetricIntervalLowerBound = 10, MetricIntervalUpperBound = 20, ScalingAdjustment = 2 },
            new() { MetricIntervalLowerBound = 20, ScalingAdjustment = 4 },
        ], "r"));
        Assert.Empty(ScalingRequestValidator.ValidateStepAdjustments(
        [
            new() { MetricIntervalUpperBound = -10, ScalingAdjustment = -2 },
            new() { MetricIntervalLowerBound = -10, MetricIntervalUpperBound = 0, ScalingAdjustment = -1 },
        ], "r"));
    }

    [Fact]
    public void Step_gap_overlap_and_open_ends_are_reported()
    {
        var gap = ScalingRequestValidator.ValidateStepAdjustments(
        [
            new() { MetricIntervalLowerBound = 0, MetricIntervalUpperBound = 10, ScalingAdjustment = 1 },
            new() { MetricIntervalLowerBound = 15, ScalingAdjustment = 2 },
        ], "r", "S");
        Assert.Contains(gap, p => p.Message.Contains("gap"));

        var overlap = ScalingRequestValidator.ValidateStepAdjustments(
        [
            new() { MetricIntervalLowerBound = 0, MetricIntervalUpperBound = 10, ScalingAdjustment = 1 },
            new() { MetricIntervalLowerBound = 5, ScalingAdjustment = 2 },
        ], "r", "S");
        Assert.Contains(overlap, p => p.Message.Contains("overlap"));

        var twoOpen = ScalingRequestValidator.ValidateStepAdjustments(
        [
            new() { MetricIntervalLowerBound = 0, ScalingAdjustment = 1 },
            new() { MetricIntervalLowerBound = 10, ScalingAdjustment = 2 },
        ], "r", "S");
        Assert.Contains(twoOpen, p => p.Message.Contains("only one step may have an open upper bound"));

        var noOpenEnd = ScalingRequestValidator.ValidateStepAdjustments(
        [
            new() { MetricIntervalLowerBound = 0, MetricIntervalUpperBound = 10, ScalingAdjustment = 1 },
        ], "r", "S");
        Assert.Contains(noOpenEnd, p => p.Message.Contains("must have an open upper bound"));

        var bothOpen = ScalingRequestValidator.ValidateStepAdjustments([new() { ScalingAdjustment = 1 }], "r", "S");
        Assert.Contains(bothOpen, p => p.Field == "S[0]" && p.Message.Contains("cannot both be open"));

        var inverted = ScalingRequestValidator.ValidateStepAdjustments(
        [
            new() { MetricIntervalLowerBound = 10, MetricIntervalUpperBound = 0, ScalingAdjustment = 1 },
        ], "r", "S");
        Assert.Contains(inverted, p => p.Message.Contains("must be less than"));
    }

    [Fact]
    public void A_step_policy_without_its_alarm_is_refused()
    {
        var r = Samples.Recommendation() with { PutMetricAlarm = [] };
        var p = ScalingRequestValidator.Validate(r, "recommendation.json");
        Assert.Contains(p, x => x.Field == "PutScalingPolicy[1]" && x.Message.Contains("needs a CloudWatch alarm"));
    }

    [Fact]
    public void An_alarm_pointing_at_a_missing_or_target_tracking_policy_is_refused()
    {
        var r = Samples.Recommendation() with { PutMetricAlarm = [Samples.Alarm(), Samples.Alarm(policy: "nope", name: "a2"), Samples.Alarm(policy: "loadlab-target-tracking", name: "a3")] };
        var fields = Fields(r);
        Assert.Contains("PutMetricAlarm[1].AlarmActions[0]", fields);
        Assert.Contains("PutMetricAlarm[2].AlarmActions[0]", fields);
    }

    [Fact]
    public void Alarm_rules()
    {
        var bad = Samples.Alarm() with { Period = 45, EvaluationPeriods = 3, DatapointsToAlarm = 4, Statistic = "p90", ComparisonOperator = "Bigger", TreatMissingData = "whatever" };
        var fields = ScalingRequestValidator.ValidateAlarm(bad, "r", "A").Select(p => p.Field).ToList();
        Assert.Contains("A.Period", fields);
        Assert.Contains("A.DatapointsToAlarm", fields);
        Assert.Contains("A.Statistic", fields);
        Assert.Contains("A.ComparisonOperator", fields);
        Assert.Contains("A.TreatMissingData", fields);

        var tooLong = Samples.Alarm() with { Period = 60, EvaluationPeriods = 1441, DatapointsToAlarm = null };
        Assert.Contains(ScalingRequestValidator.ValidateAlarm(tooLong, "r", "A"), p => p.Field == "A.EvaluationPeriods");
        Assert.Empty(ScalingRequestValidator.ValidateAlarm(Samples.Alarm() with { Statistic = null, ExtendedStatistic = "p99" }, "r", "A"));
    }

    [Fact]
    public void Every_problem_is_reported_not_just_the_first()
    {
        var r = Samples.Recommendation(min: 9, max: 3) with
        {
            PutScalingPolicy = [Samples.TargetTracking(-1), Samples.Step()],
            PutMetricAlarm = [],
        };
        var fields = Fields(r);
        Assert.Contains("RegisterScalableTarget.MaxCapacity", fields);
        Assert.Contains("PutScalingPolicy[0].TargetTrackingScalingPolicyConfiguration.TargetValue", fields);
        Assert.Contains("PutScalingPolicy[1]", fields);
    }

    [Fact]
    public void Requests_must_all_address_the_registered_target()
    {
        var r = Samples.Recommendation() with { PutScalingPolicy = [Samples.TargetTracking(variant: "Other")] , PutMetricAlarm = [] };
        Assert.Contains("PutScalingPolicy[0].ResourceId", Fields(r));
    }

    [Fact]
    public void Resource_id_must_be_a_variant_or_inference_component()
    {
        var t = Samples.Target() with { ResourceId = "endpoint/bad_name/variant/x" };
        Assert.Contains(ScalingRequestValidator.ValidateTarget(t, "r"), p => p.Field == "RegisterScalableTarget.ResourceId");
    }

    [Fact]
    public void Referenced_policy_name_reads_placeholders_and_arns()
    {
        Assert.Equal("p1", ScalingRequestValidator.ReferencedPolicyName("policy-arn:p1"));
        Assert.Equal("p1", ScalingRequestValidator.ReferencedPolicyName(
            "arn:aws:autoscaling:us-east-1:123456789012:scalingPolicy:abc:resource/sagemaker/endpoint/ep/variant/AllTraffic:policyName/p1"));
        Assert.Null(ScalingRequestValidator.ReferencedPolicyName("arn:aws:sns:us-east-1:123:topic"));
    }
}

public class ValidatorScheduleTests
{
    [Theory]
    [InlineData("cron(0 8 * * *)")]
    [InlineData("rate(5 minute)")]
    [InlineData("at(2026-13-01T00:00:00)")]
    [InlineData("every day at 8")]
    public void Malformed_schedules_are_refused_by_the_shared_parser(string schedule)
    {
        var p = ScalingRequestValidator.ValidateScheduledAction(Samples.Scheduled(schedule), "r", "S");
        Assert.Contains(p, x => x.Field == "S.Schedule");
    }

    [Theory]
    [InlineData("cron(0 8 ? * MON-FRI *)")]
    [InlineData("rate(5 minutes)")]
    [InlineData("at(2026-12-01T08:00:00)")]
    public void Well_formed_schedules_pass(string schedule) =>
        Assert.Empty(ScalingRequestValidator.ValidateScheduledAction(Samples.Scheduled(schedule), "r", "S"));
}
