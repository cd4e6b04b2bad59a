using System.Buffers;
using System.Net.Http.Headers;
using LoadLab.Engine.Payloads;

namespace LoadLab.Engine.Targets;

/// <summary>
/// The shared send path of the HTTP-based targets: build a request around an in-memory body, send it on the pooled
/// handler, read the response to its end (so the connection goes back to the pool and latency covers the body),
/// classify. Never throws.
/// </summary>
public abstract class HttpTargetBase : ILoadTarget
{
    private const int DrainBufferSize = 16 * 1024;
    private readonly HttpMessageInvoker _invoker;
    private readonly bool _ownsInvoker;

    protected HttpTargetBase(PayloadSet payloads, HttpMessageHandler handler, bool ownsHandler = true)
    {
        Payloads = payloads;
        _invoker = new HttpMessageInvoker(handler, disposeHandler: ownsHandler);
        _ownsInvoker = true;
    }

    protected PayloadSet Payloads { get; }

    public abstract string Describe();

    /// <summary>Builds the request for one payload (and signs it, for signed targets).</summary>
    protected abstract ValueTask<HttpRequestMessage> CreateRequestAsync(Payload payload, long sequence, CancellationToken cancellationToken);

    public async ValueTask<RequestOutcome> SendAsync(long sequence, CancellationToken cancellationToken)
    {
        try
        {
            using var request = await CreateRequestAsync(Payloads[sequence], sequence, cancellationToken).ConfigureAwait(false);
            using var response = await _invoker.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            if (status is >= 200 and < 300) return await ReadSuccessAsync(response.Content, status, cancellationToken).ConfigureAwait(false);
            var errorType = response.Headers.NonValidated.TryGetValues("x-amzn-ErrorType", out var values) ? values.ToString() : null;
            var body = await ReadHintAsync(response.Content, cancellationToken).ConfigureAwait(false);
            var cls = OutcomeClassifier.Classify(status, errorType, body);
            return new RequestOutcome(cls, status, OutcomeClassifier.ErrorTypeName(errorType) ?? $"HTTP {status}");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return new RequestOutcome(OutcomeClass.Timeout, 0, "timeout");
        }
        catch (Exception e)
        {
            return OutcomeClassifier.Classify(e, timedOut: false);
        }
    }

    /// <summary>
    /// Reads a successful response to its end. The default drains it (latency covers the body); streaming targets
    /// override this to time tokens as they arrive. Exceptions are classified by the caller.
    /// </summary>
    protected virtual async ValueTask<RequestOutcome> ReadSuccessAsync(HttpContent content, int status, CancellationToken cancellationToken)
    {
        await DrainAsync(content, cancellationToken).ConfigureAwait(false);
        return RequestOutcome.Ok(status);
    }

    /// <summary>Adds the payload as the body with its content type (no header parsing on the hot path).</summary>
    protected static void SetBody(HttpRequestMessage request, Payload payload, string contentType, string? accept)
    {
        var content = new ByteArrayContent(payload.Body);
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        request.Content = content;
        if (accept is not null) request.Headers.TryAddWithoutValidation("Accept", accept);
    }

    private static async ValueTask DrainAsync(HttpContent content, CancellationToken ct)
    {
        var stream = await content.ReadAsStreamAsync(ct).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var buffer = ArrayPool<byte>.Shared.Rent(DrainBufferSize);
            try
            {
                while (await stream.ReadAsync(buffer.AsMemory(), ct).ConfigureAwait(false) > 0) { }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    /// <summary>The first bytes of an error body (to spot ThrottlingException in a 400); the rest is drained.</summary>
    private static async ValueTask<string?> ReadHintAsync(HttpContent content, CancellationToken ct)
    {
        var stream = await content.ReadAsStreamAsync(ct).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var buffer = ArrayPool<byte>.Shared.Rent(DrainBufferSize);
            try
            {
                var n = 0;
                int read;
                while (n < 512 && (read = await stream.ReadAsync(buffer.AsMemory(n, 512 - n), ct).ConfigureAwait(false)) > 0) n += read;
                var hint = System.Text.Encoding.UTF8.GetString(buffer, 0, n);
                while (await stream.ReadAsync(buffer.AsMemory(), ct).ConfigureAwait(false) > 0) { }
                return hint;
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    public virtual ValueTask DisposeAsync()
    {
        if (_ownsInvoker) _invoker.Dispose();
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    /// <summary>For subclasses: header values are added unvalidated (they were validated once at construction).</summary>
    protected static void AddHeaders(HttpRequestHeaders headers, IReadOnlyDictionary<string, string> values)
    {
        foreach (var (k, v) in values) headers.TryAddWithoutValidation(k, v);
    }
}
