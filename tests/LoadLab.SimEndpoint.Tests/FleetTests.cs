using LoadLab.SimEndpoint.Fleet;
using LoadLab.SimEndpoint.Options;
using Microsoft.Extensions.Time.Testing;

namespace LoadLab.SimEndpoint.Tests;

public sealed class FleetTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static SimEndpointOptions Options(TimeSpan startup, TimeSpan jitter) => new()
    {
        StartupDelay = startup, StartupJitter = jitter, Workers = 2, Queue = 3, Seed = 5,
    };

    [Fact]
    public void Scaling_out_starts_pending_instances_that_go_in_service_after_the_startup_delay()
    {
        var clock = new FakeTimeProvider(T0);
        using var fleet = new SimFleet(Options(TimeSpan.FromSeconds(30), TimeSpan.Zero), clock);
        var v = fleet.Variants[0];
        Assert.Single(v.Routable);

        v.SetDesired(3, "test");
        Assert.Equal((2, 1, 0), v.Counts());
        Assert.Single(v.Routable);

        clock.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal((2, 1, 0), v.Counts());
        clock.Advance(TimeSpan.FromSeconds(1));
        SpinUntil(() => v.Counts() == (0, 3, 0));
        Assert.Equal(3, v.Routable.Length);

        var history = fleet.History.Snapshot();
        Assert.Equal([1, 1, 2, 3], history.Select(p => p.InService));
        Assert.Equal(T0, history[0].TimeUtc);
        Assert.Equal(T0 + TimeSpan.FromSeconds(30), history[^1].TimeUtc);
        Assert.Equal("test", history[1].Source);
    }

    [Fact]
    public void Startup_jitter_spreads_start_times_within_the_bound()
    {
        var clock = new FakeTimeProvider(T0);
        using var fleet = new SimFleet(Options(TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(10)), clock);
        var v = fleet.Variants[0];
        v.SetDesired(6, "test");
        var ready = v.Instances.Where(i => i.ReadyAtUtc is not null).Select(i => i.ReadyAtUtc!.Value - T0).ToArray();
        Assert.Equal(5, ready.Length);
        Assert.All(ready, r => Assert.InRange(r, TimeSpan.FromSeconds(50), TimeSpan.FromSeconds(70)));
        Assert.True(ready.Distinct().Count() > 1);
    }

    [Fact]
    public void Scaling_in_cancels_pending_first_then_drains_in_service_instances()
    {
        var clock = new FakeTimeProvider(T0);
        using var fleet = new SimFleet(Options(TimeSpan.FromSeconds(10), TimeSpan.Zero) with { Instances = 2 }, clock);
        var v = fleet.Variants[0];
        v.SetDesired(3, "test");
        Assert.Equal((1, 2, 0), v.Counts());

        // Busy instance: it must drain before it terminates.
        var busy = v.Routable[1];
        Assert.True(busy.TryAdmit());

        v.SetDesired(1, "test");
        Assert.Equal((0, 1, 1), v.Counts()); // the pending one is gone, the newest in-service one drains
        Assert.Single(v.Routable);
        Assert.NotSame(busy, v.Routable[0]);
        Assert.Equal(InstanceState.Draining, busy.State);

        busy.Leave();
        SpinUntil(() => v.Counts() == (0, 1, 0));
        Assert.Equal(InstanceState.Terminated, busy.State);
        Assert.Contains(fleet.History.Snapshot(), p => p.Event.Contains("drained"));
    }

    [Fact]
    public void Time_scale_compresses_startup_on_the_real_clock()
    {
        var real = new FakeTimeProvider(T0);
        using var fleet = new SimFleet(Options(TimeSpan.FromSeconds(60), TimeSpan.Zero), real, 6);
        Assert.Same(real, fleet.RealTime);
        Assert.Equal(6, fleet.TimeScale);
        var v = fleet.Variants[0];
        v.SetDesired(2, "test");
        real.Advance(TimeSpan.FromSeconds(9.9));
        Assert.Equal((1, 1, 0), v.Counts());
        real.Advance(TimeSpan.FromSeconds(0.1)); // 10 real seconds = 60 emulated
        SpinUntil(() => v.Counts() == (0, 2, 0));
        Assert.Equal(T0 + TimeSpan.FromSeconds(60), fleet.History.Snapshot()[^1].TimeUtc);
    }

    [Fact]
    public async Task An_instance_admits_workers_plus_queue_and_serves_the_queue_in_order()
    {
        var i = new SimInstance("v-1", "v", 1, workers: 2, queue: 2, seed: 1, InstanceState.InService, T0);
        Assert.True(i.TryAdmit() && i.TryAdmit() && i.TryAdmit() && i.TryAdmit());
        Assert.False(i.TryAdmit()); // 2 workers + 2 queued: the fifth is refused (503)

        var w1 = i.AcquireWorkerAsync();
        var w2 = i.AcquireWorkerAsync();
        Assert.True(w1.IsCompleted && w2.IsCompleted);
        var q1 = i.AcquireWorkerAsync().AsTask();
        var q2 = i.AcquireWorkerAsync().AsTask();
        Assert.False(q1.IsCompleted || q2.IsCompleted);
        Assert.Equal(2, i.Queued);

        i.ReleaseWorker();
        await q1.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.False(q2.IsCompleted);
        i.ReleaseWorker();
        await q2.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void Mean_in_service_is_time_weighted()
    {
        var pts = new[]
        {
            new InstanceCountPoint(T0, "v", 1, 0, 1, 0, "initial", "start"),
            new InstanceCountPoint(T0.AddSeconds(30), "v", 3, 0, 3, 0, "up", "test"),
        };
        Assert.Equal(2.0, InstanceHistory.MeanInService(pts, "v", T0, T0.AddSeconds(60)), 9);
        Assert.Equal(3.0, InstanceHistory.MeanInService(pts, "v", T0.AddSeconds(40), T0.AddSeconds(100)), 9);
    }

    [Fact]
    public void Weighted_variant_choice_follows_the_weights()
    {
        var o = new SimEndpointOptions { Variants = [new VariantSpec("a", 3, null), new VariantSpec("b", 1, null)] };
        using var fleet = new SimFleet(o, new FakeTimeProvider(T0));
        var counts = Enumerable.Range(0, 40_000).Select(_ => fleet.ChooseVariant().Name).GroupBy(n => n).ToDictionary(g => g.Key, g => g.Count());
        Assert.InRange(counts["a"] / 40_000.0, 0.73, 0.77);
        fleet.SetWeight("a", 0);
        Assert.All(Enumerable.Range(0, 100), _ => Assert.Equal("b", fleet.ChooseVariant().Name));
    }

    /// <summary>Startup and drain completions run on the thread pool after the fake clock fires.</summary>
    private static void SpinUntil(Func<bool> condition)
    {
        Assert.True(SpinWait.SpinUntil(condition, TimeSpan.FromSeconds(5)), "condition not reached");
    }
}
