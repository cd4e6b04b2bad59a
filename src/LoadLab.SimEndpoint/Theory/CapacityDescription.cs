namespace LoadLab.SimEndpoint.Theory;

/// <summary>What <c>--describe</c> is asked: the SLO (percentile and bound) and the model's fidelity.</summary>
public sealed record DescribeRequest
{
    /// <summary>Latency percentile of the SLO (0..100). Default 90.</summary>
    public double SloPercentile { get; init; } = 90;
    /// <summary>Latency bound of the SLO in milliseconds. Default 250.</summary>
    public double SloMs { get; init; } = 250;
    /// <summary>
    /// Error budget of the SLO: the highest fraction of requests allowed to fail (503 queue full, or an injected model
    /// error). Default 0.01, the scenario's <c>slo.maxErrorRate</c> default.
    /// </summary>
    public double MaxErrorRate { get; init; } = 0.01;
    /// <summary>Payload size assumed for --service-time-per-kb. Default 0.</summary>
    public long PayloadBytes { get; init; }
    /// <summary>Simulated arrivals per evaluated rate (after a 10 % warm-up). Default 200000.</summary>
    public int Arrivals { get; init; } = 200_000;
}

/// <summary>The names <see cref="CapacityDescription.LimitedBy"/> takes.</summary>
public static class LimitingConstraint
{
    /// <summary>The SLO percentile would exceed the latency bound (503s counting as misses).</summary>
    public const string Latency = "latency";
    /// <summary>503s (queue full) would exceed the error budget.</summary>
    public const string QueueFull = "503s (queue full)";
    /// <summary>503s plus injected model errors (--error-rate) would exceed the error budget.</summary>
    public const string Errors = "errors (503s and injected model errors)";
    /// <summary>The queue never fills, so at or above capacity it would grow without bound.</summary>
    public const string Utilization = "utilisation (the queue never fills: at capacity it grows without bound)";
    /// <summary>Zero service time: nothing in the model limits the rate.</summary>
    public const string None = "none (bounded by the host)";
}

/// <summary>One point of the per-instance latency curve.</summary>
public sealed record CurvePoint(double Utilization, double RateRps, double P50Ms, double P90Ms, double P99Ms, double BlockingProbability);

/// <summary>Per-variant fleet figures: per-instance figures times the variant's instances.</summary>
public sealed record VariantCapacity(string Name, double Weight, int Instances, double CapacityRps, double SustainableRps);

/// <summary>Closed-form M/M/c (Erlang C, unbounded queue) figures, given for exponential service times.</summary>
public sealed record ClosedFormCheck(string Model, double SustainableRpsPerInstance, double LatencyAtSustainableMs);

/// <summary>The fleet's theory, as printed by <c>loadlab sim-endpoint --describe [--json]</c>.</summary>
public sealed record CapacityDescription
{
    public required string EndpointName { get; init; }
    public required string ServiceTime { get; init; }
    public required double MeanServiceTimeMs { get; init; }
    public required double ServiceTimeScv { get; init; }
    public required int WorkersPerInstance { get; init; }
    public required int QueuePerInstance { get; init; }
    public required string Work { get; init; }
    public required string Routing { get; init; }
    /// <summary>c / mean service time: the most an instance can complete per second.</summary>
    public required double CapacityRpsPerInstance { get; init; }
    public required double SloPercentile { get; init; }
    public required double SloMs { get; init; }
    /// <summary>Error budget of the SLO (fraction of requests allowed to fail).</summary>
    public required double MaxErrorRate { get; init; }
    /// <summary>
    /// Highest per-instance arrival rate at which the SLO percentile stays within the bound (503s count as misses)
    /// AND the error probability (503 or injected model error) stays within the error budget (and, when the queue
    /// never fills, the rate stays below capacity).
    /// </summary>
    public required double SustainableRpsPerInstance { get; init; }
    /// <summary>Which constraint stops the sustainable rate from going higher (<see cref="LimitingConstraint"/> names).</summary>
    public required string LimitedBy { get; init; }
    public required double SustainableInvocationsPerInstancePerMinute { get; init; }
    public required double UtilizationAtSustainable { get; init; }
    public required double LatencyAtSustainableMs { get; init; }
    public required double BlockingProbabilityAtSustainable { get; init; }
    /// <summary>P(503 or injected model error) at the sustainable rate; at most <see cref="MaxErrorRate"/>.</summary>
    public required double ErrorProbabilityAtSustainable { get; init; }
    /// <summary>AWS's rule of thumb for a target-tracking target: max RPS per instance × 0.5 × 60.</summary>
    public required double AwsRuleOfThumbTargetPerMinute { get; init; }
    public ClosedFormCheck? ClosedForm { get; init; }
    public required IReadOnlyList<VariantCapacity> Variants { get; init; }
    public required IReadOnlyList<CurvePoint> Curve { get; init; }
    public required string Method { get; init; }
    public required long Seed { get; init; }
    public required int Arrivals { get; init; }
    public IReadOnlyList<string> Notes { get; init; } = [];
}
