using LoadLab.Aws.Http;
using LoadLab.Aws.Protocols.EventStream;

namespace LoadLab.Aws.SageMakerRuntime.Streaming;

/// <summary>
/// InvokeEndpointWithResponseStream as in the AWS API (<c>POST /endpoints/{EndpointName}/invocations-response-stream</c>):
/// like InvokeEndpoint, except that Accept travels as X-Amzn-SageMaker-Accept and the answer is an event stream.
/// </summary>
public sealed record InvokeEndpointWithResponseStreamRequest
{
    public required string EndpointName { get; init; }
    public required ReadOnlyMemory<byte> Body { get; init; }
    /// <summary>Header Content-Type.</summary>
    public string? ContentType { get; init; }
    /// <summary>Header X-Amzn-SageMaker-Accept.</summary>
    public string? Accept { get; init; }
    public string? CustomAttributes { get; init; }
    public string? TargetVariant { get; init; }
    public string? TargetContainerHostname { get; init; }
    public string? InferenceId { get; init; }
    public string? InferenceComponentName { get; init; }
    public string? SessionId { get; init; }
}

/// <summary>
/// The answer's headers, and its events as they arrive. <see cref="ReadEventAsync"/> returns null at the end of the
/// stream and throws <see cref="EventStreamFormatException"/> for a broken frame; in-band failures come back as
/// <see cref="ResponseStreamFailure"/> events (the caller decides: the load target counts them, an SDK-like caller
/// would throw). Dispose to release the connection.
/// </summary>
public sealed class InvokeEndpointWithResponseStreamResponse(AwsStreamingResponse http) : IAsyncDisposable
{
    private readonly EventStreamReader _reader = new(http.Body);

    /// <summary>Header X-Amzn-SageMaker-Content-Type: the model container's content type.</summary>
    public string? ContentType => http.Header(InvokeEndpointWithResponseStreamWire.ContentTypeHeader);
    public string? InvokedProductionVariant => http.Header(InvokeEndpointWire.InvokedVariantHeader);
    public string? CustomAttributes => http.Header(InvokeEndpointWire.CustomAttributesHeader);
    public string? RequestId => http.RequestId;

    public async ValueTask<ResponseStreamEvent?> ReadEventAsync(CancellationToken cancellationToken = default)
    {
        var message = await _reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return message is null ? null : ResponseStreamEvents.Interpret(message);
    }

    public ValueTask DisposeAsync() => http.DisposeAsync();
}

/// <summary>Pure mapping of the request to HTTP (sign it with the SigV4 signer, as InvokeEndpoint).</summary>
public static class InvokeEndpointWithResponseStreamWire
{
    public const string AcceptHeader = "X-Amzn-SageMaker-Accept";
    public const string ContentTypeHeader = "X-Amzn-SageMaker-Content-Type";

    public static string Path(string endpointName) => $"endpoints/{Uri.EscapeDataString(endpointName)}/invocations-response-stream";

    public static AwsHttpRequest ToHttp(Uri baseEndpoint, InvokeEndpointWithResponseStreamRequest request, string? bodySha256Hex = null)
    {
        if (string.IsNullOrEmpty(request.EndpointName)) throw new ArgumentException("EndpointName is required", nameof(request));
        var headers = new List<KeyValuePair<string, string>>(6);
        void Add(string name, string? value)
        {
            if (value is not null) headers.Add(new(name, value));
        }
        Add(AcceptHeader, request.Accept);
        Add(InvokeEndpointWire.CustomAttributesHeader, request.CustomAttributes);
        Add(InvokeEndpointWire.TargetVariantHeader, request.TargetVariant);
        Add("X-Amzn-SageMaker-Target-Container-Hostname", request.TargetContainerHostname);
        Add(InvokeEndpointWire.InferenceIdHeader, request.InferenceId);
        Add("X-Amzn-SageMaker-Inference-Component", request.InferenceComponentName);
        Add("X-Amzn-SageMaker-Session-Id", request.SessionId);
        return new AwsHttpRequest(HttpMethod.Post, new Uri(baseEndpoint, Path(request.EndpointName)), request.Body,
            request.ContentType ?? "application/octet-stream")
        {
            Headers = headers,
            BodySha256Hex = bodySha256Hex,
        };
    }
}
