using System.Net.Http.Headers;
using LoadLab.Aws.Credentials;
using LoadLab.Aws.Errors;
using LoadLab.Aws.Signing;

namespace LoadLab.Aws.Http;

/// <summary>
/// Sends signed requests to one service endpoint with the standard retry mode: each attempt is re-signed with the
/// current time, throttling / 5xx / connection errors / attempt timeouts are retried with full-jitter back-off while
/// the retry quota lasts, and the caller's <see cref="CancellationToken"/> stops everything at once.
/// </summary>
public sealed partial class AwsHttpInvoker
{
    private readonly HttpClient _http;
    private readonly SigV4Signer _signer;
    private readonly ICredentialSource _credentials;
    private readonly AwsRetryOptions _options;
    private readonly TimeProvider _time;
    private readonly Random _random;
    private readonly Lock _randomLock = new();

    public AwsHttpInvoker(HttpClient http, SigV4Signer signer, ICredentialSource credentials, string serviceId,
        AwsRetryOptions? options = null, TimeProvider? time = null, Random? random = null, RetryQuota? quota = null)
    {
        _http = http;
        _signer = signer;
        _credentials = credentials;
        ServiceId = serviceId;
        _options = (options ?? AwsRetryOptions.Standard).Validate();
        _time = time ?? TimeProvider.System;
        _random = random ?? Random.Shared;
        Quota = quota ?? new RetryQuota(_options.QuotaCapacity);
    }

    public string ServiceId { get; }
    public RetryQuota Quota { get; }
    public AwsRetryOptions Options => _options;

    public async Task<AwsHttpResponse> SendAsync(AwsHttpRequest request, string operation, CancellationToken cancellationToken = default)
    {
        var bodyHash = request.BodySha256Hex ?? (request.Body.IsEmpty ? SigV4Canonical.EmptyPayloadSha256 : SigV4Canonical.Sha256Hex(request.Body.Span));
        using var callTimer = _options.CallTimeout is { } ct ? new CancellationTokenSource(ct, _time) : null;
        using var callCts = callTimer is null
            ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken)
            : CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, callTimer.Token);
        var callToken = callCts.Token;
        var lastCost = 0;

        for (var attempt = 1; ; attempt++)
        {
            AttemptFailure failure;
            AwsServiceException? serviceError = null;
            Exception? transportError = null;
            using var attemptTimer = _options.AttemptTimeout is { } at ? new CancellationTokenSource(at, _time) : null;
            using var attemptCts = attemptTimer is null
                ? CancellationTokenSource.CreateLinkedTokenSource(callToken)
                : CancellationTokenSource.CreateLinkedTokenSource(callToken, attemptTimer.Token);
            try
            {
                var creds = await _credentials.GetAsync(callToken).ConfigureAwait(false);
                using var message = Build(request);
                _signer.Sign(message, creds, _time.GetUtcNow(), bodyHash);
                using var response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, attemptCts.Token).ConfigureAwait(false);
                var body = await response.Content.ReadAsByteArrayAsync(attemptCts.Token).ConfigureAwait(false);
                var headers = Flatten(response);
                if (response.IsSuccessStatusCode)
                {
                    Quota.Release(lastCost > 0 ? lastCost : _options.NoRetryIncrement);
                    return new AwsHttpResponse(response.StatusCode, headers, body);
                }
                serviceError = AwsErrorParser.Parse(response.StatusCode, headers, body, ServiceId, operation);
                failure = AttemptFailure.ServiceError;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (OperationCanceledException ex) when (callTimer?.IsCancellationRequested == true)
            {
                throw new AwsTransportException(ServiceId, operation, $"no answer within the call timeout of {_options.CallTimeout!.Value.TotalSeconds:0.###} s", ex);
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

            var cost = RetryRules.Cost(failure, _options);
            if (attempt < _options.MaxAttempts && RetryRules.IsRetryable(failure, serviceError) && Quota.TryAcquire(cost))
            {
                lastCost = cost;
                double r;
                lock (_randomLock) r = _random.NextDouble();
                try
                {
                    await Task.Delay(RetryRules.Backoff(attempt, r, _options), _time, callToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested && callTimer?.IsCancellationRequested == true)
                {
                    throw new AwsTransportException(ServiceId, operation, $"no answer within the call timeout of {_options.CallTimeout!.Value.TotalSeconds:0.###} s", ex);
                }
                continue;
            }

            if (serviceError is not null) throw serviceError;
            var what = failure == AttemptFailure.Timeout
                ? $"no answer within {_options.AttemptTimeout!.Value.TotalSeconds:0.###} s"
                : $"could not reach {request.Uri.GetLeftPart(UriPartial.Authority)}: {transportError!.Message}";
            throw new AwsTransportException(ServiceId, operation, $"{what} (after {attempt} attempt{(attempt == 1 ? "" : "s")})", transportError);
        }
    }

    private static HttpRequestMessage Build(AwsHttpRequest request)
    {
        var m = new HttpRequestMessage(request.Method, request.Uri);
        if (!request.Body.IsEmpty || request.Method != HttpMethod.Get)
        {
            m.Content = new ReadOnlyMemoryContent(request.Body);
            if (request.ContentType is not null) m.Content.Headers.TryAddWithoutValidation("Content-Type", request.ContentType);
        }
        foreach (var (name, value) in request.Headers)
        {
            if (!m.Headers.TryAddWithoutValidation(name, value)) m.Content?.Headers.TryAddWithoutValidation(name, value);
        }
        return m;
    }

    internal static Dictionary<string, string> Flatten(HttpResponseMessage response)
    {
        var d = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        Add(response.Headers.NonValidated, d);
        Add(response.Content.Headers.NonValidated, d);
        return d;
    }

    private static void Add(HttpHeadersNonValidated headers, Dictionary<string, string> into)
    {
        foreach (var (name, values) in headers) into[name] = values.Count == 1 ? values.ToString() : string.Join(",", values);
    }
}
