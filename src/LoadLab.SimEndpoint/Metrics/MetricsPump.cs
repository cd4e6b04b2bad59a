using System.Diagnostics;
using System.Threading.Channels;
using LoadLab.SimEndpoint.Fleet;

namespace LoadLab.SimEndpoint.Metrics;

/// <summary>
/// The background side of metrics: samples in-flight requests, closes each period on the emulated clock (aligned
/// to period boundaries), keeps recent summaries for the admin API, and hands batches to a publisher loop that
/// calls PutMetricData. Requests never wait for any of it: a full publish queue drops the oldest batch (counted).
/// </summary>
public sealed class MetricsPump : IAsyncDisposable
{
    private const int KeepSummaries = 600;
    private readonly SimFleet _fleet;
    private readonly IMetricSink? _sink;
    private readonly TextWriter _log;
    private readonly Channel<IReadOnlyList<SimMetricDatum>> _queue =
        Channel.CreateBounded<IReadOnlyList<SimMetricDatum>>(new BoundedChannelOptions(64) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
    private readonly LinkedList<PeriodSummary> _summaries = new();
    private readonly CancellationTokenSource _stop = new();
    private Task? _periodLoop, _publishLoop;
    private DateTimeOffset _periodStart;
    private long _published, _failedCalls, _dropped;
    private string? _lastError;

    public MetricsPump(SimFleet fleet, IMetricSink? sink, TextWriter log)
    {
        _fleet = fleet;
        _sink = sink;
        _log = log;
    }

    public TimeSpan Period => _fleet.Options.MetricsPeriod;
    public long DatumsPublished => Interlocked.Read(ref _published);
    public long FailedCalls => Interlocked.Read(ref _failedCalls);
    public long DroppedBatches => Interlocked.Read(ref _dropped);
    public string? LastError => Volatile.Read(ref _lastError);
    public bool Publishing => _sink is not null;

    public IReadOnlyList<PeriodSummary> Summaries()
    {
        lock (_summaries) return _summaries.ToArray();
    }

    public void Start()
    {
        _periodStart = Floor(_fleet.Time.GetUtcNow());
        _periodLoop = Task.Run(() => PeriodLoopAsync(_stop.Token));
        if (_sink is not null) _publishLoop = Task.Run(() => PublishLoopAsync());
    }

    private DateTimeOffset Floor(DateTimeOffset t)
    {
        var ticks = Period.Ticks;
        return new DateTimeOffset(t.UtcTicks - t.UtcTicks % ticks, TimeSpan.Zero);
    }

    private async Task PeriodLoopAsync(CancellationToken ct)
    {
        var time = _fleet.Time;
        var sample = TimeSpan.FromTicks(Math.Min(TimeSpan.TicksPerSecond, Period.Ticks / 10));
        var nextSample = DateTimeOffset.MinValue;
        try
        {
            while (!ct.IsCancellationRequested)
            {
                var boundary = _periodStart + Period;
                var now = time.GetUtcNow();
                if (now < boundary)
                {
                    // One sample per interval; timers round sub-millisecond waits to zero, so never wait less than 1 ms.
                    if (now >= nextSample) { SampleConcurrency(); nextSample = now + sample; }
                    var wait = boundary - now;
                    if (wait > sample) wait = sample;
                    if (wait < TimeSpan.FromMilliseconds(1)) wait = TimeSpan.FromMilliseconds(1);
                    await Task.Delay(wait, time, ct).ConfigureAwait(false);
                    continue;
                }
                await ClosePeriodAsync(boundary, ct).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) { }
    }

    private void SampleConcurrency()
    {
        foreach (var v in _fleet.Variants)
        {
            long inFlight = 0;
            foreach (var i in v.Instances) inFlight += i.Outstanding;
            v.Meter.SampleConcurrency(inFlight);
        }
    }

    /// <summary>Closes the current period at <paramref name="end"/> (a boundary, or now on shutdown) and queues its datums.</summary>
    private async Task ClosePeriodAsync(DateTimeOffset end, CancellationToken ct)
    {
        var start = _periodStart;
        _periodStart = end >= start + Period ? start + Period : end;
        var windows = _fleet.Variants.Select(v => (v, w: v.Meter.Swap())).ToArray();
        // Requests that read the old window just before the swap finish their Interlocked adds within microseconds.
        try { await Task.Delay(TimeSpan.FromMilliseconds(20), _fleet.RealTime, CancellationToken.None).ConfigureAwait(false); } catch (OperationCanceledException) { }
        var history = _fleet.History.Snapshot();
        var emulatedSeconds = (end - start).TotalSeconds;
        var realSeconds = emulatedSeconds / _fleet.TimeScale;
        var memory = MemoryPercent();
        var batch = new List<SimMetricDatum>();
        foreach (var (v, w) in windows)
        {
            var inService = InstanceHistory.MeanInService(history, v.Name, start, end);
            var summary = SageMakerMetrics.Summarise(v.Name, w, start, Period, realSeconds, inService, memory, _fleet.RealTime.TimestampFrequency);
            lock (_summaries)
            {
                _summaries.AddLast(summary);
                while (_summaries.Count > KeepSummaries) _summaries.RemoveFirst();
            }
            batch.AddRange(SageMakerMetrics.ToDatums(_fleet.EndpointName, summary, w, _fleet.Options.LatencyShape));
        }
        if (_sink is not null && batch.Count > 0 && !_queue.Writer.TryWrite(batch)) Interlocked.Increment(ref _dropped);
        _ = ct;
    }

    private static double MemoryPercent()
    {
        var total = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        return total > 0 ? 100.0 * Environment.WorkingSet / total : 0;
    }

    private async Task PublishLoopAsync()
    {
        await foreach (var batch in _queue.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            foreach (var group in batch.GroupBy(d => d.Namespace))
                foreach (var chunk in group.Chunk(1000))
                {
                    try
                    {
                        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15), _fleet.RealTime);
                        await _sink!.PutMetricDataAsync(group.Key, chunk, timeout.Token).ConfigureAwait(false);
                        Interlocked.Add(ref _published, chunk.Length);
                    }
                    catch (Exception ex) when (ex is not OutOfMemoryException)
                    {
                        var n = Interlocked.Increment(ref _failedCalls);
                        Volatile.Write(ref _lastError, ex.Message);
                        // Say it once, then every 20th failure: a dead control plane must not flood the console.
                        if (n == 1 || n % 20 == 0) _log.WriteLine($"sim-endpoint: PutMetricData failed ({n} so far): {ex.Message}");
                    }
                }
        }
    }

    /// <summary>Closes the partial period, publishes what is queued (bounded wait) and stops.</summary>
    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        if (_periodLoop is not null) await _periodLoop.ConfigureAwait(false);
        var now = _fleet.Time.GetUtcNow();
        if (now > _periodStart) await ClosePeriodAsync(now, CancellationToken.None).ConfigureAwait(false);
        _queue.Writer.TryComplete();
        if (_publishLoop is not null) await Task.WhenAny(_publishLoop, Task.Delay(TimeSpan.FromSeconds(5), _fleet.RealTime)).ConfigureAwait(false);
        _stop.Dispose();
    }
}
