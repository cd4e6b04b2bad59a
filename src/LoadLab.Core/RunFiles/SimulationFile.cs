using LoadLab.Core.Findings;

namespace LoadLab.Core.RunFiles;

/// <summary><c>simulation.json</c>: what each candidate policy would have done to the traffic, minute by minute.</summary>
public sealed record SimulationFile
{
    public required string TrafficSource { get; init; }
    public required DateTimeOffset StartUtc { get; init; }
    public required int StepS { get; init; }
    public long Seed { get; init; }
    public IReadOnlyList<CandidateResult> Candidates { get; init; } = [];
    /// <summary>Names of candidates on the cost-versus-SLO Pareto front.</summary>
    public IReadOnlyList<string> ParetoFront { get; init; } = [];
    public string? Recommended { get; init; }
    public IReadOnlyList<Finding> Warnings { get; init; } = [];
    /// <summary>Minutes simulated.</summary>
    public int Minutes { get; init; }
    /// <summary>The fleet model the candidates were run on (from analysis.json).</summary>
    public FleetAssumptions? Fleet { get; init; }
    /// <summary>The fleet model's error on the run's own steps (null when simulate had no run steps to compare with).</summary>
    public FleetModelError? ModelError { get; init; }
    /// <summary>The fleet every candidate was also run on, at the pessimistic end of the analysis's interval (null: no interval).</summary>
    public PessimisticFleet? PessimisticFleet { get; init; }
}

/// <summary>The pessimistic fleet: its sustainable load and capacity, as a fraction of the point estimate's.</summary>
public sealed record PessimisticFleet(double SustainableIpm, double CapacityIpm, double ScaleFraction, string Basis);

/// <summary>The fleet model's predictions for each measured step of the run against what the step measured.</summary>
public sealed record FleetModelError
{
    /// <summary>The latency percentile compared (the one the analysis judged the SLO on).</summary>
    public double LatencyPercentile { get; init; }
    public IReadOnlyList<StepPrediction> Steps { get; init; } = [];
    /// <summary>Largest |predicted − measured| / measured latency over the steps, in percent.</summary>
    public double? MaxAbsLatencyErrorPct { get; init; }
    /// <summary>Largest |predicted − measured| error rate over the steps, as a fraction (0.02 = 2 percentage points).</summary>
    public double? MaxAbsErrorRateErrorFraction { get; init; }
    public string Basis { get; init; } = "";
}

/// <summary>One step: the model's latency (at <see cref="FleetModelError.LatencyPercentile"/>) and error rate against the measured ones.</summary>
public sealed record StepPrediction(int Step, double OfferedIpm, double DurationS, double PredictedLatencyMs, double MeasuredLatencyMs,
    double LatencyErrorPct, double PredictedErrorRateFraction, double MeasuredErrorRateFraction, double ErrorRateErrorFraction);

/// <summary>What the simulator assumed about one instance and the SLO.</summary>
public sealed record FleetAssumptions(string CurveKind, double CapacityIpm, double SustainableIpm, double SloPercentile, double SloMs,
    double MaxErrorRateFraction, double StartupS, double DrainS, double TimeoutS, double? PricePerInstanceHourUsd)
{
    /// <summary>Seconds a request waits in a full queue (K / μ); null when the run never shed load.</summary>
    public double? QueueFullWaitS { get; init; }
    /// <summary>Requests one instance holds before it sheds (μ × the full-queue wait), when measured.</summary>
    public double? QueueLimitRequestsPerInstance { get; init; }
    public string? QueueLimitBasis { get; init; }
}

public sealed record CandidateResult
{
    public required string Name { get; init; }
    public required string Description { get; init; }
    public double TargetValue { get; init; }
    public int ScaleOutCooldownS { get; init; }
    public int ScaleInCooldownS { get; init; }
    public double SloViolationMinutes { get; init; }
    /// <summary>SLO-violation minutes on the pessimistic fleet (the interval's low end): the upper end of the range
    /// [slo_violation_minutes, slo_violation_minutes_pessimistic]; null when the analysis gave no interval.</summary>
    public double? SloViolationMinutesPessimistic { get; init; }
    /// <summary>Requests shed or timed out on the pessimistic fleet.</summary>
    public double? DroppedRequestsPessimistic { get; init; }
    public double WorstLatencyMs { get; init; }
    public double InstanceHours { get; init; }
    public double? CostUsd { get; init; }
    public int ScaleOuts { get; init; }
    public int ScaleIns { get; init; }
    public ElasticityMetrics? Elasticity { get; init; }
    /// <summary>Per-step series (kept for the recommended candidate and the rule of thumb; empty for sweep points).</summary>
    public IReadOnlyList<SimulationSample> Timeline { get; init; } = [];
    public IReadOnlyList<ScaleEvent> Events { get; init; } = [];
    /// <summary>recommendation | rule-of-thumb | sweep | policy.</summary>
    public string Kind { get; init; } = "sweep";
    /// <summary>Scale-ins followed by a scale-out within the flap window (a scale-in cooldown or low alarm too eager).</summary>
    public int Flaps { get; init; }
    /// <summary>Requests that would have timed out (waited longer than the invocation timeout).</summary>
    public double DroppedRequests { get; init; }
    public double TotalRequests { get; init; }
    public int PeakInstances { get; init; }
    public bool OnParetoFront { get; init; }
}

/// <summary>SPEC Research Group elasticity metrics (under/over-provisioning accuracy and timeshare, jitter).</summary>
public sealed record ElasticityMetrics(double UnderAccuracyPct, double OverAccuracyPct, double UnderTimesharePct, double OverTimesharePct, double JitterPerHour);

public sealed record SimulationSample(DateTimeOffset TimeUtc, double DemandRpm, double RequiredInstances, int DesiredInstances,
    int InServiceInstances, double Ipm, double LatencyMs, double ErrorRateFraction);

public sealed record ScaleEvent(DateTimeOffset TimeUtc, string Kind, int From, int To, string Cause);
