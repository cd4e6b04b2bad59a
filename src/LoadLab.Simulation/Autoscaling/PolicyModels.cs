using LoadLab.Core.AwsApi;
using LoadLab.Core.Scheduling;

namespace LoadLab.Simulation.Autoscaling;

/// <summary>The metrics the simulated fleet publishes, named as in the <c>AWS/SageMaker</c> namespace.</summary>
public static class SimMetrics
{
    /// <summary>1-minute; sum over the minute's requests of 1/InService (what SageMaker publishes).</summary>
    public const string InvocationsPerInstance = "InvocationsPerInstance";
    /// <summary>1-minute; requests received.</summary>
    public const string Invocations = "Invocations";
    /// <summary>10-second high-resolution; requests in flight (queued included) per model (one model per instance).</summary>
    public const string ConcurrentRequestsPerModel = "ConcurrentRequestsPerModel";

    public static readonly IReadOnlyList<string> All = [InvocationsPerInstance, Invocations, ConcurrentRequestsPerModel];

    /// <summary>Publishing period of a metric, seconds.</summary>
    public static int PeriodS(string metric) => metric == ConcurrentRequestsPerModel ? 10 : 60;
}

public enum AlarmStatistic { Average, Sum, Minimum, Maximum, SampleCount }

public enum AlarmComparison { GreaterThanOrEqualToThreshold, GreaterThanThreshold, LessThanThreshold, LessThanOrEqualToThreshold }

/// <summary>A CloudWatch metric alarm as the simulator evaluates it: M of the last N periods breaching.</summary>
public sealed record AlarmSpec(string Name, string MetricName, int PeriodS, AlarmStatistic Statistic, int EvaluationPeriods,
    int DatapointsToAlarm, double Threshold, AlarmComparison Comparison)
{
    public bool Breaches(double value) => Comparison switch
    {
        AlarmComparison.GreaterThanOrEqualToThreshold => value >= Threshold,
        AlarmComparison.GreaterThanThreshold => value > Threshold,
        AlarmComparison.LessThanThreshold => value < Threshold,
        _ => value <= Threshold,
    };
}

public abstract record PolicyModel(string Name)
{
    /// <summary>Can this policy ever propose a scale-in? Only those vote on scale-in (see <see cref="Autoscaler"/>).</summary>
    public abstract bool CanScaleIn { get; }
}

/// <summary>
/// Target tracking as Application Auto Scaling runs it: a high alarm (3 datapoints &gt; target) and, unless
/// DisableScaleIn, a low alarm (15 datapoints &lt; 90 % of target), both on the tracked metric's own period
/// (60 s, or 10 s for the high-resolution metric, which AWS sells as "up to 6x faster": 3 x 10 s instead of 3 x 60 s).
/// </summary>
public sealed record TargetTrackingPolicyModel(string Name, string MetricName, double TargetValue,
    int ScaleOutCooldownS = TargetTrackingPolicyModel.DefaultCooldownS, int ScaleInCooldownS = TargetTrackingPolicyModel.DefaultCooldownS,
    bool DisableScaleIn = false) : PolicyModel(Name)
{
    /// <summary>AWS default cooldown for SageMaker variants, seconds.</summary>
    public const int DefaultCooldownS = 300;
    public const int HighDatapoints = 3;
    public const int LowDatapoints = 15;
    public const double LowThresholdFraction = 0.9;

    public override bool CanScaleIn => !DisableScaleIn;
    public int PeriodS => SimMetrics.PeriodS(MetricName);

    public AlarmSpec HighAlarm => new($"{Name}-AlarmHigh", MetricName, PeriodS, AlarmStatistic.Average, HighDatapoints, HighDatapoints,
        TargetValue, AlarmComparison.GreaterThanThreshold);

    public AlarmSpec LowAlarm => new($"{Name}-AlarmLow", MetricName, PeriodS, AlarmStatistic.Average, LowDatapoints, LowDatapoints,
        TargetValue * LowThresholdFraction, AlarmComparison.LessThanThreshold);
}

/// <summary>Step scaling with the alarm that invokes it; bounds of <see cref="Steps"/> are relative to the alarm threshold.</summary>
public sealed record StepPolicyModel(string Name, AlarmSpec Alarm, string AdjustmentType, IReadOnlyList<StepAdjustment> Steps,
    int? MinAdjustmentMagnitude, int CooldownS, AlarmStatistic MetricAggregationType) : PolicyModel(Name)
{
    public override bool CanScaleIn =>
        AdjustmentType == AdjustmentTypes.ExactCapacity || Steps.Any(s => s.ScalingAdjustment < 0);
}

/// <summary>A scheduled action: at each occurrence, set MinCapacity and/or MaxCapacity.</summary>
public sealed record ScheduledActionModel(string Name, ScheduleExpression Schedule, DateTimeOffset? StartUtc, DateTimeOffset? EndUtc,
    int? MinCapacity, int? MaxCapacity);
