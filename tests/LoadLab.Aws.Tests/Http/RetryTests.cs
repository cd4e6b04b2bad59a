using LoadLab.Aws.Credentials;
using LoadLab.Aws.Errors;
using LoadLab.Aws.Http;
using LoadLab.Aws.Signing;
using Microsoft.Extensions.Time.Testing;

namespace LoadLab.Aws.Tests.Http;

public sealed class RetryTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    private sealed class Rig : IDisposable
    {
        public FakeTimeProvider Time { get; } = new(Start);
        public ScriptedHandler Handler { get; }
        public AwsHttpInvoker Invoker { get; }
        private readonly HttpClient _http;

        public Rig(AwsRetryOptions options, double random, params Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>>[] script)
        {
            Handler = new ScriptedHandler(Time, script);
            _http = new HttpClient(Handler) { Timeout = Timeout.InfiniteTimeSpan };
            Invoker = new AwsHttpInvoker(_http, new SigV4Signer("monitoring", "us-east-1"),
                new StaticCredentialSource(new SigningCredentials("AKID", "secret")), "CloudWatch", options, Time, new FixedRandom(random));
        }

        /// <summary>Runs the call, moving the fake clock forward in small steps until it finishes.</summary>
        public async Task<T> Run<T>(Func<AwsHttpInvoker, Task<T>> call)
        {
            var task = call(Invoker);
            for (var i = 0; i < 100_000 && !task.IsCompleted; i++)
            {
                await Task.Delay(1);
                if (!task.IsCompleted) Time.Advance(TimeSpan.FromMilliseconds(50));
            }
            return await task;
        }

        public Task<AwsHttpResponse> Send(CancellationToken ct = default) =>
            Run(i => i.SendAsync(new AwsHttpRequest(HttpMethod.Post, new Uri("http://127.0.0.1:1/"), "{}"u8.ToArray(), "application/x-amz-json-1.0"), "GetMetricData", ct));

        public void Dispose() => _http.Dispose();
    }

    [Fact]
    public async Task Server_errors_are_retried_with_full_jitter_exponential_backoff_and_the_quota_is_refunded()
    {
        using var rig = new Rig(AwsRetryOptions.Standard, 0.5,
            ScriptedHandler.Error(503, "ServiceUnavailable"), ScriptedHandler.Error(500, "InternalFailure"), ScriptedHandler.Status(200));
        var response = await rig.Send();

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(3, rig.Handler.CallTimes.Count);
        // random 0.5 × min(1 s × 2^(i-1), 20 s): 0.5 s, then 1 s. The fake clock moves in 50 ms steps.
        var gaps = rig.Handler.CallTimes.Zip(rig.Handler.CallTimes.Skip(1), (a, b) => (b - a).TotalSeconds).ToList();
        Assert.InRange(gaps[0], 0.5, 0.55);
        Assert.InRange(gaps[1], 1.0, 1.05);
        // Two retries cost 5 each; the success refunds the last cost (5): 500 - 10 + 5.
        Assert.Equal(495, rig.Invoker.Quota.Available);
        // Every attempt is signed afresh.
        Assert.All(rig.Handler.Requests, r => Assert.StartsWith("AWS4-HMAC-SHA256 ", r.Headers.GetValues("Authorization").Single()));
    }

    [Fact]
    public async Task Throttling_codes_are_retried_but_validation_errors_are_not()
    {
        using (var rig = new Rig(AwsRetryOptions.Standard, 0, ScriptedHandler.Error(400, "ThrottlingException"), ScriptedHandler.Status(200)))
        {
            await rig.Send();
            Assert.Equal(2, rig.Handler.CallTimes.Count);
        }
        using (var rig = new Rig(AwsRetryOptions.Standard, 0, ScriptedHandler.Error(400, "ValidationException", "bad"), ScriptedHandler.Status(200)))
        {
            var ex = await Assert.ThrowsAsync<AwsServiceException>(() => rig.Send());
            Assert.Single(rig.Handler.CallTimes);
            Assert.Equal("ValidationException", ex.ErrorCode);
            Assert.Equal("bad", ex.ErrorMessage);
            Assert.Equal("req-ValidationException", ex.RequestId);
            Assert.Equal(500, rig.Invoker.Quota.Available);
        }
    }

    [Fact]
    public async Task It_gives_up_after_MaxAttempts_with_the_last_error()
    {
        using var rig = new Rig(AwsRetryOptions.Standard, 0, ScriptedHandler.Error(500, "InternalFailure"));
        var ex = await Assert.ThrowsAsync<AwsServiceException>(() => rig.Send());
        Assert.Equal(3, rig.Handler.CallTimes.Count);
        Assert.Equal("InternalFailure", ex.ErrorCode);
        Assert.Equal(490, rig.Invoker.Quota.Available);
    }

    [Fact]
    public async Task An_empty_retry_quota_stops_retries()
    {
        using var rig = new Rig(AwsRetryOptions.Standard with { QuotaCapacity = 7 }, 0, ScriptedHandler.Error(503, "ServiceUnavailable"));
        await Assert.ThrowsAsync<AwsServiceException>(() => rig.Send());
        Assert.Equal(2, rig.Handler.CallTimes.Count); // one retry (5 tokens) fits in 7, the second does not
        Assert.Equal(2, rig.Invoker.Quota.Available);
    }

    [Fact]
    public async Task A_first_time_success_earns_one_token_back()
    {
        var quota = new RetryQuota(500);
        Assert.True(quota.TryAcquire(10));
        using var rig = new Rig(AwsRetryOptions.Standard, 0, ScriptedHandler.Status(200));
        using var http = new HttpClient(rig.Handler);
        var invoker = new AwsHttpInvoker(http, new SigV4Signer("monitoring", "us-east-1"),
            new StaticCredentialSource(new SigningCredentials("AKID", "secret")), "CloudWatch", AwsRetryOptions.Standard, rig.Time, new FixedRandom(0), quota);
        await invoker.SendAsync(new AwsHttpRequest(HttpMethod.Post, new Uri("http://127.0.0.1:1/"), "{}"u8.ToArray(), "application/json"), "Op");
        Assert.Equal(491, quota.Available);
    }

    [Fact]
    public async Task Connection_errors_are_retried_and_then_reported_as_transport_failures()
    {
        using var rig = new Rig(AwsRetryOptions.Standard, 0, ScriptedHandler.ConnectionRefused());
        var ex = await Assert.ThrowsAsync<AwsTransportException>(() => rig.Send());
        Assert.Equal(3, rig.Handler.CallTimes.Count);
        Assert.Contains("Connection refused", ex.Message);
        Assert.Contains("after 3 attempts", ex.Message);
    }

    [Fact]
    public async Task Attempt_timeouts_are_retried_at_the_timeout_cost()
    {
        var options = AwsRetryOptions.Standard with { AttemptTimeout = TimeSpan.FromSeconds(2) };
        using var rig = new Rig(options, 0, ScriptedHandler.Hang(), ScriptedHandler.Status(200));
        await rig.Send();
        Assert.Equal(2, rig.Handler.CallTimes.Count);
        Assert.InRange((rig.Handler.CallTimes[1] - rig.Handler.CallTimes[0]).TotalSeconds, 2, 2.1);
        Assert.Equal(500, rig.Invoker.Quota.Available); // 10 spent on the timeout retry, 10 refunded on success
    }

    [Fact]
    public async Task The_call_timeout_bounds_retries_and_backoff_together()
    {
        var options = AwsRetryOptions.Standard with { AttemptTimeout = TimeSpan.FromSeconds(5), CallTimeout = TimeSpan.FromSeconds(7) };
        using var rig = new Rig(options, 1, ScriptedHandler.Hang());
        var ex = await Assert.ThrowsAsync<AwsTransportException>(() => rig.Send());
        Assert.Contains("call timeout", ex.Message);
        Assert.True(rig.Time.GetUtcNow() - Start < TimeSpan.FromSeconds(8));
    }

    [Fact]
    public async Task Caller_cancellation_stops_at_once_without_retrying()
    {
        using var cts = new CancellationTokenSource();
        using var rig = new Rig(AwsRetryOptions.Standard, 0, (_, ct) => { cts.Cancel(); ct.ThrowIfCancellationRequested(); return Task.FromResult(new HttpResponseMessage()); });
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => rig.Send(cts.Token));
        Assert.Single(rig.Handler.CallTimes);
    }

    [Theory]
    [InlineData(1, 1.0)]
    [InlineData(2, 2.0)]
    [InlineData(3, 4.0)]
    [InlineData(5, 16.0)]
    [InlineData(6, 20.0)]
    [InlineData(10, 20.0)]
    public void Backoff_doubles_from_one_second_and_is_capped_at_twenty(int retry, double maxSeconds)
    {
        Assert.Equal(maxSeconds, RetryRules.Backoff(retry, 1.0, AwsRetryOptions.Standard).TotalSeconds, 9);
        Assert.Equal(maxSeconds / 4, RetryRules.Backoff(retry, 0.25, AwsRetryOptions.Standard).TotalSeconds, 9);
        Assert.Equal(0, RetryRules.Backoff(retry, 0, AwsRetryOptions.Standard).TotalSeconds);
    }

    [Fact]
    public void Options_are_validated()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => (AwsRetryOptions.Standard with { MaxAttempts = 0 }).Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => (AwsRetryOptions.Standard with { AttemptTimeout = TimeSpan.Zero }).Validate());
        Assert.Equal(1, AwsRetryOptions.NoRetries.MaxAttempts);
    }
}
