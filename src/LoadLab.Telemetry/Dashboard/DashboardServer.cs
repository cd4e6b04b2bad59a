using System.Net;
using System.Text;
using System.Threading.Channels;

namespace LoadLab.Telemetry.Dashboard;

/// <summary>
/// A loopback HTTP server for the live dashboard: <c>/</c> is the page (<see cref="DashboardPage"/>),
/// <c>/events</c> the server-sent event stream, <c>/report</c> the run's report.html once the report stage wrote it.
/// Each open page has its own small queue that drops its oldest messages when the browser falls behind, so a slow
/// page slows nothing else. A page that connects late is sent the run's events and its recent seconds first.
/// </summary>
public sealed class DashboardServer : IAsyncDisposable
{
    /// <summary>Seconds a late page is sent on connecting (the charts show this much history).</summary>
    public const int HistorySeconds = 300;

    private const int ClientQueue = 512;
    private readonly HttpListener _listener;
    private readonly Task _accept;
    private readonly CancellationTokenSource _stop = new();
    private readonly object _gate = new();
    private readonly List<(string Name, string Data)> _kept = [];
    private readonly Queue<(string Name, string Data)> _recent = new();
    private readonly List<Channel<string>> _clients = [];
    private readonly List<Task> _streams = [];

    private DashboardServer(HttpListener listener, Uri url)
    {
        _listener = listener;
        Url = url;
        _accept = Task.Run(AcceptAsync);
    }

    public Uri Url { get; }

    /// <summary>The report file /report serves once it exists.</summary>
    public string? ReportPath { get; set; }

    /// <exception cref="HttpListenerException">The port is taken or cannot be bound.</exception>
    public static DashboardServer Start(int port)
    {
        var prefix = $"http://127.0.0.1:{port}/";
        var listener = new HttpListener();
        listener.Prefixes.Add(prefix);
        listener.Start();
        return new DashboardServer(listener, new Uri(prefix));
    }

    /// <summary>Sends one event to every open page; <paramref name="keep"/> replays it to pages that open later.</summary>
    public void Publish(string name, string json, bool keep)
    {
        var frame = $"event: {name}\ndata: {json}\n\n";
        Channel<string>[] clients;
        lock (_gate)
        {
            if (keep) _kept.Add((name, json));
            else
            {
                _recent.Enqueue((name, json));
                while (_recent.Count > HistorySeconds) _recent.Dequeue();
            }
            clients = [.. _clients];
        }
        foreach (var c in clients) c.Writer.TryWrite(frame);
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync().ConfigureAwait(false); }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException) { return; }
            var serving = Task.Run(() => ServeAsync(context));
            lock (_gate) { _streams.RemoveAll(t => t.IsCompleted); _streams.Add(serving); }
        }
    }

    private async Task ServeAsync(HttpListenerContext context)
    {
        var response = context.Response;
        try
        {
            response.Headers["Content-Security-Policy"] = DashboardPage.ContentSecurityPolicy;
            response.Headers["X-Content-Type-Options"] = "nosniff";
            switch (context.Request.Url?.AbsolutePath)
            {
                case "/":
                    await WriteAsync(response, 200, "text/html; charset=utf-8", DashboardPage.Html).ConfigureAwait(false);
                    break;
                case "/events":
                    await StreamAsync(response).ConfigureAwait(false);
                    break;
                case "/report" when ReportPath is { } path && File.Exists(path):
                    // The report carries its own stricter CSP in its <meta>; the header above allows only what it needs too.
                    response.Headers["Content-Security-Policy"] = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; script-src 'unsafe-inline'";
                    await WriteAsync(response, 200, "text/html; charset=utf-8", await File.ReadAllTextAsync(path).ConfigureAwait(false)).ConfigureAwait(false);
                    break;
                case "/report":
                    await WriteAsync(response, 404, "text/plain; charset=utf-8", "No report yet: it is written by the report stage after the load (see --stages).").ConfigureAwait(false);
                    break;
                default:
                    await WriteAsync(response, 404, "text/plain; charset=utf-8", "not found").ConfigureAwait(false);
                    break;
            }
        }
        catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException or InvalidOperationException)
        {
            // The page went away or the server is stopping: nothing to tell anyone.
        }
        finally
        {
            try { response.Close(); } catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException or InvalidOperationException) { }
        }
    }

    private static async Task WriteAsync(HttpListenerResponse response, int status, string type, string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        response.StatusCode = status;
        response.ContentType = type;
        response.ContentLength64 = bytes.Length;
        await response.OutputStream.WriteAsync(bytes).ConfigureAwait(false);
    }

    private async Task StreamAsync(HttpListenerResponse response)
    {
        response.StatusCode = 200;
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers["Cache-Control"] = "no-store";
        response.SendChunked = true;
        var queue = Channel.CreateBounded<string>(new BoundedChannelOptions(ClientQueue) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        lock (_gate)
        {
            // What happened before this page opened: the run's events, then its recent seconds, in that order.
            foreach (var (name, data) in _kept.Concat(_recent)) queue.Writer.TryWrite($"event: {name}\ndata: {data}\n\n");
            _clients.Add(queue);
        }
        try
        {
            var stream = response.OutputStream;
            await stream.WriteAsync(Encoding.UTF8.GetBytes("retry: 1000\n\n"), _stop.Token).ConfigureAwait(false);
            await stream.FlushAsync(_stop.Token).ConfigureAwait(false);
            await foreach (var frame in queue.Reader.ReadAllAsync(_stop.Token).ConfigureAwait(false))
            {
                await stream.WriteAsync(Encoding.UTF8.GetBytes(frame), _stop.Token).ConfigureAwait(false);
                await stream.FlushAsync(_stop.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) { }
        finally
        {
            lock (_gate) _clients.Remove(queue);
        }
    }

    /// <summary>Lets every open page receive what was published (the run's end), up to 2 s, then stops listening.</summary>
    public async ValueTask DisposeAsync()
    {
        Task[] streams;
        lock (_gate)
        {
            foreach (var c in _clients) c.Writer.TryComplete();
            streams = [.. _streams];
        }
        await Task.WhenAny(Task.WhenAll(streams), Task.Delay(TimeSpan.FromSeconds(2), TimeProvider.System)).ConfigureAwait(false);
        await _stop.CancelAsync().ConfigureAwait(false);
        try { _listener.Stop(); _listener.Close(); } catch (ObjectDisposedException) { }
        await _accept.ConfigureAwait(false);
        _stop.Dispose();
    }
}
