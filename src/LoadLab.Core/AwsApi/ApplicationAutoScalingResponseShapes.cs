using System.Text.Json.Serialization;

// Application Auto Scaling answer shapes (service model "application-autoscaling" 2016-02-06): what
// DescribeScalableTargets, DescribeScalingPolicies, DescribeScheduledActions and DescribeScalingActivities return.
// In Core because the applier (diff against live config) and the simulator (scaling activities) read them.
// Added by the AWS layer; wire names via [JsonPropertyName] like the request shapes beside them.
namespace LoadLab.Core.AwsApi;

public sealed record ScalableTarget
{
    [JsonPropertyName("ServiceNamespace")] public string ServiceNamespace { get; init; } = ScalingConstants.SageMakerNamespace;
    [JsonPropertyName("ResourceId")] public required string ResourceId { get; init; }
    [JsonPropertyName("ScalableDimension")] public string ScalableDimension { get; init; } = ScalingConstants.VariantDesiredInstanceCount;
    [JsonPropertyName("MinCapacity")] public int MinCapacity { get; init; }
    [JsonPropertyName("MaxCapacity")] public int MaxCapacity { get; init; }
    [JsonPropertyName("PredictedCapacity")] public int? PredictedCapacity { get; init; }
    [JsonPropertyName("RoleARN")] public string? RoleARN { get; init; }
    [JsonPropertyName("CreationTime")] public DateTimeOffset? CreationTime { get; init; }
    [JsonPropertyName("SuspendedState")] public SuspendedState? SuspendedState { get; init; }
    [JsonPropertyName("ScalableTargetARN")] public string? ScalableTargetARN { get; init; }
}

/// <summary>A CloudWatch alarm that a scaling policy created (target tracking) or is attached to (step scaling).</summary>
public sealed record Alarm
{
    [JsonPropertyName("AlarmName")] public required string AlarmName { get; init; }
    [JsonPropertyName("AlarmARN")] public required string AlarmARN { get; init; }
}

public sealed record ScalingPolicy
{
    [JsonPropertyName("PolicyARN")] public required string PolicyARN { get; init; }
    [JsonPropertyName("PolicyName")] public required string PolicyName { get; init; }
    [JsonPropertyName("ServiceNamespace")] public string ServiceNamespace { get; init; } = ScalingConstants.SageMakerNamespace;
    [JsonPropertyName("ResourceId")] public required string ResourceId { get; init; }
    [JsonPropertyName("ScalableDimension")] public string ScalableDimension { get; init; } = ScalingConstants.VariantDesiredInstanceCount;
    [JsonPropertyName("PolicyType")] public required string PolicyType { get; init; }
    [JsonPropertyName("StepScalingPolicyConfiguration")] public StepScalingPolicyConfiguration? StepScalingPolicyConfiguration { get; init; }
    [JsonPropertyName("TargetTrackingScalingPolicyConfiguration")] public TargetTrackingScalingPolicyConfiguration? TargetTrackingScalingPolicyConfiguration { get; init; }
    [JsonPropertyName("Alarms")] public IReadOnlyList<Alarm>? Alarms { get; init; }
    [JsonPropertyName("CreationTime")] public DateTimeOffset? CreationTime { get; init; }
}

public sealed record ScheduledAction
{
    [JsonPropertyName("ScheduledActionName")] public required string ScheduledActionName { get; init; }
    [JsonPropertyName("ScheduledActionARN")] public string? ScheduledActionARN { get; init; }
    [JsonPropertyName("ServiceNamespace")] public string ServiceNamespace { get; init; } = ScalingConstants.SageMakerNamespace;
    [JsonPropertyName("Schedule")] public required string Schedule { get; init; }
    [JsonPropertyName("Timezone")] public string? Timezone { get; init; }
    [JsonPropertyName("ResourceId")] public required string ResourceId { get; init; }
    [JsonPropertyName("ScalableDimension")] public string? ScalableDimension { get; init; }
    [JsonPropertyName("StartTime")] public DateTimeOffset? StartTime { get; init; }
    [JsonPropertyName("EndTime")] public DateTimeOffset? EndTime { get; init; }
    [JsonPropertyName("ScalableTargetAction")] public ScalableTargetAction? ScalableTargetAction { get; init; }
    [JsonPropertyName("CreationTime")] public DateTimeOffset? CreationTime { get; init; }
}

public static class ScalingActivityStatusCodes
{
    public const string Pending = "Pending";
    public const string InProgress = "InProgress";
    public const string Successful = "Successful";
    public const string Overridden = "Overridden";
    public const string Unfulfilled = "Unfulfilled";
    public const string Failed = "Failed";
}

public sealed record NotScaledReason
{
    /// <summary>e.g. AlreadyAtMaxCapacity, AlreadyAtMinCapacity, AlreadyAtDesiredCapacity.</summary>
    [JsonPropertyName("Code")] public required string Code { get; init; }
    [JsonPropertyName("MaxCapacity")] public int? MaxCapacity { get; init; }
    [JsonPropertyName("MinCapacity")] public int? MinCapacity { get; init; }
    [JsonPropertyName("CurrentCapacity")] public int? CurrentCapacity { get; init; }
}

public sealed record ScalingActivity
{
    [JsonPropertyName("ActivityId")] public required string ActivityId { get; init; }
    [JsonPropertyName("ServiceNamespace")] public string ServiceNamespace { get; init; } = ScalingConstants.SageMakerNamespace;
    [JsonPropertyName("ResourceId")] public required string ResourceId { get; init; }
    [JsonPropertyName("ScalableDimension")] public string ScalableDimension { get; init; } = ScalingConstants.VariantDesiredInstanceCount;
    [JsonPropertyName("Description")] public string? Description { get; init; }
    [JsonPropertyName("Cause")] public string? Cause { get; init; }
    [JsonPropertyName("StartTime")] public DateTimeOffset StartTime { get; init; }
    [JsonPropertyName("EndTime")] public DateTimeOffset? EndTime { get; init; }
    /// <summary>See <see cref="ScalingActivityStatusCodes"/>.</summary>
    [JsonPropertyName("StatusCode")] public required string StatusCode { get; init; }
    [JsonPropertyName("StatusMessage")] public string? StatusMessage { get; init; }
    [JsonPropertyName("Details")] public string? Details { get; init; }
    [JsonPropertyName("NotScaledReasons")] public IReadOnlyList<NotScaledReason>? NotScaledReasons { get; init; }
}
