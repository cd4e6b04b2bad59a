using LoadLab.Aws.Http;
using LoadLab.Aws.SageMakerRuntime.Streaming;

namespace LoadLab.Aws.SageMakerRuntime;

/// <summary>
/// SageMaker Runtime InvokeEndpoint (signing name "sagemaker", endpoint runtime.sagemaker.&lt;region&gt;). The body is
/// always hashed into the signature; pass a precomputed hash when the same payload is sent many times.
/// </summary>
public sealed class SageMakerRuntimeClient(AwsHttpInvoker invoker, Uri endpoint) : ISageMakerRuntimeClient
{
    public Uri Endpoint { get; } = endpoint;

    public Task<InvokeEndpointResponse> InvokeEndpointAsync(InvokeEndpointRequest request, CancellationToken cancellationToken = default) =>
        SendAsync(InvokeEndpointWire.ToHttp(Endpoint, request), cancellationToken);

    public Task<InvokeEndpointResponse> InvokeEndpointAsync(InvokeEndpointRequest request, string bodySha256Hex, CancellationToken cancellationToken = default) =>
        SendAsync(InvokeEndpointWire.ToHttp(Endpoint, request, bodySha256Hex), cancellationToken);

    public async Task<InvokeEndpointWithResponseStreamResponse> InvokeEndpointWithResponseStreamAsync(
        InvokeEndpointWithResponseStreamRequest request, CancellationToken cancellationToken = default)
    {
        var http = await invoker.SendStreamingAsync(InvokeEndpointWithResponseStreamWire.ToHttp(Endpoint, request),
            "InvokeEndpointWithResponseStream", cancellationToken).ConfigureAwait(false);
        return new InvokeEndpointWithResponseStreamResponse(http);
    }

    private async Task<InvokeEndpointResponse> SendAsync(AwsHttpRequest http, CancellationToken cancellationToken)
    {
        var response = await invoker.SendAsync(http, "InvokeEndpoint", cancellationToken).ConfigureAwait(false);
        return InvokeEndpointWire.FromHttp(response);
    }
}
