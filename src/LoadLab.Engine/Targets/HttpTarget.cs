using LoadLab.Engine.Payloads;

namespace LoadLab.Engine.Targets;

/// <summary>A plain HTTP target: method, URL and headers from the scenario, body from the payload set.</summary>
public sealed class HttpTarget : HttpTargetBase
{
    private readonly Uri _uri;
    private readonly HttpMethod _method;
    private readonly Dictionary<string, string> _headers;
    private readonly Dictionary<string, string> _contentHeaders;
    private readonly bool _sendsBody;

    public HttpTarget(Uri uri, string method, IReadOnlyDictionary<string, string> headers, PayloadSet payloads, HttpMessageHandler handler)
        : base(payloads, handler)
    {
        if (!uri.IsAbsoluteUri || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            throw new ArgumentException($"not an http(s) URL: {uri}", nameof(uri));
        _uri = uri;
        _method = HttpMethod.Parse(method);
        _sendsBody = _method != HttpMethod.Get && _method != HttpMethod.Head;
        // Content headers (Content-Type from the scenario's headers) must go on the content, not the request.
        _headers = headers.Where(h => !IsContentHeader(h.Key)).ToDictionary(h => h.Key, h => h.Value, StringComparer.OrdinalIgnoreCase);
        _contentHeaders = headers.Where(h => IsContentHeader(h.Key)).ToDictionary(h => h.Key, h => h.Value, StringComparer.OrdinalIgnoreCase);
    }

    public override string Describe() => $"{_method} {_uri}";

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
