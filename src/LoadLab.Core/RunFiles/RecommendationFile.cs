using System.Text.Json.Serialization;
using LoadLab.Core.AwsApi;
using LoadLab.Core.Findings;

namespace LoadLab.Core.RunFiles;

/// <summary>
/// <c>recommendation.json</c>: the policy as Application Auto Scaling (and CloudWatch) API requests field for field,
/// plus the basis, the alternatives and the cost. The request lists keep the AWS operation names as keys.
/// </summary>
public sealed record RecommendationFile
{
    public required string Endpoint { get; init; }
    public required string Variant { get; init; }
    [JsonPropertyName("RegisterScalableTarget")] public required RegisterScalableTargetRequest RegisterScalableTarget { get; init; }
    [JsonPropertyName("PutScalingPolicy")] public IReadOnlyList<PutScalingPolicyRequest> PutScalingPolicy { get; init; } = [];
    /// <summary>Alarms the step policies need; AlarmActions hold <see cref="PolicyArnPlaceholderPrefix"/>+PolicyName until applied.</summary>
    [JsonPropertyName("PutMetricAlarm")] public IReadOnlyList<PutMetricAlarmRequest> PutMetricAlarm { get; init; } = [];
    [JsonPropertyName("PutScheduledAction")] public IReadOnlyList<PutScheduledActionRequest> PutScheduledAction { get; init; } = [];
    public required RecommendationBasis Basis { get; init; }
    public IReadOnlyList<PolicyAlternative> Alternatives { get; init; } = [];
    public CostEstimate? Cost { get; init; }
    public IReadOnlyList<string> Rationale { get; init; } = [];
    public IReadOnlyList<Finding> Warnings { get; init; } = [];

    /// <summary>An alarm action "policy-arn:NAME" means "the ARN PutScalingPolicy returns for NAME".</summary>
    public const string PolicyArnPlaceholderPrefix = "policy-arn:";
}

public sealed record RecommendationBasis
{
    /// <summary>The sustainable IPI the target is derived from: the measured one, or its interval's low end when the analysis is uncertain (see <see cref="Margins"/>).</summary>
    public double SustainableIpm { get; init; }
    /// <summary>The sustainable IPI as analysis.json measured it, before any margin.</summary>
    public double MeasuredSustainableIpm { get; init; }
    /// <summary>True when the run never reached a limit: the sustainable IPI is "at least" this, not the capacity.</summary>
    public bool SustainableIpmIsLowerBound { get; init; }
    /// <summary>Every cut between the measured sustainable IPI and the target, each once, with its cause, in the order applied.</summary>
    public IReadOnlyList<TargetMargin> Margins { get; init; } = [];
    /// <summary>1 − TargetValue / MeasuredSustainableIpm: all the margins together.</summary>
    public double TotalMarginFraction { get; init; }
    /// <summary>Where the instance startup came from: "measured", "scenario" or "default".</summary>
    public string InstanceStartupSource { get; init; } = "";
    public double HeadroomFraction { get; init; }
    /// <summary>The target-tracking target, in IPI (the JSON name says the unit; the C# name matches AWS's TargetValue).</summary>
    [JsonPropertyName("target_value_ipm")] public double TargetValue { get; init; }
    /// <summary>AWS rule of thumb: max RPS per instance × 0.5 × 60, in IPI.</summary>
    [JsonPropertyName("rule_of_thumb_target_ipm")] public double RuleOfThumbTarget { get; init; }
    public double MaxRpsPerInstance { get; init; }
    public double InstanceStartupS { get; init; }
    public bool Conservative { get; init; }
    public double? PeakRps { get; init; }
    public double GrowthFractionPerMin { get; init; }
    /// <summary>Where <see cref="GrowthFractionPerMin"/> came from (scenario option, trace, run ramps, default).</summary>
    public string? GrowthSource { get; init; }
    /// <summary>Scale-out reaction time: 3 one-minute datapoints plus instance startup, in minutes.</summary>
    public double ReactionMin { get; init; }
    public bool InstanceStartupMeasured { get; init; }
    /// <summary>Per-instance request rate at the target (TargetValue / 60).</summary>
    public double RpsPerInstanceAtTarget { get; init; }
    /// <summary>What the autoscaling simulator said about the policy on the run's traffic; null when there was no traffic to simulate.</summary>
    public SimulatedCheckBasis? SimulatedCheck { get; init; }
}

/// <summary>
/// The recommender's simulated check (LoadLab.Simulation on the replayed trace or the run's own offered load):
/// the scale-in cooldowns tried for flapping, the targets tried against the SLO, and the final policy's scores.
/// </summary>
public sealed record SimulatedCheckBasis
{
    /// <summary>Where the simulated traffic came from (trace file, timeline.csv).</summary>
    public string Traffic { get; init; } = "";
    public int Minutes { get; init; }
    public long Seed { get; init; }
    /// <summary>The policy simulated last (the one recommended): target tracking at this target (IPI) and these cooldowns, within Min/Max.</summary>
    [JsonPropertyName("target_value_ipm")] public double TargetValue { get; init; }
    public int ScaleOutCooldownS { get; init; }
    public int ScaleInCooldownS { get; init; }
    public int MinCapacity { get; init; }
    public int MaxCapacity { get; init; }
    public double ViolationMinutes { get; init; }
    /// <summary>SLO-violation minutes the target may cause before it is stepped down.</summary>
    public double AllowedViolationMinutes { get; init; }
    public int Flaps { get; init; }
    public int ScaleOuts { get; init; }
    public int ScaleIns { get; init; }
    public double InstanceHours { get; init; }
    public IReadOnlyList<CooldownTrial> ScaleInCooldownChoicesTried { get; init; } = [];
    public IReadOnlyList<TargetTrial> TargetsTried { get; init; } = [];
}

/// <summary>One cut of the target: its cause, and the fraction it takes off the value before it.</summary>
public sealed record TargetMargin(string Cause, double Fraction);

public sealed record CooldownTrial(int ScaleInCooldownS, int Flaps, int ScaleIns, double ViolationMinutes);

public sealed record TargetTrial([property: JsonPropertyName("target_value_ipm")] double TargetValue, double ViolationMinutes, int Flaps, double InstanceHours);

public sealed record PolicyAlternative(string Name, string Metric, double TargetValue, string Description, PutScalingPolicyRequest? Request = null);

public sealed record CostEstimate(double PricePerInstanceHourUsd, double InstancesAtPeak, double InstancesAtMin,
    double CostPerHourAtPeakUsd, double CostPerMillionInferencesAtTargetUsd)
{
    /// <summary>Instance-hours a day: from the daily profile when a trace showed one, else MinCapacity all day plus the peak for the busy hours assumed.</summary>
    public double? InstanceHoursPerDay { get; init; }
    public double? CostPerDayUsd { get; init; }
    public string? Basis { get; init; }
}
