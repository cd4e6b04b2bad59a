namespace LoadLab.SimEndpoint.Theory;

/// <summary>What <c>--describe</c> is asked: the SLO (percentile and bound) and the model's fidelity.</summary>
public sealed record DescribeRequest
{
    /// <summary>Latency percentile of the SLO (0..100). Default 90.</summary>
    public double SloPercentile { get; init; } = 90;
    /// <summary>Latency bound of the SLO in milliseconds. Default 250.</summary>
    public double SloMs { get; init; } = 250;
    /// <summary>Payload size assumed for --service-time-per-kb. Default 0.</summary>
    public long PayloadBytes { get; init; }
    /// <summary>Simulated arrivals per evaluated rate (after a 10 % warm-up). Default 200000.</summary>
    public int Arrivals { get; init; } = 200_000;
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
    /// <summary>Highest per-instance arrival rate at which the SLO percentile stays within the bound (503s count as misses).</summary>
    public required double SustainableRpsPerInstance { get; init; }
    public required double SustainableInvocationsPerInstancePerMinute { get; init; }
    public required double UtilizationAtSustainable { get; init; }
    public required double LatencyAtSustainableMs { get; init; }
    public required double BlockingProbabilityAtSustainable { get; init; }
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
