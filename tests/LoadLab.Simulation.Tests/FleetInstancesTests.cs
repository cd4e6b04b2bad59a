using LoadLab.Simulation.Fleet;

namespace LoadLab.Simulation.Tests;

public class FleetInstancesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void New_instances_serve_after_their_startup_and_the_endpoint_is_updating_meanwhile()
    {
        var f = new FleetInstances(2);
        var startups = new Queue<double>([300, 120]);
        f.SetDesired(4, T0, () => startups.Dequeue(), drainS: 30);
        Assert.Equal((2, 2, true), (f.InService, f.Pending, f.Updating));
        f.Advance(T0.AddSeconds(119));
        Assert.Equal(2, f.InService);
        f.Advance(T0.AddSeconds(120));
        Assert.Equal((3, 1), (f.InService, f.Pending));
        f.Advance(T0.AddSeconds(300));
        Assert.Equal((4, 0, false), (f.InService, f.Pending, f.Updating));
    }

    [Fact]
    public void Scale_in_cancels_pending_launches_first_then_drains_in_service_instances()
    {
        var f = new FleetInstances(3);
        f.SetDesired(5, T0, () => 600, drainS: 30);
        f.SetDesired(4, T0.AddSeconds(60), () => 600, drainS: 30);   // cancels one pending launch
        Assert.Equal((3, 1, 0), (f.InService, f.Pending, f.Draining));
        f.SetDesired(2, T0.AddSeconds(60), () => 600, drainS: 30);   // cancels the other, drains one in service
        Assert.Equal((2, 0, 1, 3), (f.InService, f.Pending, f.Draining, f.Billed));
        Assert.True(f.Updating);
        f.Advance(T0.AddSeconds(90));
        Assert.Equal((2, 0, false), (f.Billed, f.Draining, f.Updating));
    }
}
