// SageMaker Runtime InvokeEndpoint as in the AWS API (service model "runtime.sagemaker" 2017-05-13, REST-JSON):
// EndpointName goes in the path, Body is the raw payload, everything else travels in headers.
namespace LoadLab.Aws.SageMakerRuntime;

public sealed record InvokeEndpointRequest
{
    public required string EndpointName { get; init; }
    public required ReadOnlyMemory<byte> Body { get; init; }
    /// <summary>Header Content-Type.</summary>
    public string? ContentType { get; init; }
    /// <summary>Header Accept.</summary>
    public string? Accept { get; init; }
    /// <summary>Header X-Amzn-SageMaker-Custom-Attributes (at most 1024 visible ASCII characters).</summary>
    public string? CustomAttributes { get; init; }
    /// <summary>Header X-Amzn-SageMaker-Target-Model.</summary>
    public string? TargetModel { get; init; }
    /// <summary>Header X-Amzn-SageMaker-Target-Variant.</summary>
    public string? TargetVariant { get; init; }
    /// <summary>Header X-Amzn-SageMaker-Target-Container-Hostname.</summary>
    public string? TargetContainerHostname { get; init; }
    /// <summary>Header X-Amzn-SageMaker-Inference-Id.</summary>
    public string? InferenceId { get; init; }
    /// <summary>Header X-Amzn-SageMaker-Enable-Explanations.</summary>
    public string? EnableExplanations { get; init; }
    /// <summary>Header X-Amzn-SageMaker-Inference-Component.</summary>
    public string? InferenceComponentName { get; init; }
    /// <summary>Header X-Amzn-SageMaker-Session-Id.</summary>
    public string? SessionId { get; init; }
}

public sealed record InvokeEndpointResponse
{
    public required byte[] Body { get; init; }
    /// <summary>Header Content-Type.</summary>
    public string? ContentType { get; init; }
    /// <summary>Header x-Amzn-Invoked-Production-Variant.</summary>
    public string? InvokedProductionVariant { get; init; }
    /// <summary>Header X-Amzn-SageMaker-Custom-Attributes.</summary>
    public string? CustomAttributes { get; init; }
    /// <summary>Header X-Amzn-SageMaker-New-Session-Id.</summary>
    public string? NewSessionId { get; init; }
    /// <summary>Header X-Amzn-SageMaker-Closed-Session-Id.</summary>
    public string? ClosedSessionId { get; init; }
    /// <summary>Header x-amzn-RequestId (not a modelled member; useful in reports).</summary>
    public string? RequestId { get; init; }
}
