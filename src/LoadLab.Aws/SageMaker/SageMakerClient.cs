using LoadLab.Aws.Http;
using LoadLab.Aws.Protocols;

namespace LoadLab.Aws.SageMaker;

/// <summary>SageMaker control plane over JSON 1.1 (signing name "sagemaker", endpoint api.sagemaker.&lt;region&gt;).</summary>
public sealed class SageMakerClient(AwsHttpInvoker invoker, Uri endpoint) : ISageMakerClient
{
    public static readonly JsonRpcProtocol Protocol = new("SageMaker", "1.1");

    private readonly JsonRpcClient _rpc = new(invoker, endpoint, Protocol);

    public Task<DescribeEndpointResponse> DescribeEndpointAsync(DescribeEndpointRequest request, CancellationToken cancellationToken = default) =>
        _rpc.InvokeAsync<DescribeEndpointRequest, DescribeEndpointResponse>("DescribeEndpoint", request, cancellationToken);

    public Task<DescribeEndpointConfigResponse> DescribeEndpointConfigAsync(DescribeEndpointConfigRequest request, CancellationToken cancellationToken = default) =>
        _rpc.InvokeAsync<DescribeEndpointConfigRequest, DescribeEndpointConfigResponse>("DescribeEndpointConfig", request, cancellationToken);

    public Task<UpdateEndpointWeightsAndCapacitiesResponse> UpdateEndpointWeightsAndCapacitiesAsync(UpdateEndpointWeightsAndCapacitiesRequest request, CancellationToken cancellationToken = default) =>
        _rpc.InvokeAsync<UpdateEndpointWeightsAndCapacitiesRequest, UpdateEndpointWeightsAndCapacitiesResponse>("UpdateEndpointWeightsAndCapacities", request, cancellationToken);

    public Task<CreateModelResponse> CreateModelAsync(CreateModelRequest request, CancellationToken cancellationToken = default) =>
        _rpc.InvokeAsync<CreateModelRequest, CreateModelResponse>("CreateModel", request, cancellationToken);

    public Task<CreateEndpointConfigResponse> CreateEndpointConfigAsync(CreateEndpointConfigRequest request, CancellationToken cancellationToken = default) =>
        _rpc.InvokeAsync<CreateEndpointConfigRequest, CreateEndpointConfigResponse>("CreateEndpointConfig", request, cancellationToken);

    public Task<CreateEndpointResponse> CreateEndpointAsync(CreateEndpointRequest request, CancellationToken cancellationToken = default) =>
        _rpc.InvokeAsync<CreateEndpointRequest, CreateEndpointResponse>("CreateEndpoint", request, cancellationToken);

    public Task DeleteEndpointAsync(DeleteEndpointRequest request, CancellationToken cancellationToken = default) =>
        _rpc.InvokeAsync<DeleteEndpointRequest, EmptyResponse>("DeleteEndpoint", request, cancellationToken);
}
