using System.Text.Json;
using LoadLab.Aws.Http;

namespace LoadLab.Aws.Protocols;

/// <summary>The answer of operations that return nothing (an empty body or {}).</summary>
public sealed record EmptyResponse;

/// <summary>Protocol facts of a JSON-RPC style AWS service (awsJson1_0 / awsJson1_1).</summary>
public sealed record JsonRpcProtocol(string TargetPrefix, string JsonVersion)
{
    /// <summary>Extra headers on every call, e.g. x-amzn-query-mode for query-compatible services.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> ExtraHeaders { get; init; } = [];
    public string ContentType => "application/x-amz-json-" + JsonVersion;
}

/// <summary>
/// POST / with X-Amz-Target: &lt;prefix&gt;.&lt;Operation&gt; and a JSON body; the answer is JSON (moto labels it
/// text/html, so the content type of answers is not checked).
/// </summary>
public sealed class JsonRpcClient(AwsHttpInvoker invoker, Uri endpoint, JsonRpcProtocol protocol)
{
    public Uri Endpoint { get; } = endpoint;

    public async Task<TResponse> InvokeAsync<TRequest, TResponse>(string operation, TRequest request, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(request, AwsJson.Options);
        var headers = new List<KeyValuePair<string, string>>(protocol.ExtraHeaders.Count + 1)
        {
            new("X-Amz-Target", protocol.TargetPrefix + "." + operation),
        };
        headers.AddRange(protocol.ExtraHeaders);
        var call = new AwsHttpRequest(HttpMethod.Post, Endpoint, body, protocol.ContentType) { Headers = headers };
        var response = await invoker.SendAsync(call, operation, cancellationToken).ConfigureAwait(false);
        var json = response.Body.Length == 0 ? "{}"u8.ToArray() : response.Body;
        try
        {
            return JsonSerializer.Deserialize<TResponse>(json, AwsJson.Options)
                   ?? throw new JsonException("the answer is the JSON literal null");
        }
        catch (JsonException ex)
        {
            throw new Errors.AwsTransportException(invoker.ServiceId, operation,
                $"could not read the answer ({ex.Message}) (request id {response.RequestId ?? "none"})", ex);
        }
    }
}
