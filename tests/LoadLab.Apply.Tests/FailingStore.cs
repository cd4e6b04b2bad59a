using LoadLab.Core.AwsApi;
using LoadLab.Core.Ports;

namespace LoadLab.Apply.Tests;

/// <summary>Wraps a store and throws on the Nth write (1-based), and on each of <paramref name="thenFailOn"/>, the way a
/// throttled or rejected AWS call would; reads and every other write pass through. Used to prove that a failure midway is
/// rolled back (and, with a second failure, what happens when the restore fails too). <see cref="OnWrite"/> runs at
/// every write before it reaches the store, e.g. to send a signal while the write is in flight.</summary>
internal sealed class FailingStore(IScalingConfigStore inner, int failOnWrite, params int[] thenFailOn) : IScalingConfigStore
{
    public int WritesSeen { get; private set; }
    public bool Failed { get; private set; }
    public Action<int, string>? OnWrite { get; init; }

    private Task Gate(string operation)
    {
        WritesSeen++;
        OnWrite?.Invoke(WritesSeen, operation);
        if (WritesSeen == failOnWrite || thenFailOn.Contains(WritesSeen))
        {
            Failed = true;
            throw new InjectedFailureException($"injected failure on write #{WritesSeen} ({operation})");
        }
        return Task.CompletedTask;
    }

    public Task<EndpointSummary?> DescribeEndpointAsync(string endpointName, CancellationToken ct = default) => inner.DescribeEndpointAsync(endpointName, ct);
    public Task<ScalingConfigState> ReadAsync(ScalableTargetKey key, CancellationToken ct = default) => inner.ReadAsync(key, ct);
    public Task<IReadOnlyList<PutMetricAlarmRequest>> DescribeAlarmsAsync(IReadOnlyCollection<string> names, CancellationToken ct = default) => inner.DescribeAlarmsAsync(names, ct);
    public Task<IReadOnlyList<PutMetricAlarmRequest>> DescribeAlarmsByPrefixAsync(string prefix, CancellationToken ct = default) => inner.DescribeAlarmsByPrefixAsync(prefix, ct);

    public async Task RegisterScalableTargetAsync(RegisterScalableTargetRequest r, CancellationToken ct = default) { await Gate("RegisterScalableTarget"); await inner.RegisterScalableTargetAsync(r, ct); }
    public async Task DeregisterScalableTargetAsync(ScalableTargetKey k, CancellationToken ct = default) { await Gate("DeregisterScalableTarget"); await inner.DeregisterScalableTargetAsync(k, ct); }
    public async Task<string> PutScalingPolicyAsync(PutScalingPolicyRequest r, CancellationToken ct = default) { await Gate("PutScalingPolicy"); return await inner.PutScalingPolicyAsync(r, ct); }
    public async Task DeleteScalingPolicyAsync(ScalableTargetKey k, string n, CancellationToken ct = default) { await Gate("DeleteScalingPolicy"); await inner.DeleteScalingPolicyAsync(k, n, ct); }
    public async Task PutScheduledActionAsync(PutScheduledActionRequest r, CancellationToken ct = default) { await Gate("PutScheduledAction"); await inner.PutScheduledActionAsync(r, ct); }
    public async Task DeleteScheduledActionAsync(ScalableTargetKey k, string n, CancellationToken ct = default) { await Gate("DeleteScheduledAction"); await inner.DeleteScheduledActionAsync(k, n, ct); }
    public async Task PutMetricAlarmAsync(PutMetricAlarmRequest r, CancellationToken ct = default) { await Gate("PutMetricAlarm"); await inner.PutMetricAlarmAsync(r, ct); }
    public async Task DeleteAlarmsAsync(IReadOnlyList<string> n, CancellationToken ct = default) { await Gate("DeleteAlarms"); await inner.DeleteAlarmsAsync(n, ct); }
}

internal sealed class InjectedFailureException(string message) : Exception(message);
