using System.Net;
using System.Text;

namespace LoadLab.Aws.Tests.Http;

/// <summary>An HttpMessageHandler that answers from a script and records when (on the fake clock) each call came.</summary>
public sealed class ScriptedHandler(TimeProvider time, params Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>>[] script) : HttpMessageHandler
{
    private int _next;
    public List<DateTimeOffset> CallTimes { get; } = [];
    public List<HttpRequestMessage> Requests { get; } = [];

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        CallTimes.Add(time.GetUtcNow());
        Requests.Add(request);
        var step = script[Math.Min(_next++, script.Length - 1)];
        return step(request, cancellationToken);
    }

    public static Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> Status(int status, string body = "{}", params (string, string)[] headers) =>
        (_, _) =>
        {
            var r = new HttpResponseMessage((HttpStatusCode)status) { Content = new StringContent(body, Encoding.UTF8, "application/x-amz-json-1.1") };
            foreach (var (n, v) in headers) r.Headers.TryAddWithoutValidation(n, v);
            return Task.FromResult(r);
        };

    public static Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> Error(int status, string code, string message = "m") =>
        Status(status, $$"""{"__type":"com.amazonaws.test#{{code}}","message":"{{message}}"}""", ("x-amzn-RequestId", "req-" + code));

    public static Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> ConnectionRefused() =>
        (_, _) => Task.FromException<HttpResponseMessage>(new HttpRequestException("Connection refused"));

    public static Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> Hang() =>
        async (_, ct) =>
        {
            await Task.Delay(Timeout.Infinite, ct);
            throw new InvalidOperationException("unreachable");
        };
}

/// <summary>A Random whose NextDouble is fixed, so back-off delays are exact.</summary>
public sealed class FixedRandom(double value) : Random
{
    public override double NextDouble() => value;
}
