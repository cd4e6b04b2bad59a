namespace LoadLab.Apply.Execution;

/// <summary>What one Ctrl+C or SIGTERM did to an apply in progress.</summary>
public enum SignalEffect
{
    /// <summary>The first: the write in flight finishes, then the rollback point is restored.</summary>
    Stopping,
    /// <summary>A later one outside the window: the restore goes on; another within the window abandons it.</summary>
    Reminded,
    /// <summary>A second within the window: the restore stops after its write in flight.</summary>
    Abandoning,
}

/// <summary>
/// Signals during an apply, in two stages. A configuration half-written is worse than either end, so the first signal
/// does not cut a write off: it asks the apply to stop before its next write and restore the rollback point. Only a
/// second signal within <see cref="Window"/> of the one before abandons that restore (a lone signal much later is
/// more likely an impatient repeat than a decision, so it only re-arms the window).
/// </summary>
public sealed class ApplyInterruption(TimeProvider time, TimeSpan? window = null) : IDisposable
{
    public static readonly TimeSpan DefaultWindow = TimeSpan.FromSeconds(5);

    private readonly CancellationTokenSource _stop = new();
    private readonly CancellationTokenSource _abandon = new();
    private readonly Lock _lock = new();
    private long? _lastSignal;

    public TimeSpan Window { get; } = window ?? DefaultWindow;

    /// <summary>Set by the first signal: stop before the next write, then restore.</summary>
    public CancellationToken Stop => _stop.Token;

    /// <summary>Set by a second signal within the window: stop the restore before its next write.</summary>
    public CancellationToken Abandon => _abandon.Token;

    public SignalEffect Signal()
    {
        lock (_lock)
        {
            var now = time.GetTimestamp();
            var last = _lastSignal;
            _lastSignal = now;
            if (last is null)
            {
                _stop.Cancel();
                return SignalEffect.Stopping;
            }
            if (_abandon.IsCancellationRequested || time.GetElapsedTime(last.Value, now) <= Window)
            {
                _abandon.Cancel();
                return SignalEffect.Abandoning;
            }
            return SignalEffect.Reminded;
        }
    }

    public void Dispose()
    {
        _stop.Dispose();
        _abandon.Dispose();
    }
}

/// <summary>An apply (or its restore) stopped before its next write because of a signal.</summary>
public sealed class ApplyInterruptedException() : OperationCanceledException("interrupted by a signal before the next write");
