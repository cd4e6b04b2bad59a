using LoadLab.Core.Findings;

namespace LoadLab.Analysis;

/// <summary>
/// The stable codes of the findings <c>analysis.json</c> and <c>recommendation.json</c> carry, with the severity each is
/// written with. Routine, per-step bookkeeping of a ladder driven past capacity (a shedding step left out of the
/// latency fit, a model with too few points to judge) is info: it is how the analysis works, not a doubt about its
/// figures. What weakens a figure (a noisy fit, a wide interval, a ladder that never saturated) is a warning; what
/// leaves no usable figure is an error. docs/warnings.md lists them for users; keep the two in step.
/// </summary>
public static class AnalysisCodes
{
    // Inputs: what the analysis had to read, assume or rebuild.
    public const string InputIgnored = "analysis.input_ignored";
    public const string SloAssumed = "analysis.slo_assumed";
    public const string SloColumnApproximate = "analysis.slo_column_approximate";
    public const string EvenArrivals = "analysis.even_arrivals";
    public const string ClosedLoopUsers = "analysis.closed_loop_users";
    public const string StepsRebuilt = "analysis.steps_rebuilt";
    public const string NoSteps = "analysis.no_steps";
    public const string MetricsMissing = "analysis.metrics_missing";
    public const string InstancesUnknown = "analysis.instances_unknown";
    public const string NoModelLatency = "analysis.no_model_latency";
    public const string ServerGap = "analysis.server_datapoint_gap";
    public const string StepsShorterThanPeriod = "analysis.steps_shorter_than_period";
    public const string StepCutShort = "analysis.step_cut_short";
    public const string HlogUnreadable = "analysis.hlog_unreadable";

    // Steps: per-step bookkeeping, grouped by code in the report.
    public const string StepNoSuccess = "analysis.step_no_success";
    public const string StepEmpty = "analysis.step_empty";
    public const string StepLate = "analysis.step_generator_late";
    public const string GeneratorLate = "analysis.generator_late";
    public const string StepOutlier = "analysis.step_outlier";
    public const string StepFlattenedLeftOut = "analysis.step_left_out_flattened";
    public const string StepErrorsLeftOut = "analysis.step_left_out_errors";
    public const string IntermittentErrors = "analysis.intermittent_errors";

    // The fit and the limit.
    public const string ModelNotEligible = "analysis.model_not_eligible";
    public const string NoFit = "analysis.no_fit";
    public const string FitMissesNearSlo = "analysis.fit_misses_near_slo";
    public const string ObservedStepUsed = "analysis.observed_step_used";
    public const string LatencyLimitNoisy = "analysis.latency_limit_noisy";
    public const string ErrorSloNeverMet = "analysis.error_slo_never_met";
    public const string Unsaturated = "analysis.unsaturated";
    public const string SloUnmetAtLowest = "analysis.slo_unmet_at_lowest";
    public const string NoInterval = "analysis.no_interval";
    public const string TooFewSteps = "analysis.too_few_steps";
    public const string NoisyFit = "analysis.noisy_fit";
    public const string WideInterval = "analysis.wide_interval";

    // recommendation.json
    public const string NotSageMaker = "recommend.not_sagemaker";
    public const string LimitNotReached = "recommend.limit_not_reached";
    public const string TooUncertain = "recommend.too_uncertain";
    public const string HeadroomCapped = "recommend.headroom_capped";
    public const string Flaps = "recommend.flaps";
    public const string SloViolatedAtEveryTarget = "recommend.slo_violated_at_every_target";
    public const string NoPeakRps = "recommend.no_peak_rps";
    public const string MaxBelowMin = "recommend.max_below_min";
    public const string MaxTooSmall = "recommend.max_capacity_too_small";
    public const string AwsWouldReject = "recommend.aws_would_reject";

    /// <summary>A per-step finding: the step is the subject so identical causes fold to "step 5/6/7: ..." in the report.</summary>
    public static Finding Step(Severity severity, string code, int step, string message, string? detail = null) =>
        new(severity, code, message) { Subject = $"step {step}", Detail = detail };
}
