using System.Text.Json.Serialization;

// Application Auto Scaling request shapes, named and shaped as in the AWS API (service model
// "application-autoscaling" 2016-02-06). [JsonPropertyName] keeps the wire names in LoadLab's own files too,
// so recommendation.json holds requests field for field. Timestamps are DateTimeOffset here; the wire
// client converts them to epoch seconds.
namespace LoadLab.Core.AwsApi;

public static class ScalingConstants
{
    public const string SageMakerNamespace = "sagemaker";
    public const string VariantDesiredInstanceCount = "sagemaker:variant:DesiredInstanceCount";
    public const string InvocationsPerInstanceMetric = "SageMakerVariantInvocationsPerInstance";
    public const string ConcurrentRequestsHighResMetric = "SageMakerVariantConcurrentRequestsPerModelHighResolution";
    public static string VariantResourceId(string endpoint, string variant) => $"endpoint/{endpoint}/variant/{variant}";

    /// <summary>The CloudWatch dimensions of a variant's SageMaker metrics: EndpointName and VariantName.</summary>
    public static IReadOnlyList<MetricDimension> VariantDimensions(string endpoint, string variant) =>
        [new MetricDimension { Name = "EndpointName", Value = endpoint }, new MetricDimension { Name = "VariantName", Value = variant }];
}

public sealed record RegisterScalableTargetRequest
{
    [JsonPropertyName("ServiceNamespace")] public string ServiceNamespace { get; init; } = ScalingConstants.SageMakerNamespace;
    [JsonPropertyName("ResourceId")] public required string ResourceId { get; init; }
    [JsonPropertyName("ScalableDimension")] public string ScalableDimension { get; init; } = ScalingConstants.VariantDesiredInstanceCount;
    [JsonPropertyName("MinCapacity")] public int? MinCapacity { get; init; }
    [JsonPropertyName("MaxCapacity")] public int? MaxCapacity { get; init; }
    [JsonPropertyName("RoleARN")] public string? RoleARN { get; init; }
    [JsonPropertyName("SuspendedState")] public SuspendedState? SuspendedState { get; init; }
}

public sealed record SuspendedState
{
    [JsonPropertyName("DynamicScalingInSuspended")] public bool? DynamicScalingInSuspended { get; init; }
    [JsonPropertyName("DynamicScalingOutSuspended")] public bool? DynamicScalingOutSuspended { get; init; }
    [JsonPropertyName("ScheduledScalingSuspended")] public bool? ScheduledScalingSuspended { get; init; }
}

public static class PolicyTypes
{
    public const string TargetTrackingScaling = "TargetTrackingScaling";
    public const string StepScaling = "StepScaling";
}

public sealed record PutScalingPolicyRequest
{
    [JsonPropertyName("PolicyName")] public required string PolicyName { get; init; }
    [JsonPropertyName("ServiceNamespace")] public string ServiceNamespace { get; init; } = ScalingConstants.SageMakerNamespace;
    [JsonPropertyName("ResourceId")] public required string ResourceId { get; init; }
    [JsonPropertyName("ScalableDimension")] public string ScalableDimension { get; init; } = ScalingConstants.VariantDesiredInstanceCount;
    [JsonPropertyName("PolicyType")] public required string PolicyType { get; init; }
    [JsonPropertyName("StepScalingPolicyConfiguration")] public StepScalingPolicyConfiguration? StepScalingPolicyConfiguration { get; init; }
    [JsonPropertyName("TargetTrackingScalingPolicyConfiguration")] public TargetTrackingScalingPolicyConfiguration? TargetTrackingScalingPolicyConfiguration { get; init; }
}

public sealed record TargetTrackingScalingPolicyConfiguration
{
    [JsonPropertyName("TargetValue")] public required double TargetValue { get; init; }
    [JsonPropertyName("PredefinedMetricSpecification")] public PredefinedMetricSpecification? PredefinedMetricSpecification { get; init; }
    [JsonPropertyName("CustomizedMetricSpecification")] public CustomizedMetricSpecification? CustomizedMetricSpecification { get; init; }
    /// <summary>Seconds; AWS default 300 for SageMaker.</summary>
    [JsonPropertyName("ScaleOutCooldown")] public int? ScaleOutCooldown { get; init; }
    [JsonPropertyName("ScaleInCooldown")] public int? ScaleInCooldown { get; init; }
    [JsonPropertyName("DisableScaleIn")] public bool? DisableScaleIn { get; init; }
}

public sealed record PredefinedMetricSpecification
{
    [JsonPropertyName("PredefinedMetricType")] public required string PredefinedMetricType { get; init; }
    [JsonPropertyName("ResourceLabel")] public string? ResourceLabel { get; init; }
}

public sealed record CustomizedMetricSpecification
{
    [JsonPropertyName("MetricName")] public string? MetricName { get; init; }
    [JsonPropertyName("Namespace")] public string? Namespace { get; init; }
    [JsonPropertyName("Dimensions")] public IReadOnlyList<MetricDimension>? Dimensions { get; init; }
    /// <summary>Average | Minimum | Maximum | SampleCount | Sum.</summary>
    [JsonPropertyName("Statistic")] public string? Statistic { get; init; }
    [JsonPropertyName("Unit")] public string? Unit { get; init; }
}

public sealed record MetricDimension
{
    [JsonPropertyName("Name")] public required string Name { get; init; }
    [JsonPropertyName("Value")] public required string Value { get; init; }
}

public static class AdjustmentTypes
{
    public const string ChangeInCapacity = "ChangeInCapacity";
    public const string PercentChangeInCapacity = "PercentChangeInCapacity";
    public const string ExactCapacity = "ExactCapacity";
}

public sealed record StepScalingPolicyConfiguration
{
    [JsonPropertyName("AdjustmentType")] public string? AdjustmentType { get; init; }
    [JsonPropertyName("StepAdjustments")] public IReadOnlyList<StepAdjustment>? StepAdjustments { get; init; }
    [JsonPropertyName("MinAdjustmentMagnitude")] public int? MinAdjustmentMagnitude { get; init; }
    [JsonPropertyName("Cooldown")] public int? Cooldown { get; init; }
    /// <summary>Average | Minimum | Maximum.</summary>
    [JsonPropertyName("MetricAggregationType")] public string? MetricAggregationType { get; init; }
}

/// <summary>Bounds are relative to the alarm threshold; null lower = -infinity, null upper = +infinity.</summary>
public sealed record StepAdjustment
{
    [JsonPropertyName("MetricIntervalLowerBound")] public double? MetricIntervalLowerBound { get; init; }
    [JsonPropertyName("MetricIntervalUpperBound")] public double? MetricIntervalUpperBound { get; init; }
    [JsonPropertyName("ScalingAdjustment")] public required int ScalingAdjustment { get; init; }
}

public sealed record PutScheduledActionRequest
{
    [JsonPropertyName("ServiceNamespace")] public string ServiceNamespace { get; init; } = ScalingConstants.SageMakerNamespace;
    /// <summary>at(yyyy-mm-ddThh:mm:ss), rate(value unit), or cron(fields).</summary>
    [JsonPropertyName("Schedule")] public required string Schedule { get; init; }
    [JsonPropertyName("Timezone")] public string? Timezone { get; init; }
    [JsonPropertyName("ScheduledActionName")] public required string ScheduledActionName { get; init; }
    [JsonPropertyName("ResourceId")] public required string ResourceId { get; init; }
    [JsonPropertyName("ScalableDimension")] public string ScalableDimension { get; init; } = ScalingConstants.VariantDesiredInstanceCount;
    [JsonPropertyName("StartTime")] public DateTimeOffset? StartTime { get; init; }
    [JsonPropertyName("EndTime")] public DateTimeOffset? EndTime { get; init; }
    [JsonPropertyName("ScalableTargetAction")] public ScalableTargetAction? ScalableTargetAction { get; init; }
}

public sealed record ScalableTargetAction
{
    [JsonPropertyName("MinCapacity")] public int? MinCapacity { get; init; }
    [JsonPropertyName("MaxCapacity")] public int? MaxCapacity { get; init; }
}
