using LoadLab.Aws.ApplicationAutoScaling;
using LoadLab.Aws.CloudWatch;
using LoadLab.Aws.Errors;
using LoadLab.Aws.SageMaker;
using LoadLab.Core.AwsApi;
using LoadLab.Core.Ports;

namespace LoadLab.Aws.ScalingConfig;

/// <summary>
/// <see cref="IScalingConfigStore"/> over the AWS layer's clients: Application Auto Scaling for the target, policies
/// and scheduled actions, CloudWatch for the alarms step policies need, SageMaker DescribeEndpoint for the checks.
/// Describe answers are mapped back into the request shapes that would recreate them, so a saved state can be put
/// back as it was. Results are filtered exactly by resource (moto matches resource ids by substring).
/// </summary>
public sealed class AwsScalingConfigStore(IApplicationAutoScalingClient autoScaling, ICloudWatchClient cloudWatch, ISageMakerClient sageMaker)
    : IScalingConfigStore
{
    /// <summary>DescribeAlarms takes at most 100 names per call.</summary>
    private const int AlarmNamesPerCall = 100;

    public static AwsScalingConfigStore From(AwsContext aws) => new(aws.ApplicationAutoScaling(), aws.CloudWatch(), aws.SageMaker());

    public async Task<EndpointSummary?> DescribeEndpointAsync(string endpointName, CancellationToken cancellationToken = default)
    {
        try
        {
            var r = await sageMaker.DescribeEndpointAsync(new DescribeEndpointRequest { EndpointName = endpointName }, cancellationToken).ConfigureAwait(false);
            return new EndpointSummary(r.EndpointName ?? endpointName, r.EndpointStatus ?? "Unknown",
                r.ProductionVariants.Select(v => v.VariantName).ToList(), r.FailureReason);
        }
        catch (AwsServiceException e) when (e.ErrorCode == "ValidationException" && e.ErrorMessage.Contains("Could not find endpoint", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
    }

    public async Task<ScalingConfigState> ReadAsync(ScalableTargetKey key, CancellationToken cancellationToken = default)
    {
        var targets = await autoScaling.DescribeAllScalableTargetsAsync(new DescribeScalableTargetsRequest
        {
            ServiceNamespace = key.ServiceNamespace, ResourceIds = [key.ResourceId], ScalableDimension = key.ScalableDimension,
        }, cancellationToken).ConfigureAwait(false);
        var target = targets.FirstOrDefault(t => t.ResourceId == key.ResourceId && t.ScalableDimension == key.ScalableDimension);

        var policies = await autoScaling.DescribeAllScalingPoliciesAsync(new DescribeScalingPoliciesRequest
        {
            ServiceNamespace = key.ServiceNamespace, ResourceId = key.ResourceId, ScalableDimension = key.ScalableDimension,
        }, cancellationToken).ConfigureAwait(false);

        var actions = await autoScaling.DescribeAllScheduledActionsAsync(new DescribeScheduledActionsRequest
        {
            ServiceNamespace = key.ServiceNamespace, ResourceId = key.ResourceId, ScalableDimension = key.ScalableDimension,
        }, cancellationToken).ConfigureAwait(false);

        return new ScalingConfigState
        {
            Target = target is null ? null : new RegisterScalableTargetRequest
            {
                ServiceNamespace = target.ServiceNamespace,
                ResourceId = target.ResourceId,
                ScalableDimension = target.ScalableDimension,
                MinCapacity = target.MinCapacity,
                MaxCapacity = target.MaxCapacity,
                RoleARN = target.RoleARN,
                SuspendedState = target.SuspendedState,
            },
            Policies = policies
                .Where(p => p.ResourceId == key.ResourceId && p.ScalableDimension == key.ScalableDimension)
                .OrderBy(p => p.PolicyName, StringComparer.Ordinal)
                .Select(p => new LiveScalingPolicy(new PutScalingPolicyRequest
                {
                    PolicyName = p.PolicyName,
                    ServiceNamespace = p.ServiceNamespace,
                    ResourceId = p.ResourceId,
                    ScalableDimension = p.ScalableDimension,
                    PolicyType = p.PolicyType,
                    StepScalingPolicyConfiguration = p.StepScalingPolicyConfiguration,
                    TargetTrackingScalingPolicyConfiguration = p.TargetTrackingScalingPolicyConfiguration,
                }, p.PolicyARN, p.Alarms?.Select(a => a.AlarmName).ToList()))
                .ToList(),
            ScheduledActions = actions
                .Where(a => a.ResourceId == key.ResourceId && (a.ScalableDimension ?? key.ScalableDimension) == key.ScalableDimension)
                .OrderBy(a => a.ScheduledActionName, StringComparer.Ordinal)
                .Select(a => new LiveScheduledAction(new PutScheduledActionRequest
                {
                    ServiceNamespace = a.ServiceNamespace,
                    Schedule = a.Schedule,
                    Timezone = a.Timezone,
                    ScheduledActionName = a.ScheduledActionName,
                    ResourceId = a.ResourceId,
                    ScalableDimension = a.ScalableDimension ?? key.ScalableDimension,
                    StartTime = a.StartTime?.ToUniversalTime(),
                    EndTime = a.EndTime?.ToUniversalTime(),
                    ScalableTargetAction = a.ScalableTargetAction,
                }, a.ScheduledActionARN))
                .ToList(),
        };
    }

    public async Task<IReadOnlyList<PutMetricAlarmRequest>> DescribeAlarmsAsync(IReadOnlyCollection<string> alarmNames, CancellationToken cancellationToken = default)
    {
        var result = new List<PutMetricAlarmRequest>();
        foreach (var chunk in alarmNames.Distinct(StringComparer.Ordinal).Chunk(AlarmNamesPerCall))
            result.AddRange(await DescribeAsync(new DescribeAlarmsRequest { AlarmNames = chunk }, cancellationToken).ConfigureAwait(false));
        return result.Where(a => alarmNames.Contains(a.AlarmName)).ToList();
    }

    public async Task<IReadOnlyList<PutMetricAlarmRequest>> DescribeAlarmsByPrefixAsync(string alarmNamePrefix, CancellationToken cancellationToken = default) =>
        (await DescribeAsync(new DescribeAlarmsRequest { AlarmNamePrefix = alarmNamePrefix }, cancellationToken).ConfigureAwait(false))
        .Where(a => a.AlarmName.StartsWith(alarmNamePrefix, StringComparison.Ordinal)).ToList();

    private async Task<List<PutMetricAlarmRequest>> DescribeAsync(DescribeAlarmsRequest request, CancellationToken cancellationToken) =>
        (await cloudWatch.DescribeAllAlarmsAsync(request with { AlarmTypes = ["MetricAlarm"] }, cancellationToken).ConfigureAwait(false))
        .MetricAlarms.Where(m => m.AlarmName is not null).Select(ToRequest).ToList();

    /// <summary>A described alarm as the PutMetricAlarm that recreates it (state, ARN and timestamps dropped).</summary>
    public static PutMetricAlarmRequest ToRequest(MetricAlarm m) => new()
    {
        AlarmName = m.AlarmName!,
        AlarmDescription = string.IsNullOrEmpty(m.AlarmDescription) ? null : m.AlarmDescription,
        ActionsEnabled = m.ActionsEnabled,
        AlarmActions = m.AlarmActions is { Count: > 0 } aa ? aa : null,
        OKActions = m.OKActions is { Count: > 0 } ok ? ok : null,
        MetricName = m.MetricName,
        Namespace = m.Namespace,
        Statistic = string.IsNullOrEmpty(m.Statistic) ? null : m.Statistic,
        ExtendedStatistic = string.IsNullOrEmpty(m.ExtendedStatistic) ? null : m.ExtendedStatistic,
        Dimensions = m.Dimensions is { Count: > 0 } d ? d : null,
        Period = m.Period,
        Unit = string.IsNullOrEmpty(m.Unit) ? null : m.Unit,
        EvaluationPeriods = m.EvaluationPeriods ?? 1,
        DatapointsToAlarm = m.DatapointsToAlarm,
        Threshold = m.Threshold,
        ComparisonOperator = m.ComparisonOperator ?? "",
        TreatMissingData = string.IsNullOrEmpty(m.TreatMissingData) ? null : m.TreatMissingData,
    };

    public async Task RegisterScalableTargetAsync(RegisterScalableTargetRequest request, CancellationToken cancellationToken = default) =>
        await autoScaling.RegisterScalableTargetAsync(request, cancellationToken).ConfigureAwait(false);

    public Task DeregisterScalableTargetAsync(ScalableTargetKey key, CancellationToken cancellationToken = default) =>
        autoScaling.DeregisterScalableTargetAsync(new DeregisterScalableTargetRequest
        {
            ServiceNamespace = key.ServiceNamespace, ResourceId = key.ResourceId, ScalableDimension = key.ScalableDimension,
        }, cancellationToken);

    public async Task<string> PutScalingPolicyAsync(PutScalingPolicyRequest request, CancellationToken cancellationToken = default)
    {
        var r = await autoScaling.PutScalingPolicyAsync(request, cancellationToken).ConfigureAwait(false);
        return r.PolicyARN ?? throw new AwsTransportException("Application Auto Scaling", "PutScalingPolicy", "the answer carried no PolicyARN");
    }

    public Task DeleteScalingPolicyAsync(ScalableTargetKey key, string policyName, CancellationToken cancellationToken = default) =>
        autoScaling.DeleteScalingPolicyAsync(new DeleteScalingPolicyRequest
        {
            PolicyName = policyName, ServiceNamespace = key.ServiceNamespace, ResourceId = key.ResourceId, ScalableDimension = key.ScalableDimension,
        }, cancellationToken);

    public Task PutScheduledActionAsync(PutScheduledActionRequest request, CancellationToken cancellationToken = default) =>
        autoScaling.PutScheduledActionAsync(request, cancellationToken);

    public Task DeleteScheduledActionAsync(ScalableTargetKey key, string scheduledActionName, CancellationToken cancellationToken = default) =>
        autoScaling.DeleteScheduledActionAsync(new DeleteScheduledActionRequest
        {
            ScheduledActionName = scheduledActionName, ServiceNamespace = key.ServiceNamespace, ResourceId = key.ResourceId, ScalableDimension = key.ScalableDimension,
        }, cancellationToken);

    public Task PutMetricAlarmAsync(PutMetricAlarmRequest request, CancellationToken cancellationToken = default) =>
        cloudWatch.PutMetricAlarmAsync(request, cancellationToken);

    public async Task DeleteAlarmsAsync(IReadOnlyList<string> alarmNames, CancellationToken cancellationToken = default)
    {
        foreach (var chunk in alarmNames.Chunk(AlarmNamesPerCall))
            await cloudWatch.DeleteAlarmsAsync(new DeleteAlarmsRequest { AlarmNames = chunk }, cancellationToken).ConfigureAwait(false);
    }
}
