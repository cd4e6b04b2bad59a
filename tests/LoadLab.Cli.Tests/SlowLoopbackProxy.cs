using System.Net;
using System.Net.Sockets;
using System.Text;

namespace LoadLab.Cli.Tests;

/// <summary>
/// A TCP proxy on 127.0.0.1 that holds every chunk a client sends for <see cref="Delay"/> before passing it on, so an
/// AWS call stays in flight long enough for a test to act while it is. <see cref="OnClientChunk"/> sees each chunk (as
/// text) before it is held, e.g. to send a signal when a given operation's request starts. Bytes pass unchanged, so
/// SigV4 signatures (made for the proxy's host) still verify.
/// </summary>
internal sealed class SlowLoopbackProxy : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Uri _upstream;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<TcpClient> _clients = [];
    private int _disposed;

    public SlowLoopbackProxy(Uri upstream, TimeSpan delay)
    {
        _upstream = upstream;
        Delay = delay;
        _listener.Start();
        Url = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");
        _ = AcceptAsync();
    }

    public Uri Url { get; }
    public TimeSpan Delay { get; }
    public Action<string>? OnClientChunk { get; set; }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
            catch (Exception) { return; }
            var server = new TcpClient();
            lock (_clients) _clients.AddRange([client, server]);
            _ = PipeAsync(client, server);
        }
    }

    private async Task PipeAsync(TcpClient client, TcpClient server)
    {
        try
        {
            await server.ConnectAsync(_upstream.Host, _upstream.Port, _stop.Token);
            var up = Pump(client.GetStream(), server.GetStream(), slow: true);
            var down = Pump(server.GetStream(), client.GetStream(), slow: false);
            await Task.WhenAny(up, down);
        }
        catch (Exception)
        {
            // a connection closed or the proxy stopped: nothing to pass on
        }
        finally
        {
            client.Dispose();
            server.Dispose();
        }
    }

    private async Task Pump(NetworkStream from, NetworkStream to, bool slow)
    {
        var buffer = new byte[64 * 1024];
        while (true)
        {
            var n = await from.ReadAsync(buffer, _stop.Token);
            if (n == 0) return;
            if (slow)
            {
                OnClientChunk?.Invoke(Encoding.UTF8.GetString(buffer, 0, n));
                await Task.Delay(Delay, _stop.Token);
            }
            await to.WriteAsync(buffer.AsMemory(0, n), _stop.Token);
        }
    }

    /// <summary>Stops the proxy: every connection through it closes and new ones are refused, as when a network goes
    /// away midway. Safe to call again (and from <see cref="OnClientChunk"/>, on another thread).</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        _stop.Cancel();
        _listener.Stop();
        lock (_clients) foreach (var c in _clients) c.Dispose();
        _stop.Dispose();
    }
}
