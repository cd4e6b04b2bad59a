namespace LoadLab.Core.RunFiles;

/// <summary>
/// One steady step of <c>steps.csv</c>. The engine writes the client-side columns; step aggregation
/// (after collect) fills the server-side ones (null until then).
/// </summary>
public sealed record StepRow
{
    public required int Step { get; init; }
    public required DateTimeOffset StartUtc { get; init; }
    public required DateTimeOffset EndUtc { get; init; }
    public double OfferedRps { get; init; }
    public double AchievedRps { get; init; }
    public long Requests { get; init; }
    public long Ok { get; init; }
    public long Errors { get; init; }
    public long Dropped { get; init; }
    public double ErrorRateFraction { get; init; }
    public double ClientP50Ms { get; init; }
    public double ClientP90Ms { get; init; }
    public double ClientP99Ms { get; init; }
    /// <summary>
    /// Client latency at the SLO's own percentile (<c>slo.latency_percentile</c> of run.json, e.g. p95), from the
    /// step's HdrHistogram; null in steps.csv files written before the column existed.
    /// </summary>
    public double? ClientSloPercentileMs { get; init; }
    public double? Instances { get; init; }
    /// <summary>Invocations per instance per minute (the target-tracking metric's unit).</summary>
    public double? InvocationsPerInstancePerMin { get; init; }
    public double? ServerModelLatencyMs { get; init; }
    public double? ServerOverheadLatencyMs { get; init; }
    public double? CpuPct { get; init; }
    /// <summary>Streaming runs only: time to first token, inter-token latency and output tokens of the step.</summary>
    public TokenCells? Tokens { get; init; }
}
