using LoadLab.Engine.Recording;
using LoadLab.Engine.Schedules;
using LoadLab.Engine.Targets;

namespace LoadLab.Engine.Execution;

/// <summary>
/// The closed model: N virtual users, each sending its next request when the previous one ended (plus the optional
/// think time). N follows the profile (constant, steps, ramp, ...), adjusted every
/// <see cref="ExecutorOptions.UserAdjustInterval"/>; a user asked to leave finishes its current request first.
/// Latency equals service time here (there is no schedule to be late against), which is exactly why closed-loop
/// numbers hide stalls; the open model is the default for that reason.
/// </summary>
public sealed class ClosedModelExecutor : IExecutor
{
    private readonly UserSchedule _users;
    private readonly ILoadTarget _target;
    private readonly RunRecorder _recorder;
    private readonly ExecutorOptions _options;
    private readonly TimeProvider _time;
    private readonly StepLookup _steps;
    private readonly TimeoutBuckets _timeouts;
    private readonly double _tsToUs;
    private readonly List<User> _active = [];
    private readonly List<Task> _userTasks = [];
    private long _inFlight;
    private long _sequence;

    public ClosedModelExecutor(UserSchedule users, ILoadTarget target, RunRecorder recorder, ExecutorOptions options, TimeProvider time)
    {
        options.Validate();
        _users = users;
        _target = target;
        _recorder = recorder;
        _options = options;
        _time = time;
        _steps = new StepLookup(users.Profile.Steps);
        _timeouts = new TimeoutBuckets(options.RequestTimeout, time);
        _tsToUs = 1e6 / time.TimestampFrequency;
    }

    public long InFlight => Volatile.Read(ref _inFlight);

    /// <summary>Users currently running.</summary>
    public int ActiveUsers { get { lock (_active) return _active.Count; } }

    public async Task RunAsync(long startTimestamp, CancellationToken stopSending)
    {
        try
        {
            while (!stopSending.IsCancellationRequested)
            {
                var elapsed = _time.GetElapsedTime(startTimestamp);
                if (elapsed >= _users.Duration) break;
                Adjust(_users.UsersAt(elapsed), startTimestamp, stopSending);
                try
                {
                    await Task.Delay(_options.UserAdjustInterval, _time, stopSending).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }
        finally
        {
            Adjust(0, startTimestamp, stopSending);
        }
    }

    private void Adjust(int target, long startTs, CancellationToken stop)
    {
        lock (_active)
        {
            while (_active.Count < target)
            {
                var user = new User();
                _active.Add(user);
                _userTasks.RemoveAll(t => t.IsCompleted);
                _userTasks.Add(Task.Run(() => UserLoopAsync(user, startTs, stop), CancellationToken.None));
            }
            while (_active.Count > target)
            {
                _active[^1].Leave = true;
                _active.RemoveAt(_active.Count - 1);
            }
        }
    }

    private async Task UserLoopAsync(User user, long startTs, CancellationToken stop)
    {
        while (!user.Leave && !stop.IsCancellationRequested)
        {
            var sendTs = _time.GetTimestamp();
            var steady = _steps.Count == 0 ? -1 : _steps.SteadyAt((sendTs - startTs) / (double)_time.TimestampFrequency);
            Interlocked.Increment(ref _inFlight);
            _recorder.StartedClosed(steady);
            RequestOutcome outcome;
            try
            {
                outcome = await _target.SendAsync(Interlocked.Increment(ref _sequence) - 1, _timeouts.Next()).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                outcome = OutcomeClassifier.Classify(e, timedOut: false);
            }
            var us = (long)((_time.GetTimestamp() - sendTs) * _tsToUs);
            var ttftUs = outcome.Tokens is { OutputTokens: > 0 } t ? (long)((t.FirstTokenTimestamp - sendTs) * _tsToUs) : 0;
            _recorder.Completed(outcome, us, us, steady, ttftUs);
            Interlocked.Decrement(ref _inFlight);
            if (_options.ThinkTime > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(_options.ThinkTime, _time, stop).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private sealed class User
    {
        public volatile bool Leave;
    }
}
