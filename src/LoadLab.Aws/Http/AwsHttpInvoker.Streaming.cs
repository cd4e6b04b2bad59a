using LoadLab.Aws.Errors;

namespace LoadLab.Aws.Http;

/// <summary>A successful answer whose body is still arriving: read <see cref="Body"/>, then dispose.</summary>
public sealed class AwsStreamingResponse(HttpResponseMessage message, IReadOnlyDictionary<string, string> headers, Stream body) : IAsyncDisposable
{
    public System.Net.HttpStatusCode StatusCode => message.StatusCode;
    public IReadOnlyDictionary<string, string> Headers { get; } = headers;
    public Stream Body { get; } = body;
    public string? Header(string name) => Headers.TryGetValue(name, out var v) ? v : null;
    public string? RequestId => Header("x-amzn-RequestId") ?? Header("x-amz-request-id");

    public async ValueTask DisposeAsync()
    {
        await Body.DisposeAsync().ConfigureAwait(false);
        message.Dispose();
    }
}

public sealed partial class AwsHttpInvoker
{
    /// <summary>
    /// Sends a signed request and returns as soon as a successful status and its headers arrive, with the body left
    /// to stream. Errors answered before that (a status other than 2xx, a refused connection) are retried as
    /// <see cref="SendAsync"/> retries them; once the body streams nothing is retried, since the caller has already
    /// seen part of the answer. The attempt timeout bounds the wait for the headers only; the call timeout and the
    /// caller's token bound everything.
    /// </summary>
    public async Task<AwsStreamingResponse> SendStreamingAsync(AwsHttpRequest request, string operation, CancellationToken cancellationToken = default)
    {
        var bodyHash = request.BodySha256Hex ?? (request.Body.IsEmpty ? Signing.SigV4Canonical.EmptyPayloadSha256 : Signing.SigV4Canonical.Sha256Hex(request.Body.Span));
        for (var attempt = 1; ; attempt++)
        {
            AttemptFailure failure;
            AwsServiceException? serviceError = null;
            Exception? transportError = null;
            using var attemptTimer = _options.AttemptTimeout is { } at ? new CancellationTokenSource(at, _time) : null;
            using var attemptCts = attemptTimer is null
                ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken)
                : CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, attemptTimer.Token);
            HttpResponseMessage? response = null;
            try
            {
                var creds = await _credentials.GetAsync(cancellationToken).ConfigureAwait(false);
                using var message = Build(request);
                _signer.Sign(message, creds, _time.GetUtcNow(), bodyHash);
                response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, attemptCts.Token).ConfigureAwait(false);
                var headers = Flatten(response);
                if (response.IsSuccessStatusCode)
                {
                    Quota.Release(_options.NoRetryIncrement);
                    var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
                    var streaming = new AwsStreamingResponse(response, headers, body);
                    response = null;
                    return streaming;
                }
                var errorBody = await response.Content.ReadAsByteArrayAsync(attemptCts.Token).ConfigureAwait(false);
                serviceError = AwsErrorParser.Parse(response.StatusCode, headers, errorBody, ServiceId, operation);
                failure = AttemptFailure.ServiceError;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (OperationCanceledException ex) when (attemptTimer?.IsCancellationRequested == true)
            {
                failure = AttemptFailure.Timeout;
                transportError = ex;
            }
            catch (HttpRequestException ex)
            {
                failure = AttemptFailure.Connection;
                transportError = ex;
            }
            finally
            {
                response?.Dispose();
            }

            var cost = RetryRules.Cost(failure, _options);
            if (attempt < _options.MaxAttempts && RetryRules.IsRetryable(failure, serviceError) && Quota.TryAcquire(cost))
            {
                double r;
                lock (_randomLock) r = _random.NextDouble();
                await Task.Delay(RetryRules.Backoff(attempt, r, _options), _time, cancellationToken).ConfigureAwait(false);
                continue;
            }
            if (serviceError is not null) throw serviceError;
            var what = failure == AttemptFailure.Timeout
                ? $"no response headers within {_options.AttemptTimeout!.Value.TotalSeconds:0.###} s"
                : $"could not reach {request.Uri.GetLeftPart(UriPartial.Authority)}: {transportError!.Message}";
            throw new AwsTransportException(ServiceId, operation, $"{what} (after {attempt} attempt{(attempt == 1 ? "" : "s")})", transportError);
        }
    }
}
