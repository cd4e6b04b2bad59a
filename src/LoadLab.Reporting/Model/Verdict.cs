using System.Text.Json.Serialization;
using LoadLab.Core.RunFiles;

namespace LoadLab.Reporting.Model;

/// <summary>
/// The machine-readable verdict (<c>verdict.json</c>): thresholds, the SLO per step (apart from them), the recommendation in brief, the closed-loop check
/// in brief, warnings, pass/fail. Status is "pass" (every threshold passed), "fail" (a threshold failed, or the
/// closed-loop check in verify.json found that the SLO did not hold while the fleet scaled), "no_thresholds" (none
/// declared) or "unknown" (run.json missing or unreadable, so the thresholds are not known). A closed-loop check that
/// held does not change the status; a missing one is not a problem (it is optional).
/// </summary>
public sealed record Verdict
{
    public required string Status { get; init; }
    /// <summary>The thresholds alone, in the same words as <see cref="Status"/> (which a failed closed-loop check overrides).</summary>
    public required string ThresholdStatus { get; init; }
    public required bool Passed { get; init; }
    public string? Scenario { get; init; }
    public string? Endpoint { get; init; }
    public string? Variant { get; init; }
    public SloInfo? Slo { get; init; }
    /// <summary>The SLO judged per steady step, apart from the thresholds: "held", "broken" or "unknown" (as <see cref="SloCheck"/>.Status).</summary>
    public string SloStatus => SloCheck.Status;
    public SloCheck SloCheck { get; init; } = SloCheck.Unknown;
    public IReadOnlyList<ThresholdResult> Thresholds { get; init; } = [];
    public RecommendationSummary? Recommendation { get; init; }
    /// <summary>The closed-loop check (verify.json) in brief; null when there is none or it could not be read.</summary>
    public ClosedLoopSummary? ClosedLoop { get; init; }
    public IReadOnlyList<ReportWarning> Warnings { get; init; } = [];
    /// <summary>Run files that were missing or unreadable, each with the reason.</summary>
    public IReadOnlyList<ReportWarning> FileProblems { get; init; } = [];
}


/// <summary>The recommended policy in the figures a reader checks first.</summary>
public sealed record RecommendationSummary
{
    public required string ResourceId { get; init; }
    public string? PolicyName { get; init; }
    public string? PolicyType { get; init; }
    public string? Metric { get; init; }
    /// <summary>The target-tracking target and the AWS rule of thumb, in IPI (the recommender always targets InvocationsPerInstance).</summary>
    [JsonPropertyName("target_value_ipm")] public double? TargetValue { get; init; }
    [JsonPropertyName("rule_of_thumb_target_ipm")] public double? RuleOfThumbTarget { get; init; }
    public int? ScaleOutCooldownS { get; init; }
    public int? ScaleInCooldownS { get; init; }
    public int? MinCapacity { get; init; }
    public int? MaxCapacity { get; init; }
    public double? SustainableIpm { get; init; }
    /// <summary>True when the run never reached a limit: <see cref="SustainableIpm"/> is "at least" this much.</summary>
    public bool SustainableIsLowerBound { get; init; }
    [JsonPropertyName("sustainable_ci_low_ipm")] public double? SustainableIpmCiLow { get; init; }
    [JsonPropertyName("sustainable_ci_high_ipm")] public double? SustainableIpmCiHigh { get; init; }
    public double? PricePerInstanceHourUsd { get; init; }
    public double? CostPerHourAtPeakUsd { get; init; }
    public double? CostPerMillionInferencesUsd { get; init; }
    public double? CostPerDayUsd { get; init; }
    public int StepPolicies { get; init; }
    public int ScheduledActions { get; init; }
    public int Alarms { get; init; }
    public bool Conservative { get; init; }
}
