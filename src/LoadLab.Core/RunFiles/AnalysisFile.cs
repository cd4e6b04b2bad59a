using System.Text.Json.Serialization;
using LoadLab.Core.Findings;

namespace LoadLab.Core.RunFiles;

/// <summary><c>analysis.json</c>: the fit, the knee, and the sustainable load at the SLO. Pure function of the run files.</summary>
public sealed record AnalysisFile
{
    public required SloInfo Slo { get; init; }
    /// <summary>The chosen curve; null when nothing could be fitted.</summary>
    public LatencyCurve? Curve { get; init; }
    /// <summary>Every model tried with its goodness of fit, so the choice can be checked.</summary>
    public IReadOnlyList<FitCandidate> Candidates { get; init; } = [];
    public double? KneeIpm { get; init; }
    /// <summary>Highest IPI at which the SLO latency and error rate hold.</summary>
    public double? SustainableIpm { get; init; }
    // The interval's ends in IPI: the JSON names end in their unit like every other number.
    [JsonPropertyName("sustainable_ci_low_ipm")] public double? SustainableIpmCiLow { get; init; }
    [JsonPropertyName("sustainable_ci_high_ipm")] public double? SustainableIpmCiHigh { get; init; }
    /// <summary>Highest per-instance rate (requests/s) observed without saturation.</summary>
    public double? MaxRpsPerInstance { get; init; }
    public bool Saturated { get; init; }
    public int StepsUsed { get; init; }
    /// <summary>Per-instance error rate as a function of IPI is not fitted; this is the IPI where errors first exceed the SLO.</summary>
    public double? ErrorOnsetIpm { get; init; }
    /// <summary>Measured (or assumed) instance startup time, seconds.</summary>
    public double? InstanceStartupS { get; init; }
    public bool InstanceStartupMeasured { get; init; }
    public IReadOnlyList<AnalysisPoint> Points { get; init; } = [];
    public IReadOnlyList<Finding> Warnings { get; init; } = [];

    /// <summary>Which client latency column the fit used (client_slo_percentile_ms: the SLO's own percentile; client_p50/p90/p99_ms for older files).</summary>
    public string? LatencyColumn { get; init; }
    /// <summary>The percentile the SLO's latency was judged on: the SLO's own when steps.csv holds
    /// client_slo_percentile_ms, else the fixed column used instead (and a warning says so).</summary>
    public double? JudgedPercentile { get; init; }
    /// <summary>The arrival process the sustainable load holds for, as the steps ran: "poisson", "uniform", "mixed",
    /// or "closed" (closed-model users).</summary>
    public string? Arrivals { get; init; }
    /// <summary>"aicc" (small-sample corrected Akaike criterion) or "aic" when too few steps for the correction.</summary>
    public string? SelectionCriterion { get; init; }
    /// <summary>Seed of the bootstrap's random generator (the run's seed unless overridden), and its resample count.</summary>
    public long? BootstrapSeed { get; init; }
    public int BootstrapResamples { get; init; }
    /// <summary>IPI limits found separately: where the fitted latency reaches the SLO, where errors exceed it, and the throughput ceiling.</summary>
    public double? LatencyLimitIpm { get; init; }
    public double? ThroughputLimitIpm { get; init; }
    /// <summary>Highest IPI of a step that met both the SLO latency and the error rate.</summary>
    public double? ObservedMaxPassingIpm { get; init; }
    /// <summary>What showed saturation (throughput flattening, errors, latency over the SLO), step by step.</summary>
    public IReadOnlyList<string> SaturationSignals { get; init; } = [];
    /// <summary>True when the sustainable figure is a lower bound or uncertain (never saturated, too few steps, noisy) and the recommendation must be conservative.</summary>
    public bool Conservative { get; init; }

    /// <summary>Models not eligible for selection (too few steps for AICc, or no fit), each with the reason.</summary>
    public IReadOnlyList<RefusedModel> ModelsRefused { get; init; } = [];
    /// <summary>Lowest and highest IPI of the steps the chosen curve was fitted on: the curve is drawn and trusted only there.</summary>
    public double? FitRangeLowIpm { get; init; }
    public double? FitRangeHighIpm { get; init; }
    /// <summary>How the latency limit was found: "fitted_curve", "interpolated" (between the measured steps either side of the SLO, when the fit was rejected), or null when latency did not bind.</summary>
    public string? LatencyLimitMethod { get; init; }
    /// <summary>Largest relative residual |observed − fitted| / observed of the chosen fit at the steps near the SLO, and the bound beyond which the fit is not used for the limit.</summary>
    public double? NearSloMaxResidualFraction { get; init; }
    public double NearSloResidualBoundFraction { get; init; }
    /// <summary>Which constraint sets the sustainable IPI: "latency", "error_rate", "throughput", or "none_reached" (a lower bound).</summary>
    public string? BindingConstraint { get; init; }
    /// <summary>True when the test never reached a limit: <see cref="SustainableIpm"/> is "at least" this much, not the capacity.</summary>
    public bool SustainableIsLowerBound { get; init; }
    /// <summary>How the 95 % interval was found: "outcome_bootstrap" (every step's requests resampled for every constraint), or "step_bracket" (the limit lies between two measured steps, which are the interval).</summary>
    public string? SustainableIpmCiMethod { get; init; }
    /// <summary>Steps the load generator started late (lateness from latency.hlog), and whether each was re-judged on service time.</summary>
    public IReadOnlyList<LateStep> LateSteps { get; init; } = [];
    /// <summary>Lateness at the judged percentile beyond which a step is re-judged on service time.</summary>
    public double? LatenessBoundMs { get; init; }
    /// <summary>What a run would need to be trusted (longer holds, more steps, with the numbers), when this one is too uncertain.</summary>
    public IReadOnlyList<string> RunAdvice { get; init; } = [];
    /// <summary>One sentence on what the interval covers, for the reader.</summary>
    public string? SustainableIpmCiNote { get; init; }
}

/// <summary>One step the load generator started late: its lateness, the starts later than the bound, and the latency it was judged on.</summary>
public sealed record LateStep(int Step, double LatenessP99Ms, double LatenessMaxMs, long LateStartCount, bool Rejudged, double? ScheduledLatencyMs, double? ServiceLatencyMs);

/// <summary>A latency model that was not eligible for selection, and why.</summary>
public sealed record RefusedModel(string Kind, int Parameters, int Points, string Reason);

/// <summary>One model tried. <see cref="Aic"/> holds the selection criterion named in <see cref="AnalysisFile.SelectionCriterion"/>; lower is better. R² and the criterion are on the relative (1/y²-weighted) scale the fit minimises; <see cref="RmseMs"/> is in ms.</summary>
public sealed record FitCandidate(string Kind, double RSquared, double RmseMs, int Parameters, double Aic)
{
    public bool Chosen { get; init; }
    public LatencyCurve? Curve { get; init; }
}

/// <summary>One step as the fit saw it.</summary>
public sealed record AnalysisPoint(int Step, double Ipm, double LatencyMs, double ErrorRateFraction, double OfferedRps, double AchievedRps, bool UsedInFit);
