using LoadLab.Aws.ScalingConfig;
using LoadLab.SimEndpoint.Aws;
using LoadLab.SimEndpoint.Hosting;
using LoadLab.SimEndpoint.Options;
using LoadLab.TestSupport;
using LoadLab.Verify.Observers;
using LoadLab.Verify.Probe;

namespace LoadLab.Verify.Tests;

/// <summary>
/// `loadlab probe-startup` on the local stack: UpdateEndpointWeightsAndCapacities goes to strict-auth moto, the sim
/// endpoint (registered there, time x20) picks the new desired count up from DescribeEndpoint and starts an instance
/// after its own startup delay, and the probe reads the real instance counts from the sim's admin API (moto's
/// DescribeEndpoint reports the new count at once, so it could not measure anything).
/// </summary>
[Collection(VerifyMotoCollection.Name)]
[Trait(CompressedClock.Trait, CompressedClock.Value)]
public sealed class StartupProbeTests(MotoServer moto)
{
    private const double Scale = 20;

    [Fact]
    public async Task The_probe_measures_the_sims_startup_within_its_resolution_and_sets_the_count_back()
    {
        using var aws = moto.CreateAwsContext();
        var name = MotoServer.UniqueName("probe");
        var startup = TimeSpan.FromSeconds(60);
        await using var sim = await SimEndpointHost.StartAsync(new SimEndpointOptions
        {
            Port = 0, EndpointName = name, Instances = 1, StartupDelay = startup, StartupJitter = TimeSpan.Zero,
            TimeScale = Scale, ControlPlanePoll = TimeSpan.FromMilliseconds(200),
        }, new SimEndpointServices
        {
            Region = moto.Region, Log = TextWriter.Null,
            ControlPlane = new SageMakerControlPlane(aws.SageMaker(), "moto"),
            MetricSink = new CloudWatchMetricSink(aws.CloudWatch()),
            ScalingConfig = AwsScalingConfigStore.From(aws),
        });

        using var observer = new SimAdminObserver(new Uri(sim.Url), "AllTraffic", TimeProvider.System);
        var probe = new StartupProbe(observer, aws.SageMaker(), name, "AllTraffic", TimeProvider.System);
        var events = new List<StartupProbeEvent>();
        var every = TimeSpan.FromMilliseconds(250);   // 5 s of the sim's clock
        var file = await probe.RunAsync(new StartupProbeOptions { SampleEvery = every, Timeout = TimeSpan.FromSeconds(30) }, events.Add);

        Assert.Equal(1, file.DesiredBefore);
        Assert.Equal(2, file.DesiredDuringProbe);
        Assert.True(file.Restored);
        Assert.Equal(5, file.ResolutionS, 1);
        Assert.NotNull(file.StartupS);
        // The sim starts the instance 60 s (its clock) after it sees the new count: it polls moto every 200 ms real
        // (4 s of its clock), and the probe sees it at its next sample (5 s): 60 s to 60 + 4 + 5 s, plus a stalled host's second.
        Assert.InRange(file.StartupS!.Value, startup.TotalSeconds, startup.TotalSeconds + 4 + 5 + 20);
        Assert.IsType<StartupProbeEvent.Raised>(events[0]);
        Assert.IsType<StartupProbeEvent.Restoring>(events[^1]);
        Assert.Contains(file.Samples, s => s.CurrentInstances == 2 && s.Status == "InService");

        // Set back: the sim drains to one instance again once it sees the restored count.
        var until = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < until && sim.Fleet.Variants[0].Desired != 1) await Task.Delay(100);
        Assert.Equal(1, sim.Fleet.Variants[0].Desired);
    }

    [Fact]
    public async Task An_endpoint_that_is_not_settled_is_refused_before_anything_changes()
    {
        using var aws = moto.CreateAwsContext();
        var name = MotoServer.UniqueName("probe-busy");
        await using var sim = await SimEndpointHost.StartAsync(new SimEndpointOptions
        {
            Port = 0, EndpointName = name, Instances = 1, StartupDelay = TimeSpan.FromSeconds(600), StartupJitter = TimeSpan.Zero,
            TimeScale = 1, ControlPlanePoll = TimeSpan.FromMilliseconds(200),
        }, new SimEndpointServices
        {
            Region = moto.Region, Log = TextWriter.Null,
            ControlPlane = new SageMakerControlPlane(aws.SageMaker(), "moto"),
            MetricSink = new CloudWatchMetricSink(aws.CloudWatch()),
            ScalingConfig = AwsScalingConfigStore.From(aws),
        });
        sim.Fleet.Variants[0].SetDesired(2, "test");   // an instance starting for the next ten minutes

        using var observer = new SimAdminObserver(new Uri(sim.Url), "AllTraffic", TimeProvider.System);
        var probe = new StartupProbe(observer, aws.SageMaker(), name, "AllTraffic", TimeProvider.System);
        var e = await Assert.ThrowsAsync<LoadLab.Core.Errors.TargetFailedException>(() => probe.RunAsync(new StartupProbeOptions()));
        Assert.Contains("probe when it is settled", e.Message);
        Assert.Equal(2, sim.Fleet.Variants[0].Desired);
    }

    [Fact]
    public void Options_out_of_range_name_their_flag()
    {
        var problems = new StartupProbeOptions { SampleEvery = TimeSpan.FromMilliseconds(10), Timeout = TimeSpan.FromHours(3) }.Validate();
        Assert.Equal(["--sample-every", "--timeout"], problems.Select(p => p.Field));
    }
}
