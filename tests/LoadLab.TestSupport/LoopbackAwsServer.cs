using System.Net;

namespace LoadLab.TestSupport;

/// <summary>
/// A tiny HTTP server on 127.0.0.1 that records each request and answers from a list of canned responses — for
/// operations moto lacks (DescribeScalingActivities), answered with recorded AWS-shaped bodies.
/// </summary>
public sealed class LoopbackAwsServer : IDisposable
{
    public sealed record Seen(string Method, string Path, Dictionary<string, string> Headers, byte[] Body);

    private readonly HttpListener _listener = new();
    private readonly Queue<(int Status, string Body, (string, string)[] Headers)> _answers = new();
    private readonly Task _loop;

    public LoopbackAwsServer()
    {
        for (var attempt = 0; ; attempt++)
        {
            var port = FreePort.Next();
            Url = new Uri($"http://127.0.0.1:{port}/");
            _listener.Prefixes.Clear();
            _listener.Prefixes.Add(Url.ToString());
            try { _listener.Start(); break; }
            catch (HttpListenerException) when (attempt < 3) { }
        }
        _loop = Task.Run(LoopAsync);
    }

    public Uri Url { get; }
    public List<Seen> Requests { get; } = [];

    public void Answer(int status, string body, params (string, string)[] headers) => _answers.Enqueue((status, body, headers));

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext ctx;
            try { ctx = await _listener.GetContextAsync(); }
            catch (Exception) { return; }
            using var ms = new MemoryStream();
            await ctx.Request.InputStream.CopyToAsync(ms);
            var headers = ctx.Request.Headers.AllKeys.Where(k => k is not null)
                .ToDictionary(k => k!, k => ctx.Request.Headers[k]!, StringComparer.OrdinalIgnoreCase);
            lock (Requests) Requests.Add(new Seen(ctx.Request.HttpMethod, ctx.Request.Url!.AbsolutePath, headers, ms.ToArray()));
            var (status, body, extra) = _answers.Count > 0 ? _answers.Dequeue() : (500, "{\"__type\":\"InternalFailure\",\"message\":\"no canned answer left\"}", []);
            ctx.Response.StatusCode = status;
            ctx.Response.ContentType = "application/x-amz-json-1.1";
            foreach (var (n, v) in extra) ctx.Response.Headers[n] = v;
            var bytes = System.Text.Encoding.UTF8.GetBytes(body);
            await ctx.Response.OutputStream.WriteAsync(bytes);
            ctx.Response.Close();
        }
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        try { _loop.Wait(TimeSpan.FromSeconds(5)); } catch (AggregateException) { }
    }
}
