using System.Threading.Channels;
using LoadLab.Engine.Progress;

namespace LoadLab.Telemetry.Sinks;

/// <summary>
/// An output fed through its own bounded queue: the reporter loop only enqueues (never waits), one background task
/// hands the items to <see cref="HandleAsync"/>. A full queue drops the new item and counts it; a consumer that throws
/// is counted and goes on with the next item. Neither can slow or stop the load.
/// </summary>
public abstract class BoundedSink : IRunProgress, IAsyncDisposable
{
    private readonly Channel<TelemetryItem> _queue;
    private readonly Task _consumer;
    private readonly TimeProvider _time;
    private long _accepted;
    private long _dropped;
    private long _failed;
    private string? _firstFailure;

    protected BoundedSink(string name, int capacity, TimeProvider time)
    {
        Name = name;
        _time = time;
        _queue = Channel.CreateBounded<TelemetryItem>(new BoundedChannelOptions(capacity)
        {
            FullMode = BoundedChannelFullMode.Wait, // with TryWrite: a full queue refuses, and we count it
            SingleReader = true,
            SingleWriter = false,
        });
        _consumer = Task.Run(ConsumeAsync);
    }

    /// <summary>The output's name in warnings (jsonl, dashboard, otlp, prometheus).</summary>
    public string Name { get; }

    public long Accepted => Interlocked.Read(ref _accepted);
    public long Dropped => Interlocked.Read(ref _dropped);
    public long Failed => Interlocked.Read(ref _failed);

    /// <summary>The warning for the end of the run, or null when every item went through.</summary>
    public string? DropWarning()
    {
        var dropped = Dropped;
        var failed = Failed;
        if (dropped == 0 && failed == 0) return null;
        var parts = new List<string>();
        if (dropped > 0) parts.Add($"dropped {dropped} of {dropped + Accepted} items (its queue was full: the consumer could not keep up)");
        if (failed > 0) parts.Add($"failed on {failed} items (first: {_firstFailure})");
        return $"live output {Name} {string.Join("; ", parts)}; the load was not affected";
    }

    public void Started(string scenario, string target, string runDirectory, TimeSpan duration) =>
        Offer(new TelemetryItem.RunStarted(scenario, target, runDirectory, duration));

    public void Report(ProgressSnapshot snapshot) => Offer(new TelemetryItem.Second(snapshot, _time.GetUtcNow()));

    public void Event(RunEvent runEvent) => Offer(new TelemetryItem.Note(runEvent, _time.GetUtcNow()));

    public void Warning(string message) => Offer(new TelemetryItem.Note(new RunEvent(TimeSpan.Zero, "warning", message), _time.GetUtcNow()));

    public void Finished(string summary) => Offer(new TelemetryItem.RunFinished(summary, _time.GetUtcNow()));

    private void Offer(TelemetryItem item)
    {
        if (_queue.Writer.TryWrite(item)) Interlocked.Increment(ref _accepted);
        else Interlocked.Increment(ref _dropped);
    }

    protected abstract ValueTask HandleAsync(TelemetryItem item);

    /// <summary>After the last item: release what the output holds (files, listeners).</summary>
    protected virtual ValueTask CloseAsync() => ValueTask.CompletedTask;

    private async Task ConsumeAsync()
    {
        await foreach (var item in _queue.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            try
            {
                await HandleAsync(item).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // An output must never take the run down: count it, keep the first reason for the warning.
                if (Interlocked.Increment(ref _failed) == 1) _firstFailure = e.Message;
            }
        }
    }

    /// <summary>Lets the queued items through (up to <paramref name="timeout"/>), then closes the output.</summary>
    public async Task DrainAsync(TimeSpan timeout)
    {
        _queue.Writer.TryComplete();
        await Task.WhenAny(_consumer, Task.Delay(timeout, _time)).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await DrainAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        try { await CloseAsync().ConfigureAwait(false); }
        catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException) { }
        GC.SuppressFinalize(this);
    }
}
