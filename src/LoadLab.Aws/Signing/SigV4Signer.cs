using System.Net.Http.Headers;

namespace LoadLab.Aws.Signing;

/// <summary>
/// Signs <see cref="HttpRequestMessage"/>s for one (service, region): the hot-path API for the load engine.
/// Thread-safe; the derived signing key is cached per (date, region, service). The payload is always hashed
/// (never UNSIGNED-PAYLOAD, which SageMaker rejects); callers that resend one payload pass its hash precomputed
/// with <see cref="SigV4Canonical.Sha256Hex(ReadOnlySpan{byte})"/>.
/// Signed headers: host, x-amz-date, x-amz-security-token, content-type and every other x-amz-* / x-amzn-* header
/// on the request.
/// </summary>
public sealed class SigV4Signer(string signingName, string region)
{
    private readonly SigningKeyCache _keys = new();

    public string SigningName { get; } = signingName;
    public string Region { get; } = region;

    /// <summary>Adds X-Amz-Date, X-Amz-Security-Token (with session credentials), Host and Authorization.</summary>
    public SigV4Result Sign(HttpRequestMessage request, SigningCredentials credentials, DateTimeOffset now, string payloadSha256Hex)
    {
        var uri = request.RequestUri ?? throw new ArgumentException("the request has no RequestUri", nameof(request));
        if (!uri.IsAbsoluteUri) throw new ArgumentException("the request URI must be absolute", nameof(request));
        var h = request.Headers;
        h.Remove("Authorization");
        h.Remove("X-Amz-Date");
        h.Remove("X-Amz-Security-Token");
        var host = uri.IsDefaultPort ? uri.IdnHost : $"{uri.IdnHost}:{uri.Port}";
        h.Host = host;
        var amzDate = SigV4.AmzDate(now);
        h.TryAddWithoutValidation("X-Amz-Date", amzDate);
        if (credentials.SessionToken is { Length: > 0 } token) h.TryAddWithoutValidation("X-Amz-Security-Token", token);

        var signed = new List<KeyValuePair<string, string>>(8) { new("host", host) };
        AddSignable(h.NonValidated, signed);
        if (request.Content is not null) AddSignable(request.Content.Headers.NonValidated, signed);

        var input = new SigV4Input(request.Method.Method, uri.AbsolutePath, uri.Query, signed, payloadSha256Hex);
        var result = SigV4.Compute(input, credentials, Region, SigningName, now, _keys);
        h.TryAddWithoutValidation("Authorization", result.Authorization);
        return result;
    }

    /// <summary>Signs with the body hashed here (for one-off calls; the engine passes a precomputed hash instead).</summary>
    public SigV4Result Sign(HttpRequestMessage request, SigningCredentials credentials, DateTimeOffset now, ReadOnlySpan<byte> body) =>
        Sign(request, credentials, now, body.IsEmpty ? SigV4Canonical.EmptyPayloadSha256 : SigV4Canonical.Sha256Hex(body));

    private static void AddSignable(HttpHeadersNonValidated headers, List<KeyValuePair<string, string>> into)
    {
        foreach (var (name, values) in headers)
        {
            if (!IsSigned(name)) continue;
            into.Add(new(name, values.Count == 1 ? values.ToString() : string.Join(",", values)));
        }
    }

    private static bool IsSigned(string name) =>
        name.StartsWith("x-amz", StringComparison.OrdinalIgnoreCase)
        || name.Equals("content-type", StringComparison.OrdinalIgnoreCase);
}
