using System.Net;
using System.Text.Json;
using LoadLab.Aws;
using LoadLab.Aws.CloudWatch;
using LoadLab.Aws.SageMaker;
using LoadLab.Core.AwsApi;
using LoadLab.SimEndpoint.Aws;
using LoadLab.SimEndpoint.Hosting;
using LoadLab.SimEndpoint.Options;
using LoadLab.TestSupport;

namespace LoadLab.SimEndpoint.Tests;

[CollectionDefinition(Name)]
public sealed class SimMotoCollection : ICollectionFixture<MotoServer>
{
    public const string Name = "sim-moto";
}

/// <summary>The sim against a strict-auth moto_server: registration, DescribeEndpoint, scaling and CloudWatch.</summary>
[Collection(SimMotoCollection.Name)]
public sealed class MotoTests(MotoServer moto)
{
    private AwsContext Aws() => moto.CreateAwsContext();

    private SimEndpointServices Services(AwsContext aws) => new()
    {
        Region = moto.Region,
        Log = TextWriter.Null,
        ControlPlane = new SageMakerControlPlane(aws.SageMaker(), "moto"),
        MetricSink = new CloudWatchMetricSink(aws.CloudWatch()),
    };

    [Fact]
    public async Task Metrics_reach_cloudwatch_with_sagemaker_names_dimensions_and_units()
    {
        using var aws = Aws();
        var name = MotoServer.UniqueName("sim-metrics");
        var o = new SimEndpointOptions
        {
            EndpointName = name, MetricsPeriod = TimeSpan.FromSeconds(1),
            ServiceTime = new(ServiceTimeKind.Fixed, TimeSpan.FromMilliseconds(5), 0),
        };
        var start = DateTimeOffset.UtcNow.AddMinutes(-2);
        var sim = await SimHost.StartAsync(o, Services(aws));
        using (var http = new HttpClient())
            for (var k = 0; k < 30; k++)
                Assert.Equal(HttpStatusCode.OK, (await http.PostAsync(sim.InvocationsUrl, SimHost.Json())).StatusCode);
        await sim.StopAsync(); // closes the partial period and publishes it
        Assert.Equal(0, sim.Metrics.FailedCalls);

        MetricDataQuery Q(string id, string ns, string metric, string stat, string? unit = null) => new()
        {
            Id = id,
            MetricStat = new MetricStat
            {
                Metric = new Metric
                {
                    Namespace = ns, MetricName = metric,
                    Dimensions = [new MetricDimension { Name = "EndpointName", Value = name }, new MetricDimension { Name = "VariantName", Value = "AllTraffic" }],
                },
                Period = 60, Stat = stat, Unit = unit,
            },
        };
        var result = await aws.CloudWatch().GetMetricDataAsync(new GetMetricDataRequest
        {
            StartTime = start, EndTime = DateTimeOffset.UtcNow.AddMinutes(2),
            MetricDataQueries =
            [
                Q("inv", "AWS/SageMaker", "Invocations", "Sum"),
                Q("ipi", "AWS/SageMaker", "InvocationsPerInstance", "Sum"),
                Q("lat_n", "AWS/SageMaker", "ModelLatency", "SampleCount", "Microseconds"),
                Q("lat_avg", "AWS/SageMaker", "ModelLatency", "Average", "Microseconds"),
                Q("lat_ms", "AWS/SageMaker", "ModelLatency", "Average", "Milliseconds"),
                Q("ovh", "AWS/SageMaker", "OverheadLatency", "SampleCount", "Microseconds"),
                Q("e5", "AWS/SageMaker", "Invocation5XXErrors", "Sum"),
                Q("cpu", "/aws/sagemaker/Endpoints", "CPUUtilization", "Average", "Percent"),
                Q("mem", "/aws/sagemaker/Endpoints", "MemoryUtilization", "Average", "Percent"),
            ],
        });
        double Sum(string id) => result.MetricDataResults.Single(r => r.Id == id).Values.Sum();
        IReadOnlyList<double> Values(string id) => result.MetricDataResults.Single(r => r.Id == id).Values;
        Assert.Equal(30, Sum("inv"));
        Assert.Equal(30, Sum("ipi"), 9); // one instance; a ratio per period, so compared to 9 decimals, not bit for bit
        Assert.Equal(30, Sum("lat_n"));
        Assert.Equal(30, Sum("ovh"));
        Assert.Equal(0, Sum("e5"));
        Assert.All(Values("lat_avg"), v => Assert.InRange(v, 5_000, 1_000_000)); // microseconds: at least the 5 ms service time
        Assert.Empty(Values("lat_ms")); // stored in Microseconds, not Milliseconds
        Assert.NotEmpty(Values("cpu"));
        Assert.All(Values("mem"), v => Assert.InRange(v, 0.0001, 100));
    }

    [Fact]
    public async Task Registration_scaling_and_describe_endpoint_stay_in_step()
    {
        using var aws = Aws();
        var sm = aws.SageMaker();
        var name = MotoServer.UniqueName("sim-scale");
        var o = new SimEndpointOptions
        {
            EndpointName = name, StartupDelay = TimeSpan.FromSeconds(1), StartupJitter = TimeSpan.Zero,
            ControlPlanePoll = TimeSpan.FromMilliseconds(200), ServiceTime = new(ServiceTimeKind.Fixed, TimeSpan.FromMilliseconds(1), 0),
        };
        await using (var sim = await SimHost.StartAsync(o, Services(aws)))
        {
            Assert.True(sim.Registration!.Created);
            Assert.Contains(name, sim.Registration.EndpointArn);
            var d = await sm.DescribeEndpointAsync(new DescribeEndpointRequest { EndpointName = name });
            Assert.Equal("InService", d.EndpointStatus);
            Assert.Equal(1, d.ProductionVariants.Single().DesiredInstanceCount);

            // 1 -> 3 through the admin API: DescribeEndpoint shows 3 desired; the history shows 3 InService after the delay.
            using (var http = new HttpClient())
                Assert.Equal(HttpStatusCode.OK, (await http.PutAsync(sim.Url + "/admin/instances", SimHost.Json("{\"desired\":3}"))).StatusCode);
            await Eventually(async () => (await sm.DescribeEndpointAsync(new DescribeEndpointRequest { EndpointName = name })).ProductionVariants.Single().DesiredInstanceCount == 3);
            await Eventually(() => Task.FromResult(sim.Fleet.Variants[0].Routable.Length == 3));
            var history = sim.Fleet.History.Snapshot();
            var asked = history.First(p => p.Desired == 3).TimeUtc;
            var ready = history.First(p => p.InService == 3).TimeUtc;
            Assert.InRange(ready - asked, TimeSpan.FromSeconds(0.95), TimeSpan.FromSeconds(10));

            // UpdateEndpointWeightsAndCapacities on the control plane (as Application Auto Scaling does) reaches the fleet.
            await sm.UpdateEndpointWeightsAndCapacitiesAsync(new UpdateEndpointWeightsAndCapacitiesRequest
            {
                EndpointName = name,
                DesiredWeightsAndCapacities = [new DesiredWeightAndCapacity { VariantName = "AllTraffic", DesiredInstanceCount = 2, DesiredWeight = 1 }],
            });
            await Eventually(() => Task.FromResult(sim.Fleet.Variants[0].Desired == 2 && sim.Fleet.Variants[0].Counts() == (0, 2, 0)));
            Assert.Contains(sim.Fleet.History.Snapshot(), p => p.Source == "control-plane" && p.Desired == 2);
        }

        // A second start finds the endpoint and takes its instance count from the control plane.
        await using var again = await SimHost.StartAsync(o, Services(aws));
        Assert.False(again.Registration!.Created);
        Assert.Equal(2, again.Fleet.Variants[0].Desired);
    }

    private static async Task Eventually(Func<Task<bool>> condition)
    {
        var until = DateTime.UtcNow.AddSeconds(15);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < until, "condition not reached within 15 s");
            await Task.Delay(100);
        }
    }
}
