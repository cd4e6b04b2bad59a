using LoadLab.Aws.Http;
using LoadLab.Aws.Protocols;
using LoadLab.Core.AwsApi;

namespace LoadLab.Aws.ApplicationAutoScaling;

/// <summary>Application Auto Scaling over JSON 1.1 (signing name and endpoint prefix "application-autoscaling").</summary>
public sealed class ApplicationAutoScalingClient(AwsHttpInvoker invoker, Uri endpoint) : IApplicationAutoScalingClient
{
    public static readonly JsonRpcProtocol Protocol = new("AnyScaleFrontendService", "1.1");

    private readonly JsonRpcClient _rpc = new(invoker, endpoint, Protocol);

    public Task<RegisterScalableTargetResponse> RegisterScalableTargetAsync(RegisterScalableTargetRequest request, CancellationToken cancellationToken = default) =>
        _rpc.InvokeAsync<RegisterScalableTargetRequest, RegisterScalableTargetResponse>("RegisterScalableTarget", request, cancellationToken);

    public Task<DescribeScalableTargetsResponse> DescribeScalableTargetsAsync(DescribeScalableTargetsRequest request, CancellationToken cancellationToken = default) =>
        _rpc.InvokeAsync<DescribeScalableTargetsRequest, DescribeScalableTargetsResponse>("DescribeScalableTargets", request, cancellationToken);

    public Task DeregisterScalableTargetAsync(DeregisterScalableTargetRequest request, CancellationToken cancellationToken = default) =>
        _rpc.InvokeAsync<DeregisterScalableTargetRequest, EmptyResponse>("DeregisterScalableTarget", request, cancellationToken);

    public Task<PutScalingPolicyResponse> PutScalingPolicyAsync(PutScalingPolicyRequest request, CancellationToken cancellationToken = default) =>
        _rpc.InvokeAsync<PutScalingPolicyRequest, PutScalingPolicyResponse>("PutScalingPolicy", request, cancellationToken);

    public Task<DescribeScalingPoliciesResponse> DescribeScalingPoliciesAsync(DescribeScalingPoliciesRequest request, CancellationToken cancellationToken = default) =>
        _rpc.InvokeAsync<DescribeScalingPoliciesRequest, DescribeScalingPoliciesResponse>("DescribeScalingPolicies", request, cancellationToken);

    public Task DeleteScalingPolicyAsync(DeleteScalingPolicyRequest request, CancellationToken cancellationToken = default) =>
        _rpc.InvokeAsync<DeleteScalingPolicyRequest, EmptyResponse>("DeleteScalingPolicy", request, cancellationToken);

    public Task PutScheduledActionAsync(PutScheduledActionRequest request, CancellationToken cancellationToken = default) =>
        _rpc.InvokeAsync<PutScheduledActionRequest, EmptyResponse>("PutScheduledAction", request, cancellationToken);

    public Task<DescribeScheduledActionsResponse> DescribeScheduledActionsAsync(DescribeScheduledActionsRequest request, CancellationToken cancellationToken = default) =>
        _rpc.InvokeAsync<DescribeScheduledActionsRequest, DescribeScheduledActionsResponse>("DescribeScheduledActions", request, cancellationToken);

    public Task DeleteScheduledActionAsync(DeleteScheduledActionRequest request, CancellationToken cancellationToken = default) =>
        _rpc.InvokeAsync<DeleteScheduledActionRequest, EmptyResponse>("DeleteScheduledAction", request, cancellationToken);

    public Task<DescribeScalingActivitiesResponse> DescribeScalingActivitiesAsync(DescribeScalingActivitiesRequest request, CancellationToken cancellationToken = default) =>
        _rpc.InvokeAsync<DescribeScalingActivitiesRequest, DescribeScalingActivitiesResponse>("DescribeScalingActivities", request, cancellationToken);
}
