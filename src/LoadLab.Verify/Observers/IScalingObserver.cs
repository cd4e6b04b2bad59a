using LoadLab.Core.AwsApi;
using LoadLab.Core.RunFiles;

namespace LoadLab.Verify.Observers;

/// <summary>
/// Maps the observer's clock onto real time. On AWS it is the identity; the sim endpoint's emulated clock runs
/// <see cref="Scale"/> times faster than real time (--time-scale), so its timestamps are mapped through this.
/// </summary>
public sealed record ClockMapping(double Scale, DateTimeOffset EmulatedAtUtc, DateTimeOffset RealAtUtc)
{
    public static ClockMapping Identity(DateTimeOffset now) => new(1, now, now);
    public DateTimeOffset ToEmulated(DateTimeOffset realUtc) => EmulatedAtUtc + TimeSpan.FromTicks((long)((realUtc - RealAtUtc).Ticks * Scale));
    public DateTimeOffset ToReal(DateTimeOffset emulatedUtc) => RealAtUtc + TimeSpan.FromTicks((long)((emulatedUtc - EmulatedAtUtc).Ticks / Scale));
}

/// <summary>What the endpoint knows about its scaling; the sim's admin API or AWS (DescribeEndpoint, DescribeScalingActivities, DescribeAlarms).</summary>
public interface IScalingObserver : IDisposable
{
    /// <summary>"sim endpoint admin API at ..." or "AWS (...)" for the file and the console.</summary>
    string Description { get; }

    Task<ClockMapping> ClockAsync(CancellationToken ct);

    Task<EndpointSample> SampleAsync(CancellationToken ct);

    /// <summary>Scaling activities of the variant that started at or after <paramref name="sinceUtc"/> (endpoint clock), oldest first.</summary>
    Task<IReadOnlyList<ScalingActivity>> ActivitiesAsync(DateTimeOffset sinceUtc, CancellationToken ct);

    /// <summary>The current states of the alarms of the variant's scaling policies (empty where there are none to read).</summary>
    Task<IReadOnlyList<AlarmSample>> AlarmsAsync(CancellationToken ct);

    /// <summary>
    /// The endpoint's own InvocationsPerInstance, summed per minute of its clock from <paramref name="fromUtc"/> to
    /// <paramref name="toUtc"/>: the metric the policy scales on, as published (CloudWatch on AWS, the sim's own
    /// periods locally). Empty, with a warning from the observer, when it cannot be read.
    /// </summary>
    Task<IReadOnlyDictionary<DateTimeOffset, double>> InvocationsPerInstanceAsync(DateTimeOffset fromUtc, DateTimeOffset toUtc, CancellationToken ct);

    /// <summary>
    /// What the endpoint's autoscaler multiplies per-minute counts by: 1 on AWS; the time scale on a sim started with
    /// --autoscale-real-rate (targets in requests per real minute).
    /// </summary>
    double MetricCountFactor { get; }
}
