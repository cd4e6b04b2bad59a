using LoadLab.Engine.Payloads;
using LoadLab.Engine.Targets.Streaming;

namespace LoadLab.Engine.Targets;

/// <summary>
/// A plain HTTP target: method, URL and headers from the scenario, body from the payload set. With
/// <c>stream</c> the body is read as SSE or JSON lines as it arrives, timing each token (<see cref="StreamingBodyReader"/>).
/// </summary>
public sealed class HttpTarget : HttpTargetBase
{
    private readonly Uri _uri;
    private readonly HttpMethod _method;
    private readonly Dictionary<string, string> _headers;
    private readonly Dictionary<string, string> _contentHeaders;
    private readonly bool _sendsBody;
    private readonly bool _stream;
    private readonly TimeProvider _time;

    public HttpTarget(Uri uri, string method, IReadOnlyDictionary<string, string> headers, PayloadSet payloads, HttpMessageHandler handler,
        bool stream = false, TimeProvider? time = null)
        : base(payloads, handler)
    {
        _stream = stream;
        _time = time ?? TimeProvider.System;
        if (!uri.IsAbsoluteUri || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            throw new ArgumentException($"not an http(s) URL: {uri}", nameof(uri));
        _uri = uri;
        _method = HttpMethod.Parse(method);
        _sendsBody = _method != HttpMethod.Get && _method != HttpMethod.Head;
        // Content headers (Content-Type from the scenario's headers) must go on the content, not the request.
        _headers = headers.Where(h => !IsContentHeader(h.Key)).ToDictionary(h => h.Key, h => h.Value, StringComparer.OrdinalIgnoreCase);
        _contentHeaders = headers.Where(h => IsContentHeader(h.Key)).ToDictionary(h => h.Key, h => h.Value, StringComparer.OrdinalIgnoreCase);
    }

    public override string Describe() => _stream ? $"{_method} {_uri} (streamed)" : $"{_method} {_uri}";

    protected override async ValueTask<RequestOutcome> ReadSuccessAsync(HttpContent content, int status, CancellationToken cancellationToken)
    {
        if (!_stream) return await base.ReadSuccessAsync(content, status, cancellationToken).ConfigureAwait(false);
        var body = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (body.ConfigureAwait(false))
            return await StreamingBodyReader.ReadLinesAsync(body, status, _time, cancellationToken).ConfigureAwait(false);
    }

    protected override ValueTask<HttpRequestMessage> CreateRequestAsync(Payload payload, long sequence, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(_method, _uri);
        if (_sendsBody)
        {
            var contentType = _contentHeaders.GetValueOrDefault("Content-Type") ?? Payloads.ContentType;
            SetBody(request, payload, contentType, Payloads.Accept);
            foreach (var (k, v) in _contentHeaders)
                if (!k.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)) request.Content!.Headers.TryAddWithoutValidation(k, v);
        }
        AddHeaders(request.Headers, _headers);
        return ValueTask.FromResult(request);
    }

    private static bool IsContentHeader(string name) =>
        name.StartsWith("Content-", StringComparison.OrdinalIgnoreCase);
}
