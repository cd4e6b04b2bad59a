namespace LoadLab.SimEndpoint.Fleet;

/// <summary>
/// One instance: <see cref="Workers"/> concurrent workers and a bounded FIFO queue (M/G/c/K with K = c + queue).
/// The hot path is lock-free while a worker is free: admission and worker acquisition are CAS loops. Only requests
/// that must queue, and releases while someone is queued, take the instance's lock.
/// </summary>
public sealed class SimInstance
{
    private readonly object _gate = new();
    private readonly Queue<TaskCompletionSource> _waiters = new();
    private int _outstanding; // admitted: busy + queued
    private int _busy;
    private int _waiting; // published before a waiter re-checks _busy, so a release never misses it
    private volatile int _state;
    private TaskCompletionSource? _drained;

    public SimInstance(string id, string variantName, int ordinal, int workers, int queue, ulong seed, InstanceState state, DateTimeOffset createdUtc)
    {
        Id = id;
        VariantName = variantName;
        Ordinal = ordinal;
        Workers = workers;
        Capacity = workers + queue;
        Rng = new CounterRng(seed);
        _state = (int)state;
        CreatedUtc = createdUtc;
        StateSinceUtc = createdUtc;
        // Answers are prebuilt per instance: the hot path writes bytes, it does not serialise.
        JsonBody = System.Text.Encoding.UTF8.GetBytes($"{{\"predictions\":[0.5],\"variant\":\"{variantName}\",\"instance\":\"{id}\"}}");
        CsvBody = System.Text.Encoding.UTF8.GetBytes($"0.5,{variantName},{id}\n");
    }

    /// <summary>The model's answer for Accept application/json (and */*).</summary>
    public byte[] JsonBody { get; }
    /// <summary>The model's answer for Accept text/csv.</summary>
    public byte[] CsvBody { get; }

    public string Id { get; }
    public string VariantName { get; }
    public int Ordinal { get; }
    public int Workers { get; }
    /// <summary>Workers plus queue slots: the most requests admitted at once.</summary>
    public int Capacity { get; }
    /// <summary>Seeded draws for this instance's service times and injected errors.</summary>
    public CounterRng Rng { get; }
    public DateTimeOffset CreatedUtc { get; }
    public DateTimeOffset StateSinceUtc { get; private set; }
    /// <summary>When a pending instance is due InService (emulated time).</summary>
    public DateTimeOffset? ReadyAtUtc { get; internal set; }
    internal CancellationTokenSource? StartupCancel { get; set; }

    public InstanceState State => (InstanceState)_state;
    public int Outstanding => Volatile.Read(ref _outstanding);
    public int Busy => Volatile.Read(ref _busy);
    public int Queued => Math.Max(0, Outstanding - Busy);

    internal void SetState(InstanceState state, DateTimeOffset nowUtc)
    {
        _state = (int)state;
        StateSinceUtc = nowUtc;
        if (state == InstanceState.Draining)
        {
            lock (_gate) _drained ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            if (Volatile.Read(ref _outstanding) == 0) _drained.TrySetResult();
        }
    }

    /// <summary>Completes when a draining instance has no request left.</summary>
    internal Task Drained => _drained?.Task ?? Task.CompletedTask;

    /// <summary>Takes a place (worker or queue slot); false when the instance is full or gone (the caller answers 503).</summary>
    public bool TryAdmit()
    {
        if (_state == (int)InstanceState.Terminated) return false;
        var o = Volatile.Read(ref _outstanding);
        while (true)
        {
            if (o >= Capacity) return false;
            var seen = Interlocked.CompareExchange(ref _outstanding, o + 1, o);
            if (seen == o) return true;
            o = seen;
        }
    }

    /// <summary>Gives the place back; finishes a drain when it was the last one.</summary>
    public void Leave()
    {
        if (Interlocked.Decrement(ref _outstanding) == 0 && _state == (int)InstanceState.Draining)
            _drained?.TrySetResult();
    }

    private bool TryTakeWorker()
    {
        var b = Volatile.Read(ref _busy);
        while (b < Workers)
        {
            var seen = Interlocked.CompareExchange(ref _busy, b + 1, b);
            if (seen == b) return true;
            b = seen;
        }
        return false;
    }

    /// <summary>Waits (FIFO) for a worker. Completes synchronously when one is free and nobody is queued.</summary>
    public ValueTask AcquireWorkerAsync()
    {
        // Nobody waiting: take a worker without the lock. Someone waiting: join the line (no barging).
        if (Volatile.Read(ref _waiting) == 0 && TryTakeWorker()) return ValueTask.CompletedTask;
        lock (_gate)
        {
            Interlocked.Increment(ref _waiting);
            if (_waiters.Count == 0 && TryTakeWorker())
            {
                Interlocked.Decrement(ref _waiting);
                return ValueTask.CompletedTask;
            }
            var tcs = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Enqueue(tcs);
            return new ValueTask(tcs.Task);
        }
    }

    public void ReleaseWorker()
    {
        Interlocked.Decrement(ref _busy);
        // Either a waiter sees the freed worker (it increments _waiting before checking _busy), or we see it here.
        if (Volatile.Read(ref _waiting) == 0) return;
        lock (_gate)
        {
            while (_waiters.Count > 0 && TryTakeWorker())
            {
                Interlocked.Decrement(ref _waiting);
                _waiters.Dequeue().TrySetResult();
            }
        }
    }
}
