using LoadLab.Aws.Errors;

namespace LoadLab.Aws.Http;

/// <summary>What went wrong with one attempt, as the retry policy sees it.</summary>
public enum AttemptFailure
{
    /// <summary>The service answered with an error.</summary>
    ServiceError,
    /// <summary>The connection failed (refused, reset, DNS).</summary>
    Connection,
    /// <summary>The attempt hit <see cref="AwsRetryOptions.AttemptTimeout"/>.</summary>
    Timeout,
}

/// <summary>Pure retry rules of the standard mode: what is retryable, what it costs, how long to wait.</summary>
public static class RetryRules
{
    public static bool IsRetryable(AttemptFailure kind, AwsServiceException? error) => kind switch
    {
        AttemptFailure.Connection or AttemptFailure.Timeout => true,
        _ => error is not null && (RetryClassification.IsThrottlingCode(error.ErrorCode)
                                   || RetryClassification.IsTransientCode(error.ErrorCode)
                                   || RetryClassification.IsTransientStatus((int)error.StatusCode)),
    };

    public static int Cost(AttemptFailure kind, AwsRetryOptions o) => kind == AttemptFailure.Timeout ? o.TimeoutRetryCost : o.RetryCost;

    /// <summary>Delay before retry number <paramref name="retry"/> (1 = first retry): full jitter, capped.</summary>
    public static TimeSpan Backoff(int retry, double random01, AwsRetryOptions o)
    {
        var exp = o.BaseDelay.TotalSeconds * Math.Pow(2, retry - 1);
        var cap = Math.Min(exp, o.MaxBackoff.TotalSeconds);
        return TimeSpan.FromSeconds(random01 * cap);
    }
}
