using LoadLab.Core.AwsApi;
using LoadLab.Core.RunFiles;

namespace LoadLab.Core.Iac;

/// <summary>
/// What the emitters turn into code: the Application Auto Scaling and CloudWatch requests for one scalable target, in
/// the order they must be sent. <see cref="Target"/> null means "already registered, only policies and the rest".
/// Alarm actions may hold <see cref="RecommendationFile.PolicyArnPlaceholderPrefix"/>+PolicyName placeholders; every
/// emitter wires them to the policy's ARN (shell variable, CloudFormation Ref, Terraform reference).
/// </summary>
public sealed record IacRequests
{
    /// <summary>The scalable target's ResourceId, named in the header of the emitted code.</summary>
    public required string ResourceId { get; init; }
    public RegisterScalableTargetRequest? Target { get; init; }
    public IReadOnlyList<PutScalingPolicyRequest> Policies { get; init; } = [];
    public IReadOnlyList<PutMetricAlarmRequest> Alarms { get; init; } = [];
    public IReadOnlyList<PutScheduledActionRequest> ScheduledActions { get; init; } = [];

    /// <summary>The recommendation's requests as they are (retargeting is the caller's business).</summary>
    public static IacRequests FromRecommendation(RecommendationFile r) => new()
    {
        ResourceId = r.RegisterScalableTarget.ResourceId,
        Target = r.RegisterScalableTarget,
        Policies = r.PutScalingPolicy,
        Alarms = r.PutMetricAlarm,
        ScheduledActions = r.PutScheduledAction,
    };
}
