namespace LoadLab.Engine.Targets;

/// <summary>How one request ended. The error classes are the columns of <c>timeline.csv</c>.</summary>
public enum OutcomeClass : byte
{
    Ok = 0,
    /// <summary>The model container failed: HTTP 424, or x-amzn-ErrorType ModelError.</summary>
    ModelError = 1,
    /// <summary>HTTP 429, or 400 ThrottlingException.</summary>
    Throttled = 2,
    /// <summary>Any other 5xx.</summary>
    ServerError = 3,
    /// <summary>Any other 4xx (and other non-2xx statuses).</summary>
    ClientError = 4,
    /// <summary>No response within the per-request timeout.</summary>
    Timeout = 5,
    /// <summary>Connection refused, reset or closed; DNS; TLS.</summary>
    Connection = 6,
}

/// <summary>The result of one request: never an exception (see <see cref="ILoadTarget"/>).</summary>
/// <param name="Class">Classification.</param>
/// <param name="StatusCode">HTTP status, or 0 when there was no response.</param>
/// <param name="Detail">Short reason for failures (error type or exception message), null when ok. Never holds secrets.</param>
public readonly record struct RequestOutcome(OutcomeClass Class, int StatusCode, string? Detail = null)
{
    public bool IsOk => Class == OutcomeClass.Ok;

    /// <summary>Streaming targets: when the response's tokens arrived (null for other targets).</summary>
    public Streaming.TokenTimeline? Tokens { get; init; }

    public static RequestOutcome Ok(int status) => new(OutcomeClass.Ok, status);
}

public static class OutcomeClassExtensions
{
    public const int Count = 7;

    public static string Describe(this OutcomeClass c) => c switch
    {
        OutcomeClass.Ok => "ok",
        OutcomeClass.ModelError => "model error",
        OutcomeClass.Throttled => "throttled",
        OutcomeClass.ServerError => "5xx",
        OutcomeClass.ClientError => "4xx",
        OutcomeClass.Timeout => "timeout",
        OutcomeClass.Connection => "connection",
        _ => c.ToString(),
    };
}
