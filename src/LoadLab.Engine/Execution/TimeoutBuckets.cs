namespace LoadLab.Engine.Execution;

/// <summary>
/// Per-request timeouts without a timer per request: requests that start within the same bucket (default 100 ms)
/// share one <see cref="CancellationTokenSource"/> that fires <c>timeout + bucket</c> after the bucket opened, so each
/// request gets between <c>timeout</c> and <c>timeout + bucket</c>. At most timeout/bucket sources are alive.
/// </summary>
internal sealed class TimeoutBuckets(TimeSpan timeout, TimeProvider time, TimeSpan? bucket = null)
{
    private readonly long _bucketTicks = Math.Max(1, (long)((bucket ?? TimeSpan.FromMilliseconds(100)).TotalSeconds * time.TimestampFrequency));
    private readonly TimeSpan _fireAfter = timeout + (bucket ?? TimeSpan.FromMilliseconds(100));
    private readonly Lock _gate = new();
    private volatile Bucket _current = new(long.MinValue, CancellationToken.None);

    private sealed record Bucket(long Id, CancellationToken Token);

    public CancellationToken Next()
    {
        var id = time.GetTimestamp() / _bucketTicks;
        var current = _current;
        if (current.Id == id) return current.Token;
        lock (_gate)
        {
            current = _current;
            if (current.Id == id) return current.Token;
            // Not disposed on purpose: the source must outlive its requests; it is garbage once it fired.
            var cts = new CancellationTokenSource(_fireAfter, time);
            _current = new Bucket(id, cts.Token);
            return cts.Token;
        }
    }
}
