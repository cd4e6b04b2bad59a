using HdrHistogram;
using LoadLab.Core.RunFiles;
using LoadLab.Engine.Targets;

namespace LoadLab.Engine.Recording;

/// <summary>
/// Everything a run measures, with constant memory: cumulative counters (interlocked), HdrHistogram interval
/// <see cref="Recorder"/>s for the per-second histograms (lock-free for writers; the reporter swaps them each
/// second), and one concurrent histogram per steady step. No per-request storage.
/// <para>Hot-path methods are called by the dispatcher and by request completions; <see cref="TakeInterval"/> and the
/// totals by the single reporter loop.</para>
/// </summary>
public sealed class RunRecorder
{
    private readonly Recorder _okLatency = Histograms.CreateRecorder();
    private readonly Recorder _errLatency = Histograms.CreateRecorder();
    private readonly Recorder _service = Histograms.CreateRecorder();
    private readonly Recorder _lateness = Histograms.CreateRecorder();
    private HistogramBase? _okSpare, _errSpare, _serviceSpare, _latenessSpare;

    private readonly LongHistogram _totalOk = Histograms.Create();
    private readonly LongHistogram _totalErr = Histograms.Create();
    private readonly LongHistogram _totalLateness = Histograms.Create();

    private readonly StepStats[] _steps;
    private readonly Counters _now = new();
    private Counters _last = new();
    private readonly string?[] _lastDetail = new string?[OutcomeClassExtensions.Count];

    /// <param name="streamingTimestampFrequency">
    /// For streaming runs, the run clock's timestamp frequency: the recorder then also keeps <see cref="Tokens"/>.
    /// </param>
    public RunRecorder(int stepCount = 0, long? streamingTimestampFrequency = null)
    {
        if (streamingTimestampFrequency is { } freq) Tokens = new TokenRecorder(stepCount, freq);
        _steps = new StepStats[stepCount];
        for (var i = 0; i < stepCount; i++) _steps[i] = new StepStats();
    }

    /// <summary>Time to first token, inter-token gaps and output tokens (streaming runs only, else null).</summary>
    public TokenRecorder? Tokens { get; }

    // ---- hot path ------------------------------------------------------------------------------------------------

    /// <summary>An arrival came due (open model), whether or not it could be sent.</summary>
    public void Offered(int steadyStep)
    {
        Interlocked.Increment(ref _now.Offered);
        if (steadyStep >= 0) Interlocked.Increment(ref _steps[steadyStep].Offered);
    }

    /// <summary>An arrival was not sent because the in-flight cap was reached.</summary>
    public void Dropped(int steadyStep)
    {
        Interlocked.Increment(ref _now.Dropped);
        if (steadyStep >= 0) Interlocked.Increment(ref _steps[steadyStep].Dropped);
    }

    /// <summary>A request is being sent; <paramref name="latenessUs"/> is how long after its schedule (open model).</summary>
    public void Started(long latenessUs, bool late)
    {
        Interlocked.Increment(ref _now.Started);
        Interlocked.Increment(ref _now.InFlight);
        if (latenessUs >= 0) _lateness.RecordValue(Histograms.Clamp(latenessUs));
        if (late) Interlocked.Increment(ref _now.Late);
    }

    /// <summary>A closed-model request is being sent (no schedule, so no lateness; offered equals started).</summary>
    public void StartedClosed(int steadyStep)
    {
        Interlocked.Increment(ref _now.Offered);
        if (steadyStep >= 0) Interlocked.Increment(ref _steps[steadyStep].Offered);
        Interlocked.Increment(ref _now.Started);
        Interlocked.Increment(ref _now.InFlight);
    }

    /// <summary>
    /// A request ended. Latency is from the scheduled start; service time from the actual send; for a streamed
    /// response <paramref name="ttftUs"/> is its first token minus the scheduled start.
    /// </summary>
    public void Completed(in RequestOutcome outcome, long latencyUs, long serviceUs, int steadyStep, long ttftUs = 0)
    {
        if (outcome.IsOk && outcome.Tokens is { } tokens) Tokens?.Record(tokens, ttftUs, steadyStep);
        Interlocked.Decrement(ref _now.InFlight);
        Interlocked.Increment(ref _now.Completed);
        Interlocked.Increment(ref _now.ByClass[(int)outcome.Class]);
        var latency = Histograms.Clamp(latencyUs);
        if (outcome.IsOk)
        {
            _okLatency.RecordValue(latency);
            _service.RecordValue(Histograms.Clamp(serviceUs));
            if (steadyStep >= 0)
            {
                var s = _steps[steadyStep];
                Interlocked.Increment(ref s.Ok);
                s.OkLatency.RecordValue(latency);
            }
        }
        else
        {
            _errLatency.RecordValue(latency);
            _lastDetail[(int)outcome.Class] = outcome.Detail;
            if (steadyStep >= 0) Interlocked.Increment(ref _steps[steadyStep].Errors);
        }
    }

    // ---- reporter side -----------------------------------------------------------------------------------------

    public long InFlight => Volatile.Read(ref _now.InFlight);
    public long TotalOffered => Volatile.Read(ref _now.Offered);
    public long TotalStarted => Volatile.Read(ref _now.Started);
    public long TotalCompleted => Volatile.Read(ref _now.Completed);
    public long TotalOk => Volatile.Read(ref _now.ByClass[(int)OutcomeClass.Ok]);
    public long TotalErrors => TotalCompleted - TotalOk;
    public long TotalDropped => Volatile.Read(ref _now.Dropped);
    public long TotalLate => Volatile.Read(ref _now.Late);
    public long CountOf(OutcomeClass c) => Volatile.Read(ref _now.ByClass[(int)c]);

    /// <summary>The most recent failure reason seen for a class (for "stopped because ..." messages).</summary>
    public string? LastDetail(OutcomeClass c) => Volatile.Read(ref _lastDetail[(int)c]);

    /// <summary>
    /// Closes the interval [start, end): counts since the previous call, and the interval histograms (stamped with the
    /// interval, tagged for the latency log). Single caller (the reporter).
    /// </summary>
    public IntervalSample TakeInterval(DateTimeOffset start, DateTimeOffset end)
    {
        var ok = Swap(_okLatency, ref _okSpare, start, end, null);
        var err = Swap(_errLatency, ref _errSpare, start, end, LatencyLogTags.Errors);
        var service = Swap(_service, ref _serviceSpare, start, end, LatencyLogTags.Service);
        var lateness = Swap(_lateness, ref _latenessSpare, start, end, LatencyLogTags.Lateness);
        _totalOk.Add(ok);
        _totalErr.Add(err);
        _totalLateness.Add(lateness);

        var now = _now.Snapshot();
        var d = now.Minus(_last);
        _last = now;
        var row = new TimelineRow
        {
            TimeUtc = start,
            Offered = d.Offered,
            Started = d.Started,
            Completed = d.Completed,
            Ok = d.ByClass[(int)OutcomeClass.Ok],
            ErrModel = d.ByClass[(int)OutcomeClass.ModelError],
            ErrThrottle = d.ByClass[(int)OutcomeClass.Throttled],
            Err5xx = d.ByClass[(int)OutcomeClass.ServerError],
            Err4xx = d.ByClass[(int)OutcomeClass.ClientError],
            ErrTimeout = d.ByClass[(int)OutcomeClass.Timeout],
            ErrConnection = d.ByClass[(int)OutcomeClass.Connection],
            Dropped = d.Dropped,
            Late = d.Late,
            InFlight = now.InFlight,
            P50Ms = Histograms.PercentileMs(ok, 50),
            P90Ms = Histograms.PercentileMs(ok, 90),
            P99Ms = Histograms.PercentileMs(ok, 99),
        };
        var tokens = Tokens?.Take(start, end);
        return new IntervalSample(row with { Tokens = tokens?.Cells }, ok, err, service, lateness) { Tokens = tokens };
    }

    /// <summary>Hands the interval histograms back for reuse once written (keeps allocation flat).</summary>
    public void Recycle(IntervalSample sample)
    {
        _okSpare = sample.OkLatency;
        _errSpare = sample.ErrorLatency;
        _serviceSpare = sample.ServiceTime;
        _latenessSpare = sample.Lateness;
        if (sample.Tokens is { } t) Tokens?.Recycle(t);
    }

    /// <summary>Successful-request latency over every interval taken so far.</summary>
    public HistogramBase TotalOkLatency => _totalOk;
    public HistogramBase TotalErrorLatency => _totalErr;
    public HistogramBase TotalLateness => _totalLateness;

    public RunTotals Totals() => new(
        Scheduled: TotalOffered, Started: TotalStarted, Completed: TotalCompleted, Ok: TotalOk, Errors: TotalErrors,
        Dropped: TotalDropped, Late: TotalLate,
        P50Ms: Histograms.PercentileMs(_totalOk, 50), P90Ms: Histograms.PercentileMs(_totalOk, 90),
        P99Ms: Histograms.PercentileMs(_totalOk, 99), MaxMs: Histograms.MaxMs(_totalOk));

    /// <summary>Client-side numbers of one steady step (requests scheduled inside its steady window).</summary>
    public StepStatsSnapshot Step(int index)
    {
        var s = _steps[index];
        return new StepStatsSnapshot(Volatile.Read(ref s.Offered), Volatile.Read(ref s.Ok), Volatile.Read(ref s.Errors),
            Volatile.Read(ref s.Dropped), s.OkLatency.Copy());
    }

    public int StepCount => _steps.Length;

    private static HistogramBase Swap(Recorder recorder, ref HistogramBase? spare, DateTimeOffset start, DateTimeOffset end, string? tag)
    {
        var h = spare is null ? recorder.GetIntervalHistogram() : recorder.GetIntervalHistogram(spare);
        spare = null;
        h.StartTimeStamp = start.ToUnixTimeMilliseconds();
        h.EndTimeStamp = end.ToUnixTimeMilliseconds();
        h.Tag = tag;
        return h;
    }

    private sealed class StepStats
    {
        public long Offered, Ok, Errors, Dropped;
        public readonly LongConcurrentHistogram OkLatency = Histograms.CreateConcurrent();
    }

    private sealed class Counters
    {
        public long Offered, Started, Completed, Dropped, Late, InFlight;
        public readonly long[] ByClass = new long[OutcomeClassExtensions.Count];

        public Counters Snapshot()
        {
            var c = new Counters
            {
                Offered = Volatile.Read(ref Offered), Started = Volatile.Read(ref Started),
                Completed = Volatile.Read(ref Completed), Dropped = Volatile.Read(ref Dropped), Late = Volatile.Read(ref Late),
                InFlight = Volatile.Read(ref InFlight),
            };
            for (var i = 0; i < ByClass.Length; i++) c.ByClass[i] = Volatile.Read(ref ByClass[i]);
            return c;
        }

        public Counters Minus(Counters o)
        {
            var c = new Counters
            {
                Offered = Offered - o.Offered, Started = Started - o.Started, Completed = Completed - o.Completed,
                Dropped = Dropped - o.Dropped, Late = Late - o.Late, InFlight = InFlight,
            };
            for (var i = 0; i < ByClass.Length; i++) c.ByClass[i] = ByClass[i] - o.ByClass[i];
            return c;
        }
    }
}

/// <summary>One closed interval: its timeline row and its histograms (µs), stamped and tagged for the latency log.</summary>
public sealed record IntervalSample(TimelineRow Row, HistogramBase OkLatency, HistogramBase ErrorLatency,
    HistogramBase ServiceTime, HistogramBase Lateness)
{
    /// <summary>Streaming runs: time to first token and inter-token latency of the interval.</summary>
    public TokenInterval? Tokens { get; init; }
}

public sealed record StepStatsSnapshot(long Offered, long Ok, long Errors, long Dropped, HistogramBase OkLatency);
