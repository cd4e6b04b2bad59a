using LoadLab.Aws.Http;
using LoadLab.Aws.Signing;

namespace LoadLab.Aws.SageMakerRuntime;

/// <summary>
/// Pure mapping between InvokeEndpoint and HTTP, usable on its own by a load generator that drives HttpClient
/// directly: <see cref="ToHttp"/> gives the unsigned request (sign it with <see cref="SigV4Signer"/>),
/// <see cref="FromHttp"/> reads the answer.
/// </summary>
public static class InvokeEndpointWire
{
    public const string CustomAttributesHeader = "X-Amzn-SageMaker-Custom-Attributes";
    public const string TargetVariantHeader = "X-Amzn-SageMaker-Target-Variant";
    public const string InferenceIdHeader = "X-Amzn-SageMaker-Inference-Id";
    public const string InvokedVariantHeader = "x-Amzn-Invoked-Production-Variant";

    /// <summary>Path for an endpoint, URI-encoded: /endpoints/{EndpointName}/invocations.</summary>
    public static string Path(string endpointName) => $"endpoints/{Uri.EscapeDataString(endpointName)}/invocations";

    public static System.Uri InvocationUri(System.Uri baseEndpoint, string endpointName) => new System.Uri(baseEndpoint, Path(endpointName));

    public static AwsHttpRequest ToHttp(System.Uri baseEndpoint, InvokeEndpointRequest request, string? bodySha256Hex = null)
    {
        if (string.IsNullOrEmpty(request.EndpointName)) throw new ArgumentException("EndpointName is required", nameof(request));
        var headers = new List<KeyValuePair<string, string>>(6);
        void Add(string name, string? value)
        {
            if (value is not null) headers.Add(new(name, value));
        }
        Add("Accept", request.Accept);
        Add(CustomAttributesHeader, request.CustomAttributes);
        Add("X-Amzn-SageMaker-Target-Model", request.TargetModel);
        Add(TargetVariantHeader, request.TargetVariant);
        Add("X-Amzn-SageMaker-Target-Container-Hostname", request.TargetContainerHostname);
        Add(InferenceIdHeader, request.InferenceId);
        Add("X-Amzn-SageMaker-Enable-Explanations", request.EnableExplanations);
        Add("X-Amzn-SageMaker-Inference-Component", request.InferenceComponentName);
        Add("X-Amzn-SageMaker-Session-Id", request.SessionId);
        return new AwsHttpRequest(HttpMethod.Post, InvocationUri(baseEndpoint, request.EndpointName), request.Body, request.ContentType ?? "application/octet-stream")
        {
            Headers = headers,
            BodySha256Hex = bodySha256Hex,
        };
    }

    public static InvokeEndpointResponse FromHttp(AwsHttpResponse response) => new()
    {
        Body = response.Body,
        ContentType = response.Header("Content-Type"),
        InvokedProductionVariant = response.Header(InvokedVariantHeader),
        CustomAttributes = response.Header(CustomAttributesHeader),
        NewSessionId = response.Header("X-Amzn-SageMaker-New-Session-Id"),
        ClosedSessionId = response.Header("X-Amzn-SageMaker-Closed-Session-Id"),
        RequestId = response.RequestId,
    };
}
