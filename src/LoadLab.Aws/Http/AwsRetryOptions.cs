namespace LoadLab.Aws.Http;

/// <summary>
/// Retry and timeout settings, defaulting to the AWS SDKs' "standard" retry mode: 3 attempts in all, delay before
/// retry i (1-based) = random[0,1) × min(BaseDelay × 2^(i-1), MaxBackoff) with BaseDelay 1 s and MaxBackoff 20 s,
/// and a client-wide retry quota of 500 tokens (5 per retry, 10 per retry after a timeout, 1 back per call that
/// succeeds first time, the cost back when a retried call succeeds).
/// </summary>
public sealed record AwsRetryOptions
{
    public int MaxAttempts { get; init; } = 3;
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromSeconds(1);
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(20);
    public int QuotaCapacity { get; init; } = 500;
    public int RetryCost { get; init; } = 5;
    public int TimeoutRetryCost { get; init; } = 10;
    public int NoRetryIncrement { get; init; } = 1;
    /// <summary>Limit for one HTTP attempt (send and read the body). Null = none.</summary>
    public TimeSpan? AttemptTimeout { get; init; } = TimeSpan.FromSeconds(30);
    /// <summary>Limit for the whole call including retries and back-off. Null = none.</summary>
    public TimeSpan? CallTimeout { get; init; }

    public static AwsRetryOptions Standard { get; } = new();
    /// <summary>One attempt, no retries (the load engine measures raw outcomes).</summary>
    public static AwsRetryOptions NoRetries { get; } = new() { MaxAttempts = 1 };

    public AwsRetryOptions Validate()
    {
        if (MaxAttempts < 1) throw new ArgumentOutOfRangeException(nameof(MaxAttempts), MaxAttempts, "must be at least 1");
        if (BaseDelay < TimeSpan.Zero || MaxBackoff < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(BaseDelay), "delays must not be negative");
        if (QuotaCapacity < 0 || RetryCost < 0 || TimeoutRetryCost < 0) throw new ArgumentOutOfRangeException(nameof(QuotaCapacity), "quota numbers must not be negative");
        if (AttemptTimeout is { } a && a <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(AttemptTimeout), a, "must be positive");
        if (CallTimeout is { } c && c <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(CallTimeout), c, "must be positive");
        return this;
    }
}
