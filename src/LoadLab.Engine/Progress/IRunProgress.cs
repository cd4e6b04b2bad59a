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
}

/// <summary>Receives progress; implementations must be cheap and must not throw.</summary>
public interface IRunProgress
{
    void Started(string scenario, string target, string runDirectory, TimeSpan duration);
    void Report(ProgressSnapshot snapshot);
    void Finished(string summary);

    /// <summary>Something beside the load went wrong without failing the run (e.g. DescribeEndpoint sampling stopped).</summary>
    void Warning(string message) { }
}

/// <summary>No display (tests, embedding).</summary>
public sealed class NullProgress : IRunProgress
{
    public static readonly NullProgress Instance = new();
    public void Started(string scenario, string target, string runDirectory, TimeSpan duration) { }
    public void Report(ProgressSnapshot snapshot) { }
    public void Finished(string summary) { }
}
