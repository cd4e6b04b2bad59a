using LoadLab.Core.RunFiles;
using System.Globalization;
using LoadLab.Core.Scenarios;
using LoadLab.Core.Thresholds;
using LoadLab.Engine.Progress;
using LoadLab.Engine.Recording;
using LoadLab.Engine.Targets;

namespace LoadLab.Engine.Running;

/// <summary>
/// The once-a-second loop of a run, off the request path: closes the interval, appends timeline.csv and
/// latency.hlog, feeds progress, and decides early stops (an all-failing start; abortOnFail thresholds).
/// </summary>
internal sealed class Reporter(
    LoadRunRequest request, RunRecorder recorder, RateProfile profile, IReadOnlyList<Threshold> thresholds,
    TimelineCsv.Writer timeline, LatencyLogWriter hlog, DateTimeOffset startUtc, long startTs, LoadRunner.StopState state,
    CancellationTokenSource stopSending, LiveInstances instances)
{
    private int _lastPhase = -1;
    private readonly TimeProvider _time = request.Time;
    private long _intervals; // closed intervals so far (interval k covers [k, k+1) seconds)
    private bool _failFastDecided;
    private TimeSpan _nextThresholdCheck = request.AbortOnFailAfter;

    public volatile bool Draining;

    public async Task RunAsync(CancellationToken stop)
    {
        var freq = _time.TimestampFrequency;
        while (true)
        {
            var due = startTs + (_intervals + 1) * freq;
            var remaining = due - _time.GetTimestamp();
            if (remaining > 0)
            {
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(remaining / (double)freq), _time, stop).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
            Close(startUtc.AddSeconds(_intervals + 1));
        }
    }

    /// <summary>Closes the last (partial) interval at the end of the run, if anything happened in it.</summary>
    public void Flush(DateTimeOffset endUtc)
    {
        var start = startUtc.AddSeconds(_intervals);
        if (endUtc > start) Close(endUtc);
    }

    private void Close(DateTimeOffset end)
    {
        var start = startUtc.AddSeconds(_intervals);
        var sample = recorder.TakeInterval(start, end);
        timeline.Append(sample.Row);
        hlog.Append(sample);
        var okLatency = LatencyBuckets.Of(sample.OkLatency);
        recorder.Recycle(sample);
        _intervals++;

        var elapsed = end - startUtc;
        var seconds = Math.Max(1e-3, (end - start).TotalSeconds);
        var phase = profile.PhaseIndexAt(elapsed - TimeSpan.FromTicks(1));
        var phaseStarted = profile.PhaseIndexAt(start - startUtc);
        if (phaseStarted > _lastPhase)
        {
            // Seen from the reporter's one-second grain: the second in which the phase began.
            _lastPhase = phaseStarted;
            request.Progress.Event(new RunEvent(start - startUtc, "phase_start", Describe(profile.Phases[phaseStarted])) { Value = phaseStarted + 1 });
        }
        request.Progress.Report(new ProgressSnapshot(
            elapsed, profile.Duration, phase >= 0 ? Describe(profile.Phases[phase]) : "end",
            sample.Row.Offered / seconds, sample.Row.Completed / seconds, profile.RateAt(elapsed - TimeSpan.FromTicks(1)) / request.Shard.Count,
            sample.Row.P50Ms, sample.Row.P99Ms, sample.Row.Errors, sample.Row.Dropped, recorder.InFlight,
            recorder.TotalCompleted, recorder.TotalErrors, Draining)
        {
            Row = sample.Row,
            Step = StepAt(elapsed.TotalSeconds - 1e-7),
            Instances = instances.Current,
            OkLatency = okLatency,
        });

        CheckFailFast(elapsed);
        CheckThresholds(elapsed);
    }

    private int StepAt(double seconds)
    {
        foreach (var step in profile.Steps)
            if (seconds >= step.SteadyStartSeconds && seconds < step.EndSeconds) return step.Index;
        return -1;
    }

    private static string Describe(ProfilePhase p) => string.Create(CultureInfo.InvariantCulture, $"phase {p.Index + 1} ({p.Shape.ToString().ToLowerInvariant()})");

    /// <summary>Every request of the first seconds failed: stop and say why instead of measuring a dead target.</summary>
    private void CheckFailFast(TimeSpan elapsed)
    {
        if (_failFastDecided) return;
        var completed = recorder.TotalCompleted;
        var ok = recorder.TotalOk;
        if (ok > 0)
        {
            _failFastDecided = true;
            return;
        }
        var windowOver = elapsed >= request.FailFastWindow;
        if (windowOver) _failFastDecided = true;
        if (completed == 0 || (!windowOver && completed < request.FailFastMinRequests)) return;
        var summary = FailureSummary(completed, elapsed);
        if (!state.Stop(summary, RunStopCause.TargetFailed)) return;
        request.Progress.Event(new RunEvent(elapsed, "abort", summary));
        stopSending.Cancel();
    }

    private string FailureSummary(long completed, TimeSpan elapsed)
    {
        var parts = new List<string>();
        foreach (var c in Enum.GetValues<OutcomeClass>())
        {
            if (c == OutcomeClass.Ok) continue;
            var n = recorder.CountOf(c);
            if (n == 0) continue;
            var detail = recorder.LastDetail(c);
            parts.Add(detail is null || detail == c.Describe() ? $"{n} {c.Describe()}" : $"{n} {c.Describe()} ({detail})");
        }
        return string.Create(CultureInfo.InvariantCulture,
            $"the target failed every request of the first {Math.Ceiling(elapsed.TotalSeconds):0} s ({completed} requests: {string.Join(", ", parts)}); stopped early");
    }

    private void CheckThresholds(TimeSpan elapsed)
    {
        if (!request.Scenario.AbortOnFail || thresholds.Count == 0 || Draining || elapsed < _nextThresholdCheck) return;
        _nextThresholdCheck = elapsed + request.AbortOnFailEvery;
        var outcomes = ThresholdEvaluator.EvaluateAll(thresholds, LoadRunner.Metrics(recorder, elapsed.TotalSeconds));
        var failed = outcomes.FirstOrDefault(o => !o.Passed);
        if (failed is null) return;
        request.Progress.Event(new RunEvent(elapsed, "threshold_breach", $"threshold '{failed.Threshold.Expression}' failed ({failed.Detail})"));
        var reason = $"abortOnFail: threshold '{failed.Threshold.Expression}' failed at {elapsed.TotalSeconds:0} s ({failed.Detail})";
        if (!state.Stop(reason, RunStopCause.AbortOnFail)) return;
        request.Progress.Event(new RunEvent(elapsed, "abort", reason));
        stopSending.Cancel();
    }
}
