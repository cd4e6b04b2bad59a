using LoadLab.Engine.Recording;
using LoadLab.Engine.Schedules;
using LoadLab.Engine.Targets;

namespace LoadLab.Engine.Execution;

/// <summary>
/// The open model: every arrival starts at its absolute scheduled time, whatever the responses do.
/// <para>A dedicated dispatcher thread walks the schedule, sleeps until the next start (yielding through the last
/// <see cref="ExecutorOptions.SpinWindow"/> when arrivals are sparse), and starts each due request itself; it never
/// awaits a response. Latency is measured from the SCHEDULED start (so a stalled server shows up in the percentiles instead of
/// silently slowing the load: no coordinated omission); service time from the actual send; lateness (actual send minus
/// schedule) has its own histogram. Above <see cref="ExecutorOptions.MaxInFlight"/> arrivals are dropped and counted.</para>
/// </summary>
public sealed class OpenModelExecutor : IExecutor
{
    private readonly ArrivalSchedule _schedule;
    private readonly ILoadTarget _target;
    private readonly RunRecorder _recorder;
    private readonly ExecutorOptions _options;
    private readonly TimeProvider _time;
    private readonly StepLookup _steps;
    private readonly TimeoutBuckets _timeouts;
    private readonly long _lateThresholdTs;
    private readonly double _tsToUs;
    private long _inFlight;

    public OpenModelExecutor(ArrivalSchedule schedule, ILoadTarget target, RunRecorder recorder, ExecutorOptions options, TimeProvider time)
    {
        options.Validate();
        _schedule = schedule;
        _target = target;
        _recorder = recorder;
        _options = options;
        _time = time;
        _steps = new StepLookup(schedule.Profile.Steps);
        _timeouts = new TimeoutBuckets(options.RequestTimeout, time);
        _lateThresholdTs = (long)(options.LateThreshold.TotalSeconds * time.TimestampFrequency);
        _tsToUs = 1e6 / time.TimestampFrequency;
    }

    /// <summary>Requests sent and not yet completed.</summary>
    public long InFlight => Volatile.Read(ref _inFlight);

    /// <summary>
    /// Sends the schedule, the first arrival at offset 0 = <paramref name="startTimestamp"/> (a
    /// <see cref="TimeProvider.GetTimestamp"/> value). Completes when every arrival was sent or dropped, or when
    /// <paramref name="stopSending"/> fires; requests still in flight go on (see <see cref="InFlight"/>).
    /// </summary>
    public Task RunAsync(long startTimestamp, CancellationToken stopSending)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                Dispatch(startTimestamp, stopSending);
                done.SetResult();
            }
            catch (Exception e)
            {
                done.SetException(e);
            }
        })
        {
            IsBackground = true,
            Name = "loadlab-dispatcher",
            Priority = ThreadPriority.AboveNormal,
        };
        thread.Start();
        return done.Task;
    }

    private void Dispatch(long startTs, CancellationToken stop)
    {
        var freq = (double)_time.TimestampFrequency;
        var ticksToTs = freq / TimeSpan.TicksPerSecond;
        var max = _options.MaxInFlight;
        var previousDue = startTs;
        using var sleep = new ProviderSleep(_time, stop);
        foreach (var arrival in _schedule)
        {
            var due = startTs + (long)(arrival.OffsetTicks * ticksToTs);
            if (!WaitUntil(due, previousDue, stop, sleep)) return;
            previousDue = due;
            var steady = _steps.Steady(arrival.Step, arrival.OffsetTicks / (double)TimeSpan.TicksPerSecond);
            _recorder.Offered(steady);
            if (Interlocked.Increment(ref _inFlight) > max)
            {
                Interlocked.Decrement(ref _inFlight);
                _recorder.Dropped(steady);
                continue;
            }
            // Sent from this thread: the synchronous part of a send (request, pooled connection, socket write) is short,
            // and a thread-pool hop would add queueing delay exactly when the machine is busiest.
            _ = SendAsync(arrival.Index, due, steady);
        }
    }

    /// <summary>
    /// Waits until the timestamp; false when stopped first. Sparse schedules (a gap of at least 10 spin windows since
    /// the previous arrival) sleep to within <see cref="ExecutorOptions.SpinWindow"/> and yield through the rest, for
    /// sub-millisecond starts at a CPU cost of at most a tenth of a core. Dense schedules only sleep (1 ms granularity)
    /// and then send everything that came due: spinning between arrivals 100 µs apart would burn a whole core that
    /// the requests need. One path for every clock: each sleep ends at the injected clock's timer or at the thread's
    /// own OS timeout of the same length, whichever comes first (see <see cref="ProviderSleep"/>).
    /// </summary>
    private bool WaitUntil(long due, long previousDue, CancellationToken stop, ProviderSleep sleep)
    {
        if (stop.IsCancellationRequested) return false;
        var msTs = _time.TimestampFrequency / 1000;
        var spinTs = (long)(_options.SpinWindow.TotalSeconds * _time.TimestampFrequency);
        var spin = spinTs > 0 && due - previousDue >= 10 * spinTs;
        while (true)
        {
            var remaining = due - _time.GetTimestamp();
            if (remaining <= 0) return true;
            if (spin && remaining <= spinTs)
            {
                if (stop.IsCancellationRequested) return false;
                Thread.Yield();
                continue;
            }
            var sleepMs = Math.Max(1, (remaining - (spin ? spinTs : 0)) / msTs);
            if (!sleep.Sleep(TimeSpan.FromMilliseconds(sleepMs))) return false;
        }
    }

    /// <summary>
    /// The dispatcher's sleep, in whole milliseconds (the spin window covers the rest): the dispatcher thread blocks
    /// until one reusable timer of the injected clock fires, or its own OS timeout of the same length expires, or the
    /// dispatch is stopped. On a fake clock the timer fires when the test advances it; on the real clock the OS timeout
    /// wakes the thread directly, as precisely as before, where the timer's callback would first wait for a thread-pool
    /// thread (measured in bench/engine: about 1.8 ms later at the median at 1,000 requests/s). Either way the loop
    /// then reads the clock again, so an early wake only sleeps again.
    /// </summary>
    private sealed class ProviderSleep : IDisposable
    {
        private readonly AutoResetEvent _wake = new(false);
        private readonly WaitHandle[] _wakeOrStop;
        private readonly ITimer _timer;

        public ProviderSleep(TimeProvider time, CancellationToken stop)
        {
            _wakeOrStop = [_wake, stop.WaitHandle];
            _timer = time.CreateTimer(static s => ((AutoResetEvent)s!).Set(), _wake, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }

        /// <summary>False when the dispatch was stopped first; true when the timer fired or the OS timeout expired.</summary>
        public bool Sleep(TimeSpan duration)
        {
            _wake.Reset();
            _timer.Change(duration, Timeout.InfiniteTimeSpan);
            return WaitHandle.WaitAny(_wakeOrStop, duration) != 1;
        }

        public void Dispose()
        {
            _timer.Dispose();
            _wake.Dispose();
        }
    }

    private async Task SendAsync(long index, long dueTs, int steady)
    {
        var sendTs = _time.GetTimestamp();
        var lateTs = sendTs - dueTs;
        _recorder.Started((long)(Math.Max(0, lateTs) * _tsToUs), lateTs > _lateThresholdTs);
        RequestOutcome outcome;
        try
        {
            outcome = await _target.SendAsync(index, _timeouts.Next()).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            // ILoadTarget must not throw; if one does, the request is still counted, never lost.
            outcome = OutcomeClassifier.Classify(e, timedOut: false);
        }
        var endTs = _time.GetTimestamp();
        // Time to first token counts from the schedule too: a server that stalls before its first token is not forgiven.
        var ttftUs = outcome.Tokens is { OutputTokens: > 0 } t ? (long)((t.FirstTokenTimestamp - dueTs) * _tsToUs) : 0;
        _recorder.Completed(outcome, (long)((endTs - dueTs) * _tsToUs), (long)((endTs - sendTs) * _tsToUs), steady, ttftUs);
        Interlocked.Decrement(ref _inFlight);
    }
}
