using System.Net;
using LoadLab.Core.Errors;

namespace LoadLab.Aws.Errors;

/// <summary>
/// An error answer from an AWS service (or moto). <see cref="Exception.Message"/> is the one-line form the CLI prints:
/// "&lt;Code&gt;: &lt;Message&gt; (request id ...)". It is a <see cref="TargetFailedException"/>, so it exits 3.
/// </summary>
public sealed class AwsServiceException(
    string errorCode, string errorMessage, string? requestId, HttpStatusCode statusCode, string service, string operation)
    : TargetFailedException(Format(errorCode, errorMessage, requestId))
{
    /// <summary>AWS error code without namespace prefix, e.g. "ValidationException", "SignatureDoesNotMatch".</summary>
    public string ErrorCode { get; } = errorCode;
    /// <summary>The service's own message (the "message"/"Message" field).</summary>
    public string ErrorMessage { get; } = errorMessage;
    public string? RequestId { get; } = requestId;
    public HttpStatusCode StatusCode { get; } = statusCode;
    /// <summary>Service id, e.g. "CloudWatch", "Application Auto Scaling".</summary>
    public string Service { get; } = service;
    public string Operation { get; } = operation;

    public bool IsThrottling => RetryClassification.IsThrottlingCode(ErrorCode);

    public static string Format(string code, string message, string? requestId) =>
        $"{code}: {(string.IsNullOrWhiteSpace(message) ? "(no message)" : message)}" + (requestId is { Length: > 0 } ? $" (request id {requestId})" : "");
}

/// <summary>The service could not be reached or did not answer in time (after retries). Exits 3.</summary>
public sealed class AwsTransportException(string service, string operation, string message, Exception? inner = null)
    : TargetFailedException($"{service} {operation}: {message}", inner)
{
    public string Service { get; } = service;
    public string Operation { get; } = operation;
}

/// <summary>Which error codes the AWS SDKs' standard retry mode treats as throttling or transient.</summary>
public static class RetryClassification
{
    private static readonly HashSet<string> Throttling = new(StringComparer.Ordinal)
    {
        "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException", "TooManyRequestsException",
        "ProvisionedThroughputExceededException", "TransactionInProgressException", "RequestLimitExceeded",
        "BandwidthLimitExceeded", "LimitExceededException", "RequestThrottled", "SlowDown", "PriorRequestNotComplete",
        "EC2ThrottledException",
    };

    private static readonly HashSet<string> TransientCodes = new(StringComparer.Ordinal)
    {
        "RequestTimeout", "RequestTimeoutException", "PriorRequestNotComplete",
    };

    public static bool IsThrottlingCode(string code) => Throttling.Contains(code);
    public static bool IsTransientCode(string code) => TransientCodes.Contains(code);
    public static bool IsTransientStatus(int status) => status is 500 or 502 or 503 or 504;
}
