using System.Net;
using LoadLab.TestSupport;

namespace LoadLab.Telemetry.Tests.Support;

/// <summary>
/// A loopback OTLP/HTTP metrics receiver: accepts POST /v1/metrics (application/x-protobuf), answers 200 with an empty
/// ExportMetricsServiceResponse, and keeps what it decoded from each body (<see cref="OtlpMetricsDecoder"/>).
/// </summary>
public sealed class OtlpReceiver : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly List<OtlpMetricsDecoder.Metric> _metrics = [];
    private readonly List<string> _contentTypes = [];
    private readonly Task _loop;

    public OtlpReceiver()
    {
        Port = FreePort.Next();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public int Port { get; }

    public int Posts { get; private set; }

    public IReadOnlyList<OtlpMetricsDecoder.Metric> Metrics { get { lock (_metrics) return [.. _metrics]; } }

    public IReadOnlyList<string> ContentTypes { get { lock (_metrics) return [.. _contentTypes]; } }

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext ctx;
            try { ctx = await _listener.GetContextAsync(); }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException) { return; }
            using var body = new MemoryStream();
            await ctx.Request.InputStream.CopyToAsync(body);
            if (ctx.Request.HttpMethod == "POST" && ctx.Request.Url?.AbsolutePath == "/v1/metrics")
            {
                var decoded = OtlpMetricsDecoder.Decode(body.ToArray());
                lock (_metrics)
                {
                    Posts++;
                    _metrics.AddRange(decoded);
                    _contentTypes.Add(ctx.Request.ContentType ?? "");
                }
                ctx.Response.StatusCode = 200;
                ctx.Response.ContentType = "application/x-protobuf";
            }
            else ctx.Response.StatusCode = 404;
            ctx.Response.Close();
        }
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        _loop.Wait(TimeSpan.FromSeconds(5));
    }
}
