using LoadLab.Core.AwsApi;
using LoadLab.Core.Ports;

namespace LoadLab.Apply.Tests;

/// <summary>An IScalingConfigStore in memory, with AWS's semantics where they matter to apply: RegisterScalableTarget
/// keeps fields it is not given, Put* replace, a policy keeps its ARN across puts, writes on an unregistered target fail.</summary>
internal sealed class InMemoryScalingConfigStore : IScalingConfigStore
{
    public Dictionary<string, EndpointSummary> Endpoints { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, RegisterScalableTargetRequest> Targets { get; } = new(StringComparer.Ordinal);
    public Dictionary<(string Resource, string Name), (PutScalingPolicyRequest Request, string Arn)> Policies { get; } = new();
    public Dictionary<(string Resource, string Name), PutScheduledActionRequest> Actions { get; } = new();
    public Dictionary<string, PutMetricAlarmRequest> Alarms { get; } = new(StringComparer.Ordinal);
    public int Writes { get; private set; }
    private int _arnCounter;

    public InMemoryScalingConfigStore WithEndpoint(string name, string status = "InService", params string[] variants)
    {
        Endpoints[name] = new EndpointSummary(name, status, variants.Length == 0 ? ["AllTraffic"] : variants);
        return this;
    }

    public Task<EndpointSummary?> DescribeEndpointAsync(string endpointName, CancellationToken cancellationToken = default) =>
        Task.FromResult(Endpoints.GetValueOrDefault(endpointName));

    public Task<ScalingConfigState> ReadAsync(ScalableTargetKey key, CancellationToken cancellationToken = default) =>
        Task.FromResult(new ScalingConfigState
        {
            Target = Targets.GetValueOrDefault(key.ResourceId),
            Policies = Policies.Where(kv => kv.Key.Resource == key.ResourceId).OrderBy(kv => kv.Key.Name, StringComparer.Ordinal)
                .Select(kv => new LiveScalingPolicy(kv.Value.Request, kv.Value.Arn)).ToList(),
            ScheduledActions = Actions.Where(kv => kv.Key.Resource == key.ResourceId).OrderBy(kv => kv.Key.Name, StringComparer.Ordinal)
                .Select(kv => new LiveScheduledAction(kv.Value)).ToList(),
        });

    public Task<IReadOnlyList<PutMetricAlarmRequest>> DescribeAlarmsAsync(IReadOnlyCollection<string> alarmNames, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<PutMetricAlarmRequest>>(alarmNames.Where(Alarms.ContainsKey).Select(n => Alarms[n]).ToList());

    public Task<IReadOnlyList<PutMetricAlarmRequest>> DescribeAlarmsByPrefixAsync(string alarmNamePrefix, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<PutMetricAlarmRequest>>(Alarms.Values.Where(a => a.AlarmName.StartsWith(alarmNamePrefix, StringComparison.Ordinal)).ToList());

    public Task RegisterScalableTargetAsync(RegisterScalableTargetRequest request, CancellationToken cancellationToken = default)
    {
        Writes++;
        Targets[request.ResourceId] = Targets.TryGetValue(request.ResourceId, out var old)
            ? old with { MinCapacity = request.MinCapacity ?? old.MinCapacity, MaxCapacity = request.MaxCapacity ?? old.MaxCapacity }
            : request;
        return Task.CompletedTask;
    }

    public Task DeregisterScalableTargetAsync(ScalableTargetKey key, CancellationToken cancellationToken = default)
    {
        Writes++;
        if (!Targets.Remove(key.ResourceId)) throw new InvalidOperationException("ValidationException: No scalable target found");
        foreach (var k in Policies.Keys.Where(k => k.Resource == key.ResourceId).ToList()) Policies.Remove(k);
        foreach (var k in Actions.Keys.Where(k => k.Resource == key.ResourceId).ToList()) Actions.Remove(k);
        return Task.CompletedTask;
    }

    public Task<string> PutScalingPolicyAsync(PutScalingPolicyRequest request, CancellationToken cancellationToken = default)
    {
        Writes++;
        RequireTarget(request.ResourceId);
        var key = (request.ResourceId, request.PolicyName);
        var arn = Policies.TryGetValue(key, out var old) ? old.Arn
            : $"arn:aws:autoscaling:us-east-1:123456789012:scalingPolicy:{++_arnCounter}:resource/sagemaker/{request.ResourceId}:policyName/{request.PolicyName}";
        Policies[key] = (request, arn);
        return Task.FromResult(arn);
    }

    public Task DeleteScalingPolicyAsync(ScalableTargetKey key, string policyName, CancellationToken cancellationToken = default)
    {
        Writes++;
        if (!Policies.Remove((key.ResourceId, policyName))) throw new InvalidOperationException("ValidationException: No scaling policy found");
        return Task.CompletedTask;
    }

    public Task PutScheduledActionAsync(PutScheduledActionRequest request, CancellationToken cancellationToken = default)
    {
        Writes++;
        RequireTarget(request.ResourceId);
        Actions[(request.ResourceId, request.ScheduledActionName)] = request;
        return Task.CompletedTask;
    }

    public Task DeleteScheduledActionAsync(ScalableTargetKey key, string scheduledActionName, CancellationToken cancellationToken = default)
    {
        Writes++;
        Actions.Remove((key.ResourceId, scheduledActionName));
        return Task.CompletedTask;
    }

    public Task PutMetricAlarmAsync(PutMetricAlarmRequest request, CancellationToken cancellationToken = default)
    {
        Writes++;
        Alarms[request.AlarmName] = request;
        return Task.CompletedTask;
    }

    public Task DeleteAlarmsAsync(IReadOnlyList<string> alarmNames, CancellationToken cancellationToken = default)
    {
        Writes++;
        foreach (var n in alarmNames) Alarms.Remove(n);
        return Task.CompletedTask;
    }

    private void RequireTarget(string resourceId)
    {
        if (!Targets.ContainsKey(resourceId)) throw new InvalidOperationException($"ValidationException: No scalable target registered for {resourceId}");
    }
}
