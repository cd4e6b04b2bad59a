namespace LoadLab.Engine.Execution;

/// <summary>Tuning of the executors. Defaults are what <c>loadlab run</c> uses.</summary>
public sealed record ExecutorOptions
{
    /// <summary>Open model: most requests in flight; an arrival beyond it is dropped and counted (never queued). Default 10,000.</summary>
    public int MaxInFlight { get; init; } = 10_000;

    /// <summary>Per-request timeout (reported as <c>timeout</c>). Default 60 s (the SageMaker Runtime limit).</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// A start later than this after its schedule counts as late (every start's lateness is also in the lateness
    /// histogram). Default 5 ms.
    /// </summary>
    public TimeSpan LateThreshold { get; init; } = TimeSpan.FromMilliseconds(5);

    /// <summary>
    /// The dispatcher sleeps until this long before a start, then yields in a tight loop (precision without burning
    /// a core between sparse arrivals). Default 1 ms.
    /// </summary>
    public TimeSpan SpinWindow { get; init; } = TimeSpan.FromMilliseconds(1);

    /// <summary>Closed model: pause between a user's requests. Default none.</summary>
    public TimeSpan ThinkTime { get; init; } = TimeSpan.Zero;

    /// <summary>Closed model: how often the number of users is adjusted to the profile. Default 100 ms.</summary>
    public TimeSpan UserAdjustInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    public void Validate()
    {
        if (MaxInFlight < 1) throw new ArgumentOutOfRangeException(nameof(MaxInFlight), MaxInFlight, "must be at least 1");
        if (RequestTimeout <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(RequestTimeout), RequestTimeout, "must be positive");
        if (LateThreshold < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(LateThreshold), LateThreshold, "must not be negative");
        if (SpinWindow < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(SpinWindow), SpinWindow, "must not be negative");
        if (ThinkTime < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(ThinkTime), ThinkTime, "must not be negative");
        if (UserAdjustInterval <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(UserAdjustInterval), UserAdjustInterval, "must be positive");
    }
}
