using LoadLab.Engine.Progress;
using LoadLab.Telemetry.Sinks;

namespace LoadLab.Telemetry.Tests;

/// <summary>An output that cannot keep up drops and counts, and never makes the reporter wait; one that throws is counted.</summary>
public sealed class BoundedSinkTests
{
    private sealed class GatedSink(int capacity) : BoundedSink("gated", capacity, TimeProvider.System)
    {
        public readonly TaskCompletionSource Gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public int Handled;

        protected override async ValueTask HandleAsync(TelemetryItem item)
        {
            await Gate.Task;
            Interlocked.Increment(ref Handled);
        }
    }

    private sealed class ThrowingSink() : BoundedSink("throwing", 16, TimeProvider.System)
    {
        protected override ValueTask HandleAsync(TelemetryItem item) => throw new InvalidOperationException("collector said no");
    }

    private static ProgressSnapshot Second(int i) =>
        new(TimeSpan.FromSeconds(i), TimeSpan.FromSeconds(100), "phase 1 (constant)", 10, 10, 10, 5, 9, 0, 0, 1, i * 10, 0, false);

    [Fact]
    public async Task A_stuck_output_drops_what_its_queue_cannot_hold_and_counts_it()
    {
        var sink = new GatedSink(capacity: 4);
        for (var i = 0; i < 100; i++) sink.Report(Second(i)); // returns at once: the consumer is stuck

        Assert.Equal(100, sink.Accepted + sink.Dropped);
        // The queue holds 4, and the consumer may have taken one off before it stuck.
        Assert.InRange(sink.Dropped, 95, 96);
        var warning = sink.DropWarning();
        Assert.NotNull(warning);
        Assert.Contains($"dropped {sink.Dropped} of 100 items", warning, StringComparison.Ordinal);

        sink.Gate.SetResult();
        await sink.DisposeAsync();
        Assert.Equal(sink.Accepted, sink.Handled);
    }

    [Fact]
    public async Task An_output_that_throws_is_counted_and_keeps_going()
    {
        var sink = new ThrowingSink();
        sink.Started("s", "t", "d", TimeSpan.FromSeconds(1));
        sink.Report(Second(1));
        sink.Finished("done");
        await sink.DisposeAsync();
        Assert.Equal(3, sink.Failed);
        Assert.Contains("failed on 3 items (first: collector said no)", sink.DropWarning(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_output_that_keeps_up_gives_no_warning()
    {
        var sink = new GatedSink(capacity: 256);
        sink.Gate.SetResult();
        for (var i = 0; i < 100; i++) sink.Report(Second(i));
        await sink.DisposeAsync();
        Assert.Equal(100, sink.Handled);
        Assert.Null(sink.DropWarning());
    }

    [Fact]
    public void Fan_out_reaches_every_receiver_even_when_one_throws()
    {
        var reached = new List<string>();
        var fan = new FanOutProgress([new Recording("a", reached, throws: true), new Recording("b", reached, throws: false)]);
        fan.Report(Second(1));
        fan.Event(new RunEvent(TimeSpan.Zero, "phase_start", "phase 1"));
        Assert.Equal(["a:report", "b:report", "a:event", "b:event"], reached);
    }

    private sealed class Recording(string name, List<string> log, bool throws) : IRunProgress
    {
        public void Started(string scenario, string target, string runDirectory, TimeSpan duration) { }
        public void Report(ProgressSnapshot snapshot) { log.Add(name + ":report"); if (throws) throw new InvalidOperationException("display broke"); }
        public void Finished(string summary) { }
        public void Event(RunEvent runEvent) { log.Add(name + ":event"); if (throws) throw new InvalidOperationException("display broke"); }
    }
}
