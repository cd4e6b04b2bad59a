using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace LoadLab.SimEndpoint.Wire;

/// <summary>
/// SageMaker Runtime's error answers: status, <c>x-amzn-ErrorType</c> and the JSON body the AWS SDKs parse
/// (<c>{"message": ...}</c>; ModelError adds ErrorCode, OriginalStatusCode, OriginalMessage and LogStreamArn).
/// </summary>
public static class SageMakerErrors
{
    public const string ValidationError = "ValidationError";
    public const string ModelError = "ModelError";
    public const string ServiceUnavailable = "ServiceUnavailable";
    public const string ThrottlingException = "ThrottlingException";
    public const string InvalidSignatureException = "InvalidSignatureException";
    public const string UnrecognizedClientException = "UnrecognizedClientException";
    public const string MissingAuthenticationToken = "MissingAuthenticationTokenException";

    private static readonly byte[] ServiceUnavailableBody = Body("The model is overloaded: every worker is busy and the instance's queue is full. Retry the request or add instances.");
    private static readonly byte[] ThrottlingBody = Body("Rate exceeded");

    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] Body(string message) => JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["message"] = message }, Json);

    public static Task WriteAsync(HttpContext ctx, int status, string errorType, string message) =>
        WriteAsync(ctx, status, errorType, Body(message));

    public static Task WriteAsync(HttpContext ctx, int status, string errorType, byte[] body)
    {
        var res = ctx.Response;
        res.StatusCode = status;
        if (!res.Headers.ContainsKey("x-amzn-RequestId")) res.Headers["x-amzn-RequestId"] = Guid.NewGuid().ToString();
        res.Headers["x-amzn-ErrorType"] = errorType;
        res.ContentType = "application/json";
        res.ContentLength = body.Length;
        return res.Body.WriteAsync(body, 0, body.Length, ctx.RequestAborted);
    }

    public static Task ServiceUnavailableAsync(HttpContext ctx) => WriteAsync(ctx, 503, ServiceUnavailable, ServiceUnavailableBody);

    public static Task ThrottledAsync(HttpContext ctx, int status) => WriteAsync(ctx, status, ThrottlingException, ThrottlingBody);

    public static Task EndpointNotFoundAsync(HttpContext ctx, string name, string account) =>
        WriteAsync(ctx, 400, ValidationError, $"Endpoint {name} of account {account} not found.");

    /// <summary>A model answered non-2xx: SageMaker wraps it as 424 ModelError and says what the container said.</summary>
    public static Task ModelErrorAsync(HttpContext ctx, int originalStatus, string originalMessage, string endpoint, string variant, string account, string region)
    {
        var kind = originalStatus >= 500 ? "server" : "client";
        var logStream = $"arn:aws:logs:{region}:{account}:log-group:/aws/sagemaker/Endpoints/{endpoint}";
        var body = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["ErrorCode"] = originalStatus >= 500 ? "INTERNAL_FAILURE_FROM_MODEL" : "CLIENT_ERROR_FROM_MODEL",
            ["LogStreamArn"] = logStream,
            ["OriginalMessage"] = originalMessage,
            ["OriginalStatusCode"] = originalStatus,
            ["message"] = $"Received {kind} error ({originalStatus}) from {variant} with message \"{originalMessage}\". See {logStream} in account {account} for more information.",
        }, Json);
        return WriteAsync(ctx, 424, ModelError, body);
    }

    internal static string Utf8(byte[] b) => Encoding.UTF8.GetString(b);
}
