using System.Net;

namespace LoadLab.Aws.Http;

/// <summary>One AWS call before signing. The body is reused across retries; its hash may be precomputed.</summary>
public sealed record AwsHttpRequest(HttpMethod Method, Uri Uri, ReadOnlyMemory<byte> Body, string? ContentType)
{
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];
    /// <summary>SHA-256 of <see cref="Body"/> in lower-case hex, when the caller already has it (payloads reused).</summary>
    public string? BodySha256Hex { get; init; }
}

/// <summary>A successful answer. Header lookups ignore case.</summary>
public sealed record AwsHttpResponse(HttpStatusCode StatusCode, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var v) ? v : null;
    public string? RequestId => Header("x-amzn-RequestId") ?? Header("x-amz-request-id");
}
