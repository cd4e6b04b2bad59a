using LoadLab.Core.AwsApi;
using LoadLab.Core.RunFiles;

namespace LoadLab.Apply.Tests;

/// <summary>Well-formed requests the tests bend one field at a time.</summary>
internal static class Samples
{
    public static string ResourceId(string endpoint = "ep", string variant = "AllTraffic") => ScalingConstants.VariantResourceId(endpoint, variant);

    public static RegisterScalableTargetRequest Target(int min = 1, int max = 4, string endpoint = "ep", string variant = "AllTraffic") =>
        new() { ResourceId = ResourceId(endpoint, variant), MinCapacity = min, MaxCapacity = max };

    public static PutScalingPolicyRequest TargetTracking(double target = 700, string name = "loadlab-target-tracking", string endpoint = "ep", string variant = "AllTraffic",
        int? scaleIn = 300, int? scaleOut = 60) => new()
    {
        PolicyName = name,
        ResourceId = ResourceId(endpoint, variant),
        PolicyType = PolicyTypes.TargetTrackingScaling,
        TargetTrackingScalingPolicyConfiguration = new()
        {
            TargetValue = target,
            PredefinedMetricSpecification = new() { PredefinedMetricType = ScalingConstants.InvocationsPerInstanceMetric },
            ScaleInCooldown = scaleIn,
            ScaleOutCooldown = scaleOut,
        },
    };

    public static PutScalingPolicyRequest Step(string name = "loadlab-step-out", string endpoint = "ep", string variant = "AllTraffic", IReadOnlyList<StepAdjustment>? steps = null) => new()
    {
        PolicyName = name,
        ResourceId = ResourceId(endpoint, variant),
        PolicyType = PolicyTypes.StepScaling,
        StepScalingPolicyConfiguration = new()
        {
            AdjustmentType = AdjustmentTypes.ChangeInCapacity,
            Cooldown = 120,
            MetricAggregationType = "Average",
            StepAdjustments = steps ??
            [
                new() { MetricIntervalLowerBound = 0, MetricIntervalUpperBound = 500, ScalingAdjustment = 1 },
                new() { MetricIntervalLowerBound = 500, ScalingAdjustment = 2 },
            ],
        },
    };

    public static PutMetricAlarmRequest Alarm(string policy = "loadlab-step-out", string name = "loadlab-step-out-high", string endpoint = "ep", string variant = "AllTraffic", double threshold = 1500) => new()
    {
        AlarmName = name,
        AlarmActions = [RecommendationFile.PolicyArnPlaceholderPrefix + policy],
        MetricName = "InvocationsPerInstance",
        Namespace = "AWS/SageMaker",
        Statistic = "Sum",
        Dimensions = [new() { Name = "EndpointName", Value = endpoint }, new() { Name = "VariantName", Value = variant }],
        Period = 60,
        EvaluationPeriods = 2,
        DatapointsToAlarm = 2,
        Threshold = threshold,
        ComparisonOperator = "GreaterThanThreshold",
        TreatMissingData = "missing",
    };

    public static PutScheduledActionRequest Scheduled(string schedule = "cron(0 8 ? * MON-FRI *)", string name = "loadlab-weekday-morning", string endpoint = "ep", string variant = "AllTraffic",
        int? min = 2, int? max = 6) => new()
    {
        ScheduledActionName = name,
        Schedule = schedule,
        ResourceId = ResourceId(endpoint, variant),
        ScalableTargetAction = new() { MinCapacity = min, MaxCapacity = max },
    };

    public static RecommendationFile Recommendation(string endpoint = "ep", string variant = "AllTraffic", double target = 700, int min = 1, int max = 4,
        bool withStep = true, bool withSchedule = true) => new()
    {
        Endpoint = endpoint,
        Variant = variant,
        RegisterScalableTarget = Target(min, max, endpoint, variant),
        PutScalingPolicy = withStep
            ? [TargetTracking(target, endpoint: endpoint, variant: variant), Step(endpoint: endpoint, variant: variant)]
            : [TargetTracking(target, endpoint: endpoint, variant: variant)],
        PutMetricAlarm = withStep ? [Alarm(endpoint: endpoint, variant: variant)] : [],
        PutScheduledAction = withSchedule ? [Scheduled(endpoint: endpoint, variant: variant)] : [],
        Basis = new() { TargetValue = target },
    };
}
