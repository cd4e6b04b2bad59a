using System.Text.Json.Serialization;
using LoadLab.Core.AwsApi;
using LoadLab.Core.Findings;

namespace LoadLab.Core.RunFiles;

/// <summary>
/// verify.json: the scaling timeline beside latency, errors and invocations per instance, the verdict, and the
/// comparison with what `loadlab simulate` predicts for the same traffic and policy. Written by `loadlab verify`
/// (LoadLab.Verify), read by the report. Times are on the endpoint's
/// clock (emulated when the sim runs with --time-scale; <see cref="TimeScale"/> says how much faster than real time);
/// durations in seconds and minutes of that clock.
/// </summary>
public sealed record VerifyFile
{
    public int FormatVersion { get; init; } = 1;
    public required string Scenario { get; init; }
    public required string RunDirectory { get; init; }
    public string? Endpoint { get; init; }
    public required string Variant { get; init; }
    public required string Observer { get; init; }
    public double TimeScale { get; init; } = 1;
    /// <summary>Factor applied to per-minute counts in <see cref="VerifyMinute.InvocationsPerInstance"/> (what the autoscaler compared with the target).</summary>
    public double MetricCountFactor { get; init; } = 1;
    public required DateTimeOffset StartUtc { get; init; }
    public required DateTimeOffset EndUtc { get; init; }
    public required DateTimeOffset RealStartUtc { get; init; }
    public required DateTimeOffset RealEndUtc { get; init; }
    public required SloSummary Slo { get; init; }
    public required VerifyVerdict Verdict { get; init; }
    public IReadOnlyList<VerifyMinute> Timeline { get; init; } = [];
    public IReadOnlyList<ScalingActivity> ScalingActivities { get; init; } = [];
    public IReadOnlyList<EndpointSample> Samples { get; init; } = [];
    public IReadOnlyList<AlarmSample> AlarmStates { get; init; } = [];
    public Prediction? Prediction { get; init; }
    public IReadOnlyList<Finding> Warnings { get; init; } = [];
}

public sealed record SloSummary(double LatencyPercentile, double LatencyMs, double MaxErrorRateFraction, int AllowedViolationMinutes);

/// <summary>One minute of the endpoint's clock.</summary>
public sealed record VerifyMinute
{
    public required DateTimeOffset MinuteUtc { get; init; }
    public long Offered { get; init; }
    public long Completed { get; init; }
    public long Ok { get; init; }
    public long Errors { get; init; }
    public double ErrorRateFraction { get; init; }
    /// <summary>The SLO percentile's latency, approximated from the per-second percentiles weighted by completions.</summary>
    public double? LatencyMs { get; init; }
    public int? DesiredInstances { get; init; }
    public int? InServiceInstances { get; init; }
    /// <summary>Offered requests per in-service instance in the minute, x the metric count factor: the policy's units.</summary>
    [JsonPropertyName("invocations_per_instance_per_min")] public double? InvocationsPerInstance { get; init; }
    /// <summary>
    /// InvocationsPerInstance as the endpoint published it for the minute (CloudWatch's Sum; the sim's own periods),
    /// x the metric count factor: what the policy actually compared with its target. Null when it could not be read.
    /// </summary>
    [JsonPropertyName("metric_invocations_per_instance_per_min")] public double? MetricInvocationsPerInstance { get; init; }
    public bool Violation { get; init; }
    public IReadOnlyList<string> Activities { get; init; } = [];
}

/// <summary>verify.json's "verdict": whether the SLO held while the fleet scaled (written by `loadlab verify`).</summary>
public sealed record VerifyVerdict
{
    public required bool SloHeld { get; init; }
    public required int ViolationMinutes { get; init; }
    public DateTimeOffset? LoadStepUtc { get; init; }
    public double? LoadStepFactor { get; init; }
    public DateTimeOffset? FirstScaleOutUtc { get; init; }
    public double? TimeToFirstScaleOutS { get; init; }
    public bool Recovered { get; init; }
    public DateTimeOffset? RecoveredUtc { get; init; }
    public double? TimeToRecoveryS { get; init; }
    public int? InitialInstances { get; init; }
    public int? MaxDesiredInstances { get; init; }
    public int? MaxInServiceInstances { get; init; }
    public double InstanceMinutes { get; init; }
    public int ScaleOuts { get; init; }
    public int ScaleIns { get; init; }
    public IReadOnlyList<string> Reasons { get; init; } = [];
}

/// <summary>`simulate`'s model on the same traffic (the offered requests per minute) and policy, and how far it was off.</summary>
public sealed record Prediction
{
    public required string Policy { get; init; }
    public required string Analysis { get; init; }
    /// <summary>Instance startup the model assumed, in seconds of the endpoint's clock.</summary>
    public double StartupS { get; init; }
    /// <summary>Where <see cref="StartupS"/> came from: the policy's basis (measured, scenario or default) or analysis.json; never the endpoint's own setting.</summary>
    public string StartupSource { get; init; } = "";
    /// <summary>The model's own uniform ± spread of the startup, as a fraction of <see cref="StartupS"/>.</summary>
    public double StartupJitterFraction { get; init; }
    public DateTimeOffset? FirstScaleOutUtc { get; init; }
    public double? TimeToFirstScaleOutS { get; init; }
    public int ViolationMinutes { get; init; }
    public int PeakInstances { get; init; }
    public IReadOnlyList<ScaleEvent> Events { get; init; } = [];
    public IReadOnlyList<SimulationSample> Timeline { get; init; } = [];
    /// <summary>Observed minus predicted.</summary>
    public double? FirstScaleOutErrorS { get; init; }
    public int ViolationMinutesError { get; init; }
    public int? PeakInstancesError { get; init; }
}

/// <summary>One DescribeEndpoint sample of the variant under test (times: real, and on the endpoint's clock).</summary>
public sealed record EndpointSample(DateTimeOffset RealUtc, DateTimeOffset TimeUtc, string Status, int? DesiredInstances, int? CurrentInstances);

/// <summary>One alarm's state when sampled (DescribeAlarms); a change between samples is a state transition.</summary>
public sealed record AlarmSample(DateTimeOffset RealUtc, string AlarmName, string State, DateTimeOffset? StateUpdatedUtc, string? Reason);
