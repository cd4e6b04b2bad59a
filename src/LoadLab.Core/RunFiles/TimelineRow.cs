namespace LoadLab.Core.RunFiles;

/// <summary>One second of <c>timeline.csv</c>. Latencies are measured from the scheduled start (no coordinated omission).</summary>
public sealed record TimelineRow
{
    public required DateTimeOffset TimeUtc { get; init; }
    public long Offered { get; init; }
    public long Started { get; init; }
    public long Completed { get; init; }
    public long Ok { get; init; }
    public long ErrModel { get; init; }
    public long ErrThrottle { get; init; }
    public long Err5xx { get; init; }
    public long Err4xx { get; init; }
    public long ErrTimeout { get; init; }
    public long ErrConnection { get; init; }
    public long Dropped { get; init; }
    public long Late { get; init; }
    public long InFlight { get; init; }
    public double P50Ms { get; init; }
    public double P90Ms { get; init; }
    public double P99Ms { get; init; }
    /// <summary>Streaming runs only: time to first token, inter-token latency and output tokens of the second.</summary>
    public TokenCells? Tokens { get; init; }

    public long Errors => ErrModel + ErrThrottle + Err5xx + Err4xx + ErrTimeout + ErrConnection;
}
