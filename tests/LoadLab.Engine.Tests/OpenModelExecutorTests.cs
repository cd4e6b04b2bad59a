using HdrHistogram;
using LoadLab.Core.Scenarios;
using LoadLab.Engine.Execution;
using LoadLab.Engine.Recording;
using LoadLab.Engine.Schedules;
using LoadLab.Engine.Targets;
using Microsoft.Extensions.Time.Testing;

namespace LoadLab.Engine.Tests;

/// <summary>The open-model dispatcher on a fake clock: exact drops, lateness and latency-from-schedule.</summary>
public sealed class OpenModelExecutorTests
{
    /// <summary>Holds every request until <see cref="Release"/>; counts the most ever in flight.</summary>
    private sealed class GatedTarget : ILoadTarget
    {
        private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _inFlight;
        public int MaxInFlight;
        public int Calls;

        public string Describe() => "gated";

        public async ValueTask<RequestOutcome> SendAsync(long sequence, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref Calls);
            var n = Interlocked.Increment(ref _inFlight);
            int seen;
            while ((seen = Volatile.Read(ref MaxInFlight)) < n && Interlocked.CompareExchange(ref MaxInFlight, n, seen) != seen) { }
            await _gate.Task;
            Interlocked.Decrement(ref _inFlight);
            return RequestOutcome.Ok(200);
        }

        public void Release() => _gate.TrySetResult();
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    private static ArrivalSchedule TenPerSecond(double seconds) => ArrivalSchedule.For(new LoadSpec
    {
        Phases = [new PhaseSpec { Shape = PhaseShape.Constant, Rate = 10, Duration = TimeSpan.FromSeconds(seconds) }],
    }, seed: 1);

    private static async Task DriveAsync(FakeTimeProvider time, Task running, TimeSpan step, Func<bool>? until = null)
    {
        for (var i = 0; i < 10_000 && !running.IsCompleted; i++)
        {
            time.Advance(step);
            await Task.Delay(1);
        }
        await running.WaitAsync(TimeSpan.FromSeconds(10));
    }

    private static async Task EventuallyAsync(Func<bool> condition)
    {
        for (var i = 0; i < 500 && !condition(); i++) await Task.Delay(10);
        Assert.True(condition());
    }

    [Fact]
    public async Task Arrivals_beyond_the_in_flight_cap_are_dropped_and_counted_never_queued()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var target = new GatedTarget();
        var recorder = new RunRecorder();
        var executor = new OpenModelExecutor(TenPerSecond(2), target, recorder, new ExecutorOptions { MaxInFlight = 3 }, time);

        await DriveAsync(time, executor.RunAsync(time.GetTimestamp(), CancellationToken.None), TimeSpan.FromMilliseconds(10));
        await EventuallyAsync(() => recorder.TotalStarted == 3);

        Assert.Equal(20, recorder.TotalOffered);
        Assert.Equal(17, recorder.TotalDropped);
        Assert.Equal(3, recorder.TotalStarted);
        Assert.Equal(3, executor.InFlight);
        Assert.Equal(3, target.MaxInFlight);

        target.Release();
        await EventuallyAsync(() => recorder.TotalCompleted == 3);
        Assert.Equal(0, executor.InFlight);
        var sample = recorder.TakeInterval(time.GetUtcNow().AddSeconds(-1), time.GetUtcNow());
        Assert.Equal(20, sample.Row.Offered);
        Assert.Equal(17, sample.Row.Dropped);
        Assert.Equal(3, sample.Row.Ok);
    }

    [Fact]
    public async Task Latency_counts_from_the_scheduled_start_and_late_starts_are_counted_with_their_lateness()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var target = new GatedTarget();
        var recorder = new RunRecorder();
        var executor = new OpenModelExecutor(TenPerSecond(1), target, recorder, new ExecutorOptions(), time);
        var start = time.GetTimestamp();

        var running = executor.RunAsync(start, CancellationToken.None);
        await EventuallyAsync(() => target.Calls == 1);  // arrival 0 is sent at once, at its schedule
        // The dispatcher oversleeps by a whole second (as a paused process would): arrivals 1..9 go out at t = 1 s.
        time.Advance(TimeSpan.FromSeconds(1));
        await running.WaitAsync(TimeSpan.FromSeconds(10));
        await EventuallyAsync(() => target.Calls == 10);
        target.Release();
        await EventuallyAsync(() => recorder.TotalCompleted == 10);

        Assert.Equal(9, recorder.TotalLate);
        var s = recorder.TakeInterval(time.GetUtcNow().AddSeconds(-1), time.GetUtcNow());
        // Latency from the schedule: 1.0 s for arrival 0, then 0.9, 0.8 ... 0.1 s; never the ~0 s service time.
        Assert.Equal(10, s.OkLatency.TotalCount);
        Assert.InRange(s.OkLatency.GetMaxValue(), 999_000, 1_001_000);
        Assert.InRange(s.OkLatency.GetValueAtPercentile(10), 99_000, 101_000);
        Assert.InRange(s.OkLatency.GetValueAtPercentile(50), 499_000, 501_000);
        // Lateness: 0 for arrival 0, 0.9 s for arrival 1 ... 0.1 s for arrival 9.
        Assert.Equal(10, s.Lateness.TotalCount);
        Assert.InRange(s.Lateness.GetMaxValue(), 899_000, 901_000);
        // Service time (from the actual send): 1 s for arrival 0, ~0 for the others.
        Assert.InRange(s.ServiceTime.GetValueAtPercentile(50), 0, 10);
        Assert.InRange(s.ServiceTime.GetMaxValue(), 999_000, 1_001_000);
    }

    [Fact]
    public async Task Stopping_ends_sending_at_once()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var target = new GatedTarget();
        var recorder = new RunRecorder();
        var executor = new OpenModelExecutor(TenPerSecond(100), target, recorder, new ExecutorOptions(), time);
        using var stop = new CancellationTokenSource();
        var running = executor.RunAsync(time.GetTimestamp(), stop.Token);
        for (var i = 0; i < 50; i++) { time.Advance(TimeSpan.FromMilliseconds(10)); await Task.Delay(1); }
        await stop.CancelAsync();
        await running.WaitAsync(TimeSpan.FromSeconds(10));
        var offered = recorder.TotalOffered;
        Assert.InRange(offered, 1, 10);
        time.Advance(TimeSpan.FromSeconds(10));
        await Task.Delay(50);
        Assert.Equal(offered, recorder.TotalOffered);
        target.Release();
    }
}
