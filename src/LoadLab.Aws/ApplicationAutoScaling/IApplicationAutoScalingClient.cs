using LoadLab.Core.AwsApi;

namespace LoadLab.Aws.ApplicationAutoScaling;

/// <summary>Application Auto Scaling (JSON 1.1, X-Amz-Target AnyScaleFrontendService.&lt;Op&gt;).</summary>
public interface IApplicationAutoScalingClient
{
    /// <summary>
    /// AWS rejects MinCapacity &gt; MaxCapacity (ValidationException); moto 5.2.1 accepts it. Validate before calling
    /// (ScalingRequestValidator.ValidateTarget in LoadLab.Core.AwsApi.Validation) rather than relying on either.
    /// </summary>
    Task<RegisterScalableTargetResponse> RegisterScalableTargetAsync(RegisterScalableTargetRequest request, CancellationToken cancellationToken = default);
    /// <summary>One page; see <see cref="ApplicationAutoScalingPaging"/> for all pages.</summary>
    Task<DescribeScalableTargetsResponse> DescribeScalableTargetsAsync(DescribeScalableTargetsRequest request, CancellationToken cancellationToken = default);
    Task DeregisterScalableTargetAsync(DeregisterScalableTargetRequest request, CancellationToken cancellationToken = default);
    Task<PutScalingPolicyResponse> PutScalingPolicyAsync(PutScalingPolicyRequest request, CancellationToken cancellationToken = default);
    Task<DescribeScalingPoliciesResponse> DescribeScalingPoliciesAsync(DescribeScalingPoliciesRequest request, CancellationToken cancellationToken = default);
    Task DeleteScalingPolicyAsync(DeleteScalingPolicyRequest request, CancellationToken cancellationToken = default);
    Task PutScheduledActionAsync(PutScheduledActionRequest request, CancellationToken cancellationToken = default);
    Task<DescribeScheduledActionsResponse> DescribeScheduledActionsAsync(DescribeScheduledActionsRequest request, CancellationToken cancellationToken = default);
    Task DeleteScheduledActionAsync(DeleteScheduledActionRequest request, CancellationToken cancellationToken = default);
    /// <summary>Not implemented by moto 5.2.1 (it answers an error); real AWS only.</summary>
    Task<DescribeScalingActivitiesResponse> DescribeScalingActivitiesAsync(DescribeScalingActivitiesRequest request, CancellationToken cancellationToken = default);
}
