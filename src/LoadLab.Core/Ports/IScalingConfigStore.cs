using LoadLab.Core.AwsApi;

namespace LoadLab.Core.Ports;

/// <summary>
/// The live scaling configuration of one scalable target: what Application Auto Scaling and CloudWatch hold.
/// Implemented over the AWS clients (LoadLab.Aws/ScalingConfig) and, in tests, in memory. Writes mirror the AWS
/// operations one to one so a caller can order them, stop after any of them, and undo what it did.
/// Failures surface as the adapter's exceptions (AWS errors, network); the store never retries on its own beyond
/// what the AWS layer does.
/// </summary>
public interface IScalingConfigStore
{
    /// <summary>DescribeEndpoint: status and variants, or null when the endpoint does not exist.</summary>
    Task<EndpointSummary?> DescribeEndpointAsync(string endpointName, CancellationToken cancellationToken = default);

    /// <summary>The scalable target (null when not registered), its policies and its scheduled actions; Alarms stays empty.</summary>
    Task<ScalingConfigState> ReadAsync(ScalableTargetKey key, CancellationToken cancellationToken = default);

    /// <summary>DescribeAlarms for these names; names that do not exist are simply absent from the result.</summary>
    Task<IReadOnlyList<PutMetricAlarmRequest>> DescribeAlarmsAsync(IReadOnlyCollection<string> alarmNames, CancellationToken cancellationToken = default);

    /// <summary>DescribeAlarms by name prefix (LoadLab's own alarms start with a known prefix).</summary>
    Task<IReadOnlyList<PutMetricAlarmRequest>> DescribeAlarmsByPrefixAsync(string alarmNamePrefix, CancellationToken cancellationToken = default);

    Task RegisterScalableTargetAsync(RegisterScalableTargetRequest request, CancellationToken cancellationToken = default);
    Task DeregisterScalableTargetAsync(ScalableTargetKey key, CancellationToken cancellationToken = default);

    /// <summary>PutScalingPolicy; returns the policy ARN that alarm actions must name.</summary>
    Task<string> PutScalingPolicyAsync(PutScalingPolicyRequest request, CancellationToken cancellationToken = default);
    Task DeleteScalingPolicyAsync(ScalableTargetKey key, string policyName, CancellationToken cancellationToken = default);

    Task PutScheduledActionAsync(PutScheduledActionRequest request, CancellationToken cancellationToken = default);
    Task DeleteScheduledActionAsync(ScalableTargetKey key, string scheduledActionName, CancellationToken cancellationToken = default);

    Task PutMetricAlarmAsync(PutMetricAlarmRequest request, CancellationToken cancellationToken = default);
    Task DeleteAlarmsAsync(IReadOnlyList<string> alarmNames, CancellationToken cancellationToken = default);
}

/// <summary>Identifies a scalable target: the triple every Application Auto Scaling call carries.</summary>
public sealed record ScalableTargetKey(string ServiceNamespace, string ResourceId, string ScalableDimension)
{
    public static ScalableTargetKey Of(RegisterScalableTargetRequest r) => new(r.ServiceNamespace, r.ResourceId, r.ScalableDimension);
    public static ScalableTargetKey Variant(string endpoint, string variant) =>
        new(ScalingConstants.SageMakerNamespace, ScalingConstants.VariantResourceId(endpoint, variant), ScalingConstants.VariantDesiredInstanceCount);
    public override string ToString() => $"{ServiceNamespace}/{ResourceId}/{ScalableDimension}";
}

/// <summary>What DescribeEndpoint says about an endpoint (EndpointStatus as AWS spells it: InService, Creating, Updating, ...).</summary>
public sealed record EndpointSummary(string EndpointName, string EndpointStatus, IReadOnlyList<string> VariantNames, string? FailureReason = null)
{
    public const string InService = "InService";
}

/// <summary>
/// The live configuration of one scalable target, in the shapes of the requests that would recreate it.
/// <see cref="Target"/> is null when the target is not registered. Alarm actions hold real ARNs.
/// </summary>
public sealed record ScalingConfigState
{
    public RegisterScalableTargetRequest? Target { get; init; }
    public IReadOnlyList<LiveScalingPolicy> Policies { get; init; } = [];
    public IReadOnlyList<LiveScheduledAction> ScheduledActions { get; init; } = [];
    public IReadOnlyList<PutMetricAlarmRequest> Alarms { get; init; } = [];
}

/// <summary>A live policy: the request that recreates it, its ARN, and the alarms AWS lists for it.</summary>
public sealed record LiveScalingPolicy(PutScalingPolicyRequest Request, string PolicyArn, IReadOnlyList<string>? AlarmNames = null);

/// <summary>A live scheduled action: the request that recreates it and its ARN.</summary>
public sealed record LiveScheduledAction(PutScheduledActionRequest Request, string? ScheduledActionArn = null);
