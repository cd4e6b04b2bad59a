using LoadLab.Core.RunFiles;

namespace LoadLab.Engine.Progress;

/// <summary>
/// One second of a run as progress displays see it. Produced by the reporter loop once per second, never on the
/// request path.
/// </summary>
public sealed record ProgressSnapshot(
    TimeSpan Elapsed, TimeSpan Duration, string Phase, double OfferedRps, double AchievedRps, double IntendedRps,
    double P50Ms, double P99Ms, long Errors, long Dropped, long InFlight, long TotalCompleted, long TotalErrors, bool Draining)
{
    public TimeSpan Remaining => Duration > Elapsed ? Duration - Elapsed : TimeSpan.Zero;

    /// <summary>The second's timeline.csv row (errors by class, late starts, p90); null where a caller built the snapshot by hand.</summary>
    public TimelineRow? Row { get; init; }

    /// <summary>The steady step the second ended in (0-based), or -1 outside any step.</summary>
    public int Step { get; init; } = -1;

    /// <summary>The endpoint's current instance count from the last DescribeEndpoint sample, or null when not sampled.</summary>
    public int? Instances { get; init; }

    /// <summary>
    /// The second's successful-request latencies as a compact distribution (each bucket's highest value in ms and its
    /// count), so metric exporters can fill their own histograms without touching the request path.
    /// </summary>
    public IReadOnlyList<LatencyBucket> OkLatency { get; init; } = [];
}

/// <summary>Requests whose latency was at most <paramref name="UpToMs"/> (and above the previous bucket's).</summary>
public readonly record struct LatencyBucket(double UpToMs, long Count);

/// <summary>Something of note during a run, for event streams (a phase starting, an abort, a scaling sample).</summary>
/// <param name="Kind">phase_start, threshold_breach, abort, interrupted, scaling_sample or warning.</param>
public sealed record RunEvent(TimeSpan Elapsed, string Kind, string Detail)
{
    /// <summary>A number the event carries (the instance count of a scaling sample, the phase's index), or null.</summary>
    public double? Value { get; init; }
}

/// <summary>Receives progress; implementations must be cheap and must not throw.</summary>
public interface IRunProgress
{
    void Started(string scenario, string target, string runDirectory, TimeSpan duration);
    void Report(ProgressSnapshot snapshot);
    void Finished(string summary);

    /// <summary>Something beside the load went wrong without failing the run (e.g. DescribeEndpoint sampling stopped).</summary>
    void Warning(string message) { }

    /// <summary>An event of note (from the reporter loop or the sampler, never the request path).</summary>
    void Event(RunEvent runEvent) { }
}

/// <summary>No display (tests, embedding).</summary>
public sealed class NullProgress : IRunProgress
{
    public static readonly NullProgress Instance = new();
    public void Started(string scenario, string target, string runDirectory, TimeSpan duration) { }
    public void Report(ProgressSnapshot snapshot) { }
    public void Finished(string summary) { }
}
