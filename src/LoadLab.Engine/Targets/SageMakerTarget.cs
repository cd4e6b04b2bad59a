using LoadLab.Aws.Credentials;
using LoadLab.Aws.Signing;
using LoadLab.Engine.Payloads;

namespace LoadLab.Engine.Targets;

/// <summary>What a SageMaker InvokeEndpoint target needs (the scenario's target block, resolved).</summary>
/// <param name="RuntimeUrl">Base URL of SageMaker Runtime, e.g. https://runtime.sagemaker.us-east-1.amazonaws.com or a local endpoint.</param>
public sealed record SageMakerTargetOptions(
    Uri RuntimeUrl, string EndpointName, string Region, string? TargetVariant = null, string? CustomAttributes = null);

/// <summary>
/// SageMaker Runtime InvokeEndpoint: <c>POST /endpoints/{EndpointName}/invocations</c>, SigV4-signed (service
/// <c>sagemaker</c>) through the AWS layer's <see cref="SigV4Signer"/>, whose derived key is cached per day, region and
/// service; the body hash is the payload's precomputed SHA-256, so a request costs one canonical-request hash and
/// one HMAC.
/// </summary>
public sealed class SageMakerTarget : HttpTargetBase
{
    private readonly SageMakerTargetOptions _options;
    private readonly ICredentialSource _credentials;
    private readonly SigV4Signer _signer;
    private readonly TimeProvider _time;
    private readonly Uri _uri;

    public SageMakerTarget(SageMakerTargetOptions options, ICredentialSource credentials, PayloadSet payloads,
        HttpMessageHandler handler, TimeProvider? time = null)
        : base(payloads, handler)
    {
        _options = options;
        _credentials = credentials;
        _time = time ?? TimeProvider.System;
        _signer = new SigV4Signer("sagemaker", options.Region);
        _uri = InvocationsUri(options.RuntimeUrl, options.EndpointName);
    }

    public override string Describe() => $"SageMaker InvokeEndpoint {_options.EndpointName} ({_uri.GetLeftPart(UriPartial.Authority)})";

    /// <summary><c>{base}/endpoints/{name}/invocations</c>, the name escaped as one path segment.</summary>
    public static Uri InvocationsUri(Uri runtimeUrl, string endpointName)
    {
        var root = runtimeUrl.GetLeftPart(UriPartial.Path).TrimEnd('/');
        return new Uri($"{root}/endpoints/{Uri.EscapeDataString(endpointName)}/invocations");
    }

    protected override async ValueTask<HttpRequestMessage> CreateRequestAsync(Payload payload, CancellationToken cancellationToken)
    {
        var credentials = await _credentials.GetAsync(cancellationToken).ConfigureAwait(false);
        var request = new HttpRequestMessage(HttpMethod.Post, _uri);
        SetBody(request, payload, Payloads.ContentType, Payloads.Accept);
        if (_options.TargetVariant is { } variant) request.Headers.TryAddWithoutValidation("X-Amzn-SageMaker-Target-Variant", variant);
        if (_options.CustomAttributes is { } attributes)
            request.Headers.TryAddWithoutValidation("X-Amzn-SageMaker-Custom-Attributes", attributes);
        _signer.Sign(request, credentials, _time.GetUtcNow(), payload.Sha256Hex);
        return request;
    }
}
