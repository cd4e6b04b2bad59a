using System.Net;

namespace LoadLab.Engine.Targets;

/// <summary>Builds the pooled HTTP/1.1 connection handler every target uses.</summary>
public static class HttpConnections
{
    /// <summary>
    /// One <see cref="SocketsHttpHandler"/> with a pool sized to the run's concurrency (users, or the in-flight cap
    /// of the open model): connections are opened on demand and kept, no proxy, no cookies, no redirects, no
    /// decompression, so the client spends its time on requests, not on features a load test must not exercise.
    /// </summary>
    public static SocketsHttpHandler CreateHandler(int maxConnections, TimeSpan connectTimeout) => new()
    {
        MaxConnectionsPerServer = Math.Max(1, maxConnections),
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
        ConnectTimeout = connectTimeout,
        UseProxy = false,
        UseCookies = false,
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.None,
        EnableMultipleHttp2Connections = true,
    };
}
