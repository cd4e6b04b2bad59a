using LoadLab.Core.AwsApi;
using LoadLab.Core.AwsApi.Validation;
using LoadLab.Core.Ports;
using LoadLab.Core.RunFiles;

namespace LoadLab.Apply.Model;

/// <summary>
/// The scaling configuration one scalable target should end up with: the recommendation (retargeted when the user
/// names another endpoint or variant), or a saved prior state when rolling back. <see cref="Target"/> null means
/// "not registered" (rolling back to a bare variant). Alarm actions may hold "policy-arn:NAME" placeholders.
/// </summary>
public sealed record DesiredConfig
{
    public required ScalableTargetKey Key { get; init; }
    public RegisterScalableTargetRequest? Target { get; init; }
    public IReadOnlyList<PutScalingPolicyRequest> Policies { get; init; } = [];
    public IReadOnlyList<PutMetricAlarmRequest> Alarms { get; init; } = [];
    public IReadOnlyList<PutScheduledActionRequest> ScheduledActions { get; init; } = [];

    /// <summary>
    /// The recommendation's requests, moved to <paramref name="endpoint"/>/<paramref name="variant"/> when given:
    /// every ResourceId of the recommended variant and the EndpointName/VariantName alarm dimensions follow.
    /// </summary>
    public static DesiredConfig FromRecommendation(RecommendationFile r, string? endpoint = null, string? variant = null)
    {
        var fromEndpoint = r.Endpoint;
        var fromVariant = r.Variant;
        var toEndpoint = string.IsNullOrEmpty(endpoint) ? fromEndpoint : endpoint;
        var toVariant = string.IsNullOrEmpty(variant) ? fromVariant : variant;
        var oldId = r.RegisterScalableTarget.ResourceId;
        var retarget = (toEndpoint != fromEndpoint || toVariant != fromVariant)
                       && r.RegisterScalableTarget.ScalableDimension != AwsScalingLimits.InferenceComponentDimension;
        var newId = retarget ? ScalingConstants.VariantResourceId(toEndpoint, toVariant) : oldId;
        string Id(string id) => retarget && id == oldId ? newId : id;

        IReadOnlyList<MetricDimension>? Dims(IReadOnlyList<MetricDimension>? dims) => !retarget || dims is null ? dims :
            dims.Select(d => d.Name switch
            {
                "EndpointName" when d.Value == fromEndpoint => d with { Value = toEndpoint },
                "VariantName" when d.Value == fromVariant => d with { Value = toVariant },
                _ => d,
            }).ToList();

        // Alarm names are global in an account and region: an alarm named after the recommended endpoint/variant is
        // renamed after the one applied to, so applying one recommendation to two endpoints never shares an alarm.
        // Names are matched as whole '-'-separated parts, so endpoint "ep" never rewrites "loadlab-step-out".
        string AlarmName(string name)
        {
            if (!retarget) return name;
            return ReplacePart(name, $"{fromEndpoint}-{fromVariant}", $"{toEndpoint}-{toVariant}")
                   ?? ReplacePart(name, fromEndpoint, toEndpoint)
                   ?? name;
        }

        static string? ReplacePart(string name, string part, string replacement)
        {
            var pattern = new System.Text.RegularExpressions.Regex($"(?<=^|-){System.Text.RegularExpressions.Regex.Escape(part)}(?=-|$)");
            return pattern.IsMatch(name) ? pattern.Replace(name, replacement.Replace("$", "$$", StringComparison.Ordinal)) : null;
        }

        var target = r.RegisterScalableTarget with { ResourceId = Id(r.RegisterScalableTarget.ResourceId) };
        return new DesiredConfig
        {
            Key = ScalableTargetKey.Of(target),
            Target = target,
            Policies = r.PutScalingPolicy.Select(p => p with
            {
                ResourceId = Id(p.ResourceId),
                TargetTrackingScalingPolicyConfiguration = p.TargetTrackingScalingPolicyConfiguration is { CustomizedMetricSpecification: { } cm } tt
                    ? tt with { CustomizedMetricSpecification = cm with { Dimensions = Dims(cm.Dimensions) } }
                    : p.TargetTrackingScalingPolicyConfiguration,
            }).ToList(),
            Alarms = r.PutMetricAlarm.Select(a => a with { AlarmName = AlarmName(a.AlarmName), Dimensions = Dims(a.Dimensions) }).ToList(),
            ScheduledActions = r.PutScheduledAction.Select(s => s with { ResourceId = Id(s.ResourceId) }).ToList(),
        };
    }

    /// <summary>A saved live state as a configuration to restore: alarm actions naming its policies become placeholders,
    /// because a re-created policy may get a new ARN.</summary>
    public static DesiredConfig FromState(ScalableTargetKey key, ScalingConfigState s)
    {
        var nameByArn = s.Policies.ToDictionary(p => p.PolicyArn, p => p.Request.PolicyName, StringComparer.Ordinal);
        return new DesiredConfig
        {
            Key = key,
            Target = s.Target,
            Policies = s.Policies.Select(p => p.Request).ToList(),
            ScheduledActions = s.ScheduledActions.Select(a => a.Request).ToList(),
            Alarms = s.Alarms.Select(a => a with
            {
                AlarmActions = a.AlarmActions?.Select(x => nameByArn.TryGetValue(x, out var n) ? RecommendationFile.PolicyArnPlaceholderPrefix + n : x).ToList(),
            }).ToList(),
        };
    }

    /// <summary>Every alarm name this configuration concerns (what to read before planning).</summary>
    public IReadOnlyList<string> AlarmNames => Alarms.Select(a => a.AlarmName).ToList();
}
