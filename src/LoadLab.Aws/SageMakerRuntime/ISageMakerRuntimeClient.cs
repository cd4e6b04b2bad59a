using LoadLab.Aws.SageMakerRuntime.Streaming;

namespace LoadLab.Aws.SageMakerRuntime;

/// <summary>SageMaker Runtime (REST-JSON): POST /endpoints/{EndpointName}/invocations.</summary>
public interface ISageMakerRuntimeClient
{
    Task<InvokeEndpointResponse> InvokeEndpointAsync(InvokeEndpointRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Same, with the body's SHA-256 (lower-case hex) computed once by the caller, for payloads sent many times.
    /// </summary>
    Task<InvokeEndpointResponse> InvokeEndpointAsync(InvokeEndpointRequest request, string bodySha256Hex, CancellationToken cancellationToken = default);

    /// <summary>
    /// POST /endpoints/{EndpointName}/invocations-response-stream: returns once the headers arrive; read the events
    /// from the response, then dispose it.
    /// </summary>
    Task<InvokeEndpointWithResponseStreamResponse> InvokeEndpointWithResponseStreamAsync(InvokeEndpointWithResponseStreamRequest request,
        CancellationToken cancellationToken = default);
}
