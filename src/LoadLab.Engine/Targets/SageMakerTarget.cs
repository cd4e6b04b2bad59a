using LoadLab.Aws.Credentials;
using LoadLab.Aws.Signing;
using LoadLab.Engine.Payloads;
using LoadLab.Engine.Targets.Streaming;

namespace LoadLab.Engine.Targets;

/// <summary>What a SageMaker InvokeEndpoint target needs (the scenario's target block, resolved).</summary>
/// <param name="RuntimeUrl">Base URL of SageMaker Runtime, e.g. https://runtime.sagemaker.us-east-1.amazonaws.com or a local endpoint.</param>
/// <param name="Stream">InvokeEndpointWithResponseStream instead of InvokeEndpoint: tokens are timed as they arrive.</param>
public sealed record SageMakerTargetOptions(
    Uri RuntimeUrl, string EndpointName, string Region, string? TargetVariant = null, string? CustomAttributes = null, bool Stream = false);

/// <summary>
/// SageMaker Runtime InvokeEndpoint: <c>POST /endpoints/{EndpointName}/invocations</c>, SigV4-signed (service
/// <c>sagemaker</c>) through the AWS layer's <see cref="SigV4Signer"/>, whose derived key is cached per day, region and
/// service; the body hash is the payload's precomputed SHA-256.
/// <para>Hot path: every input of the signature except X-Amz-Date is fixed per payload, so two requests with the same
/// payload, credentials and X-Amz-Date second carry the very same signature. The target signs the first such
/// request with the signer and reuses its signed headers for the rest of that second: one signature per payload per
/// second instead of one per request, and every request still carries a valid signature for its own time.</para>
/// <para>With <see cref="SageMakerTargetOptions.Stream"/> the call is InvokeEndpointWithResponseStream
/// (<c>/invocations-response-stream</c>, Accept sent as X-Amzn-SageMaker-Accept) and the body is read frame by frame
/// (<see cref="StreamingBodyReader"/>).</para>
/// </summary>
public sealed class SageMakerTarget : HttpTargetBase
{
    private readonly SageMakerTargetOptions _options;
    private readonly ICredentialSource _credentials;
    private readonly SigV4Signer _signer;
    private readonly TimeProvider _time;
    private readonly Uri _uri;
    private readonly SignedHeaders?[] _signed;

    /// <summary>The headers the signer produced for one payload, credentials and X-Amz-Date second.</summary>
    private sealed record SignedHeaders(long UnixSecond, SigningCredentials Credentials, string AmzDate, string Authorization,
        string? Host, string? SecurityToken);

    public SageMakerTarget(SageMakerTargetOptions options, ICredentialSource credentials, PayloadSet payloads,
        HttpMessageHandler handler, TimeProvider? time = null)
        : base(payloads, handler)
    {
        _options = options;
        _credentials = credentials;
        _time = time ?? TimeProvider.System;
        _signer = new SigV4Signer("sagemaker", options.Region);
        _uri = options.Stream
            ? new Uri(InvocationsUri(options.RuntimeUrl, options.EndpointName) + "-response-stream")
            : InvocationsUri(options.RuntimeUrl, options.EndpointName);
        _signed = new SignedHeaders?[payloads.Count];
    }

    public override string Describe() =>
        $"SageMaker {(_options.Stream ? "InvokeEndpointWithResponseStream" : "InvokeEndpoint")} {_options.EndpointName} ({_uri.GetLeftPart(UriPartial.Authority)})";

    protected override async ValueTask<RequestOutcome> ReadSuccessAsync(HttpContent content, int status, CancellationToken cancellationToken)
    {
        if (!_options.Stream) return await base.ReadSuccessAsync(content, status, cancellationToken).ConfigureAwait(false);
        var body = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (body.ConfigureAwait(false))
            return await StreamingBodyReader.ReadEventStreamAsync(body, status, _time, cancellationToken).ConfigureAwait(false);
    }

    /// <summary><c>{base}/endpoints/{name}/invocations</c>, the name escaped as one path segment.</summary>
    public static Uri InvocationsUri(Uri runtimeUrl, string endpointName)
    {
        var root = runtimeUrl.GetLeftPart(UriPartial.Path).TrimEnd('/');
        return new Uri($"{root}/endpoints/{Uri.EscapeDataString(endpointName)}/invocations");
    }

    protected override async ValueTask<HttpRequestMessage> CreateRequestAsync(Payload payload, long sequence, CancellationToken cancellationToken)
    {
        var credentials = await _credentials.GetAsync(cancellationToken).ConfigureAwait(false);
        var request = new HttpRequestMessage(HttpMethod.Post, _uri);
        SetBody(request, payload, Payloads.ContentType, _options.Stream ? null : Payloads.Accept);
        if (_options.Stream && Payloads.Accept is { } accept) request.Headers.TryAddWithoutValidation("X-Amzn-SageMaker-Accept", accept);
        if (_options.TargetVariant is { } variant) request.Headers.TryAddWithoutValidation("X-Amzn-SageMaker-Target-Variant", variant);
        if (_options.CustomAttributes is { } attributes)
            request.Headers.TryAddWithoutValidation("X-Amzn-SageMaker-Custom-Attributes", attributes);

        var now = _time.GetUtcNow();
        var second = now.ToUnixTimeSeconds();
        var slot = (int)(sequence % _signed.Length);
        var cached = Volatile.Read(ref _signed[slot]);
        if (cached is not null && cached.UnixSecond == second && ReferenceEquals(cached.Credentials, credentials))
        {
            var h = request.Headers;
            if (cached.Host is not null) h.Host = cached.Host;
            h.TryAddWithoutValidation("X-Amz-Date", cached.AmzDate);
            if (cached.SecurityToken is not null) h.TryAddWithoutValidation("X-Amz-Security-Token", cached.SecurityToken);
            h.TryAddWithoutValidation("Authorization", cached.Authorization);
            return request;
        }
        // Sign at the whole second, so the signature is the same for every request of that second.
        var at = DateTimeOffset.FromUnixTimeSeconds(second);
        var result = _signer.Sign(request, credentials, at, payload.Sha256Hex);
        Volatile.Write(ref _signed[slot], new SignedHeaders(second, credentials, SigV4.AmzDate(at), result.Authorization,
            request.Headers.Host, credentials.SessionToken is { Length: > 0 } t ? t : null));
        return request;
    }
}
