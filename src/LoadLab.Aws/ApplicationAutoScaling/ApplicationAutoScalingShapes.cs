using LoadLab.Core.AwsApi;

// Application Auto Scaling operation wrappers (service model "application-autoscaling" 2016-02-06). The request
// shapes for Register/Put and the entity shapes (ScalableTarget, ScalingPolicy, ScheduledAction, ScalingActivity)
// live in LoadLab.Core.AwsApi; these are the remaining inputs and outputs.
namespace LoadLab.Aws.ApplicationAutoScaling;

public sealed record RegisterScalableTargetResponse
{
    public string? ScalableTargetARN { get; init; }
}

public sealed record DescribeScalableTargetsRequest
{
    public string ServiceNamespace { get; init; } = ScalingConstants.SageMakerNamespace;
    public IReadOnlyList<string>? ResourceIds { get; init; }
    public string? ScalableDimension { get; init; }
    public int? MaxResults { get; init; }
    public string? NextToken { get; init; }
}

public sealed record DescribeScalableTargetsResponse
{
    public IReadOnlyList<ScalableTarget> ScalableTargets { get; init; } = [];
    public string? NextToken { get; init; }
}

public sealed record DeregisterScalableTargetRequest
{
    public string ServiceNamespace { get; init; } = ScalingConstants.SageMakerNamespace;
    public required string ResourceId { get; init; }
    public string ScalableDimension { get; init; } = ScalingConstants.VariantDesiredInstanceCount;
}

public sealed record PutScalingPolicyResponse
{
    public string? PolicyARN { get; init; }
    /// <summary>The alarms target tracking created (empty for step scaling).</summary>
    public IReadOnlyList<Alarm> Alarms { get; init; } = [];
}

public sealed record DescribeScalingPoliciesRequest
{
    public IReadOnlyList<string>? PolicyNames { get; init; }
    public string ServiceNamespace { get; init; } = ScalingConstants.SageMakerNamespace;
    public string? ResourceId { get; init; }
    public string? ScalableDimension { get; init; }
    public int? MaxResults { get; init; }
    public string? NextToken { get; init; }
}

public sealed record DescribeScalingPoliciesResponse
{
    public IReadOnlyList<ScalingPolicy> ScalingPolicies { get; init; } = [];
    public string? NextToken { get; init; }
}

public sealed record DeleteScalingPolicyRequest
{
    public required string PolicyName { get; init; }
    public string ServiceNamespace { get; init; } = ScalingConstants.SageMakerNamespace;
    public required string ResourceId { get; init; }
    public string ScalableDimension { get; init; } = ScalingConstants.VariantDesiredInstanceCount;
}

public sealed record DescribeScheduledActionsRequest
{
    public IReadOnlyList<string>? ScheduledActionNames { get; init; }
    public string ServiceNamespace { get; init; } = ScalingConstants.SageMakerNamespace;
    public string? ResourceId { get; init; }
    public string? ScalableDimension { get; init; }
    public int? MaxResults { get; init; }
    public string? NextToken { get; init; }
}

public sealed record DescribeScheduledActionsResponse
{
    public IReadOnlyList<ScheduledAction> ScheduledActions { get; init; } = [];
    public string? NextToken { get; init; }
}

public sealed record DeleteScheduledActionRequest
{
    public string ServiceNamespace { get; init; } = ScalingConstants.SageMakerNamespace;
    public required string ScheduledActionName { get; init; }
    public required string ResourceId { get; init; }
    public string ScalableDimension { get; init; } = ScalingConstants.VariantDesiredInstanceCount;
}

public sealed record DescribeScalingActivitiesRequest
{
    public string ServiceNamespace { get; init; } = ScalingConstants.SageMakerNamespace;
    public string? ResourceId { get; init; }
    public string? ScalableDimension { get; init; }
    public int? MaxResults { get; init; }
    public string? NextToken { get; init; }
    public bool? IncludeNotScaledActivities { get; init; }
}

public sealed record DescribeScalingActivitiesResponse
{
    public IReadOnlyList<ScalingActivity> ScalingActivities { get; init; } = [];
    public string? NextToken { get; init; }
}
