using System.Text.Json.Serialization;
using LoadLab.Core.RunFiles;

namespace LoadLab.Reporting.Model;

/// <summary>
/// The machine-readable verdict (<c>verdict.json</c>): thresholds, the SLO per step (apart from them), the recommendation in brief, the closed-loop check
/// in brief, warnings, pass/fail. Status is "pass" (every threshold passed), "fail" (a threshold failed, or the
/// closed-loop check in verify.json found that the SLO did not hold while the fleet scaled), "no_thresholds" (none
/// declared) or "unknown" (run.json missing or unreadable, so the thresholds are not known). A closed-loop check that
/// held does not change the status; a missing one is not a problem (it is optional). <see cref="Passed"/> is false for
/// an interrupted run (<see cref="Interrupted"/>), whatever its status: it measured only part of its schedule.
/// </summary>
public sealed record Verdict
{
    /// <summary>The version of verdict.json's layout: it goes up when a field changes meaning or goes away (added fields do not).</summary>
    public const int CurrentFormatVersion = 1;

    public int FormatVersion { get; init; } = CurrentFormatVersion;
    /// <summary>The LoadLab that wrote this verdict (run.json's <c>tool_version</c> is the one that ran the load).</summary>
    public string? ToolVersion { get; init; }
    /// <summary>When the report stage wrote this verdict (UTC, from the stage's clock).</summary>
    public DateTimeOffset? GeneratedUtc { get; init; }
    /// <summary>The run's own start and end (run.json); null when run.json could not be read.</summary>
    public DateTimeOffset? StartedUtc { get; init; }
    public DateTimeOffset? EndedUtc { get; init; }
    /// <summary>The run directory as an absolute path, so a pipeline that collects verdicts knows where each came from.</summary>
    public string? RunDirectory { get; init; }
    /// <summary>The scenario's name as run.json records it (<see cref="Scenario"/> holds the same, for readers of the first layout).</summary>
    public string? ScenarioName { get; init; }
    /// <summary>The seed of every random choice of the run (run.json), so the run can be repeated.</summary>
    public long? Seed { get; init; }
    public required string Status { get; init; }
    /// <summary>The thresholds alone, in the same words as <see cref="Status"/> (which a failed closed-loop check overrides).</summary>
    public required string ThresholdStatus { get; init; }
    public required bool Passed { get; init; }
    /// <summary>Ctrl-C or SIGTERM (or a shard's) stopped the run before its schedule ended; the figures cover what was measured.</summary>
    public bool Interrupted { get; init; }
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
    /// <summary>The comparison with a baseline run (compare.json) in brief; null when the run was not compared. It does not change <see cref="Status"/>: compare's own exit code says whether it regressed.</summary>
    public Baselines.BaselineSummary? Baseline { get; init; }
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
    /// <summary>The interval's ends (null when there is no interval with width); <see cref="SustainableInterval"/> says what kind it is.</summary>
    [JsonPropertyName("sustainable_ci_low_ipm")] public double? SustainableIpmCiLow { get; init; }
    [JsonPropertyName("sustainable_ci_high_ipm")] public double? SustainableIpmCiHigh { get; init; }
    /// <summary>The interval with its method ("outcome_bootstrap": a 95 % CI; "step_bracket": the two measured steps the limit lies between) and note.</summary>
    public SustainableBand? SustainableInterval { get; init; }
    public double? PricePerInstanceHourUsd { get; init; }
    public double? CostPerHourAtPeakUsd { get; init; }
    public double? CostPerMillionInferencesUsd { get; init; }
    public double? CostPerDayUsd { get; init; }
    public int StepPolicies { get; init; }
    public int ScheduledActions { get; init; }
    public int Alarms { get; init; }
    public bool Conservative { get; init; }
}
