using System.Diagnostics;
using System.Net;
using System.Text.Json;
using LoadLab.Aws;
using LoadLab.Aws.ScalingConfig;
using LoadLab.Core.AwsApi;
using LoadLab.Core.RunFiles;
using LoadLab.SimEndpoint.Aws;
using LoadLab.SimEndpoint.Hosting;
using LoadLab.SimEndpoint.Options;
using LoadLab.Simulation;
using LoadLab.Simulation.Autoscaling;
using LoadLab.Simulation.Fleet;
using LoadLab.Simulation.Traffic;
using LoadLab.TestSupport;

namespace LoadLab.SimEndpoint.Tests.Autoscaling;

/// <summary>
/// The autoscaling emulation against strict-auth moto, with time compressed 20x (one emulated minute = 3 real seconds):
/// a policy put into Application Auto Scaling is read back, evaluated on the sim's own published metrics by the
/// simulator's autoscaler, and scales the fleet; activities come back on the admin API in the AWS shape.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SimAutoscalingCollection : ICollectionFixture<MotoServer>
{
    public const string Name = "sim-autoscaling-moto";
}

[Collection(SimAutoscalingCollection.Name)]
[Trait(CompressedClock.Trait, CompressedClock.Value)]
public sealed class AutoscalingEmulationTests(MotoServer moto)
{
    private const double Scale = 20;          // emulated seconds per real second
    private const double Target = 70;         // InvocationsPerInstance per emulated minute
    private const double BaseRps = 20;        // real requests/s: 60 per emulated minute (below the target)
    private const double SloMs = 150;         // client p90
    private static readonly TimeSpan AlarmDelay = TimeSpan.FromSeconds(45);   // emulated

    private AwsContext Aws() => moto.CreateAwsContext();

    [Fact]
    public async Task Three_x_step_scales_out_after_three_high_datapoints_proportionally_recovers_after_startup_and_differs_from_simulate_by_its_alarm_delay()
    {
        using var aws = Aws();
        var name = MotoServer.UniqueName("sim-autoscale");
        var resource = ScalingConstants.VariantResourceId(name, "AllTraffic");
        var options = new SimEndpointOptions
        {
            EndpointName = name, Instances = 1, Workers = 1, Queue = 5000,
            // 50 requests/s per instance: the 3x step (60/s) overloads one instance, three absorb it.
            ServiceTime = new(ServiceTimeKind.Fixed, TimeSpan.FromMilliseconds(20), 0),
            StartupDelay = TimeSpan.FromSeconds(60), StartupJitter = TimeSpan.Zero,
            // Least outstanding requests (SageMaker's RoutingConfig): new instances take new requests while the first drains its backlog.
            Routing = RoutingKind.LeastOutstanding,
            // 10-second (high-resolution) periods, as the demo publishes: the emulation sums them per minute as CloudWatch would.
            MetricsPeriod = TimeSpan.FromSeconds(10), TimeScale = Scale, Autoscale = true,
            // The emulation's own alarm delay (publication and evaluation), fixed here so the test can name it exactly.
            AutoscaleAlarmDelay = AlarmDelay, AutoscaleAlarmJitter = TimeSpan.Zero,
        };
        var services = new SimEndpointServices
        {
            Region = moto.Region, Log = TextWriter.Null,
            ControlPlane = new SageMakerControlPlane(aws.SageMaker(), "moto"),
            MetricSink = new CloudWatchMetricSink(aws.CloudWatch()),
            ScalingConfig = AwsScalingConfigStore.From(aws),
        };
        await using var sim = await SimHost.StartAsync(options, services);

        var aas = aws.ApplicationAutoScaling();
        await aas.RegisterScalableTargetAsync(new RegisterScalableTargetRequest { ResourceId = resource, MinCapacity = 1, MaxCapacity = 6 });
        await aas.PutScalingPolicyAsync(new PutScalingPolicyRequest
        {
            PolicyName = "ipi-target", ResourceId = resource, PolicyType = PolicyTypes.TargetTrackingScaling,
            TargetTrackingScalingPolicyConfiguration = new TargetTrackingScalingPolicyConfiguration
            {
                TargetValue = Target, ScaleOutCooldown = 120, ScaleInCooldown = 600,
                PredefinedMetricSpecification = new PredefinedMetricSpecification { PredefinedMetricType = ScalingConstants.InvocationsPerInstanceMetric },
            },
        });

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        // Start the step on a fresh emulated minute after two minutes at the base rate.
        var load = new PacedLoad(http, sim.InvocationsUrl);
        var baseUntil = load.Clock.Elapsed + RealUntilMinuteBoundary(sim, 2);
        await load.RunAsync(BaseRps, baseUntil);
        var stepEmulated = sim.Fleet.Time.GetUtcNow();
        var stepReal = load.Clock.Elapsed;

        // 3x until the scale-out, then long enough for the startup delay (3 s real) and the backlog to clear.
        var scaledOutAt = TimeSpan.Zero;
        var deadline = stepReal + TimeSpan.FromSeconds(40);
        while (load.Clock.Elapsed < deadline)
        {
            await load.RunAsync(3 * BaseRps, load.Clock.Elapsed + TimeSpan.FromSeconds(0.5));
            if (scaledOutAt == TimeSpan.Zero && sim.Fleet.Variants[0].Desired > 1)
            {
                scaledOutAt = load.Clock.Elapsed;
                deadline = scaledOutAt + TimeSpan.FromSeconds(12);
            }
        }
        await load.DrainAsync();
        Assert.NotEqual(TimeSpan.Zero, scaledOutAt);

        var doc = await GetJson(http, sim.Url + "/admin/scaling-activities");
        var activities = doc.RootElement.GetProperty("ScalingActivities").EnumerateArray().Reverse().ToList();
        var first = activities.First(a => a.GetProperty("Description").GetString()!.StartsWith("Setting desired instance count", StringComparison.Ordinal));
        Assert.Equal(resource, first.GetProperty("ResourceId").GetString());
        Assert.Equal("sagemaker", first.GetProperty("ServiceNamespace").GetString());
        Assert.Equal(ScalingConstants.VariantDesiredInstanceCount, first.GetProperty("ScalableDimension").GetString());
        Assert.Equal("Successful", first.GetProperty("StatusCode").GetString());
        Assert.False(string.IsNullOrEmpty(first.GetProperty("ActivityId").GetString()));
        Assert.Contains("ipi-target", first.GetProperty("Cause").GetString());
        var start = first.GetProperty("StartTime").GetDateTimeOffset();
        var end = first.GetProperty("EndTime").GetDateTimeOffset();
        Assert.True(end - start >= TimeSpan.FromSeconds(55), $"fulfilled after the 60 s startup, took {end - start}");

        // The high alarm: three one-minute datapoints above the target, and the decision at the end of the third.
        var minutes = sim.Metrics.Summaries().Where(s => s.Invocations > 0).GroupBy(s => Floor(s.PeriodStartUtc))
            .ToDictionary(g => g.Key, g => (Start: g.Key, Ipi: g.Sum(s => s.InvocationsPerInstance)));
        // The decision is the boundary's (minute-aligned); the fleet got it the alarm delay later.
        var boundary = start - AlarmDelay;
        Assert.Equal(0, boundary.UtcTicks % TimeSpan.TicksPerMinute);
        var last3 = Enumerable.Range(1, 3).Select(k => minutes[boundary.AddMinutes(-k)]).ToList();
        Assert.All(last3, m => Assert.True(m.Ipi > Target, $"minute {m.Start:HH:mm} IPI {m.Ipi}; {load.Dropped} start(s) dropped by a stalled test host"));
        Assert.True(boundary.AddMinutes(-3) >= Floor(stepEmulated), "no scale-out before three datapoints of the step");
        Assert.True(boundary <= Floor(stepEmulated).AddMinutes(4), $"decided at {boundary:HH:mm:ss}, step at {stepEmulated:HH:mm:ss}");
        // Proportional: ceil(1 x IPI / target) from the datapoint that tripped it.
        var expected = (int)Math.Ceiling(1 * last3[0].Ipi / Target);
        Assert.True(expected == 3, $"scaled to {expected}, not 3: the tripping minutes' IPI were {string.Join(", ", last3.Select(m => $"{m.Start:HH:mm} {m.Ipi:0.#}"))}; " +
            $"{load.Dropped} start(s) dropped by a stalled test host");
        using var details = JsonDocument.Parse(first.GetProperty("Details").GetString()!);
        Assert.Equal(1, details.RootElement.GetProperty("From").GetInt32());
        var to = details.RootElement.GetProperty("To").GetInt32();
        // A decision below the full minute's size can mean the emulator evaluated before the pump closed the minute's last
        // period (it waits the pump period plus 2 real seconds, then evaluates what it has).
        Assert.True(to == expected, $"the emulator scaled to {to}, the tripping minute's IPI gives {expected}; activity details: {details.RootElement}");
        // Later decisions read minutes in which the new instances were not yet in service (the alarm delay), so the fleet
        // may grow past the first decision, never past MaxCapacity.
        Assert.InRange(sim.Fleet.Variants[0].Counts().InService, expected, 6);

        // Latency: over the SLO while one instance carried 3x, back under it once the new instances are in service.
        var realStartup = TimeSpan.FromSeconds(60 / Scale);
        var overloaded = load.P90(stepReal + TimeSpan.FromSeconds(4), scaledOutAt);
        var recovered = load.P90(scaledOutAt + realStartup + TimeSpan.FromSeconds(3), load.Clock.Elapsed);
        Assert.True(overloaded > SloMs, $"p90 while overloaded {overloaded:0} ms");
        Assert.True(recovered < SloMs, $"p90 after the startup delay {recovered:0} ms");

        // The same traffic through `simulate`'s model gives the same scaling times and sizes.
        var counted = sim.Metrics.Summaries().Where(s => s.PeriodStartUtc >= boundary.AddMinutes(-8) && s.PeriodStartUtc < boundary.AddMinutes(2)).ToList();
        var firstMinute = counted.First(s => s.Invocations > 0).PeriodStartUtc;
        var traffic = TrafficSeries.FromPoints(counted.Where(s => s.PeriodStartUtc >= firstMinute).Select(s => (s.PeriodStartUtc, (double)s.Invocations)).ToList(), "sim minutes");
        var config = ScalingConfiguration.TargetTracking(1, 6, Target, 120, 600);
        var fleet = new FleetModel
        {
            Curve = new LatencyCurve { Kind = "linear", L0Ms = 20 },
            CapacityIpm = 50 * 60 / Scale, SustainableIpm = 45 * 60 / Scale, SloMs = SloMs,
            StartupS = 60, StartupJitterFraction = 0, DrainS = 0,
        };
        var predicted = Simulator.Run("same-traffic", "", config, traffic, fleet, new SimulationOptions { InitialCapacity = 1 });
        var predictedOut = predicted.Events.First(e => e.To > e.From);
        // The same decision on the same boundary; the model does not know the alarm delay, so it is early by exactly that.
        Assert.Equal(boundary, predictedOut.TimeUtc);
        Assert.Equal(AlarmDelay, start - predictedOut.TimeUtc);
        Assert.Equal(expected, predictedOut.To);
    }

    [Fact]
    public async Task Registering_a_min_capacity_above_the_fleet_raises_it_and_records_the_activity_without_traffic()
    {
        using var aws = Aws();
        var name = MotoServer.UniqueName("sim-autoscale-min");
        var resource = ScalingConstants.VariantResourceId(name, "AllTraffic");
        await using var sim = await SimHost.StartAsync(new SimEndpointOptions
        {
            EndpointName = name, Instances = 1, StartupDelay = TimeSpan.FromSeconds(20), StartupJitter = TimeSpan.Zero, TimeScale = Scale,
        }, new SimEndpointServices
        {
            Region = moto.Region, Log = TextWriter.Null,
            ControlPlane = new SageMakerControlPlane(aws.SageMaker(), "moto"),
            MetricSink = new CloudWatchMetricSink(aws.CloudWatch()),
            ScalingConfig = AwsScalingConfigStore.From(aws),   // Autoscale unset: on, because the sim is registered
        });
        await aws.ApplicationAutoScaling().RegisterScalableTargetAsync(new RegisterScalableTargetRequest { ResourceId = resource, MinCapacity = 2, MaxCapacity = 4 });

        using var http = new HttpClient();
        var until = DateTime.UtcNow.AddSeconds(20);
        JsonElement? activity = null;
        while (DateTime.UtcNow < until && activity is null)
        {
            await Task.Delay(250);
            using var doc = await GetJson(http, sim.Url + "/admin/scaling-activities");
            foreach (var a in doc.RootElement.GetProperty("ScalingActivities").EnumerateArray())
                if (a.GetProperty("StatusCode").GetString() == "Successful") activity = a.Clone();
        }
        Assert.NotNull(activity);
        Assert.Equal("Setting desired instance count to 2.", activity!.Value.GetProperty("Description").GetString());
        Assert.Contains("capacity bounds", activity.Value.GetProperty("Cause").GetString());
        Assert.Equal(2, sim.Fleet.Variants[0].Desired);
        Assert.Equal(2, sim.Fleet.Variants[0].Counts().InService);
    }

    private static DateTimeOffset Floor(DateTimeOffset t) => new(t.UtcTicks - t.UtcTicks % TimeSpan.TicksPerMinute, TimeSpan.Zero);

    /// <summary>Real time until the emulated clock reaches the start of the <paramref name="minutes"/>-th next minute.</summary>
    private static TimeSpan RealUntilMinuteBoundary(SimEndpointHandle sim, int minutes)
    {
        var now = sim.Fleet.Time.GetUtcNow();
        var boundary = Floor(now).AddMinutes(minutes);
        return TimeSpan.FromTicks((long)((boundary - now).Ticks / Scale));
    }

    private static async Task<JsonDocument> GetJson(HttpClient http, string url)
    {
        using var r = await http.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        return JsonDocument.Parse(await r.Content.ReadAsStringAsync());
    }
}

/// <summary>
/// An open-model load: requests at a fixed rate, each timed from its scheduled start. A start missed by more than
/// <see cref="MaxLateness"/> (the test host was stalled) is dropped and counted, as k6's arrival-rate executors do:
/// sent late in a burst, it would land in the next emulated minute (100 ms real is 2 s emulated at x20) and inflate
/// that minute's invocations per instance.
/// </summary>
internal sealed class PacedLoad(HttpClient http, string url)
{
    public static readonly TimeSpan MaxLateness = TimeSpan.FromMilliseconds(100);

    private readonly List<Task> _inFlight = [];
    private readonly List<(TimeSpan Start, double Ms)> _done = [];
    private TimeSpan _next;

    public Stopwatch Clock { get; } = Stopwatch.StartNew();

    /// <summary>Starts missed by more than <see cref="MaxLateness"/>.</summary>
    public int Dropped { get; private set; }

    public async Task RunAsync(double rps, TimeSpan until)
    {
        var gap = TimeSpan.FromSeconds(1 / rps);
        if (_next < Clock.Elapsed - gap) _next = Clock.Elapsed;
        while (_next < until)
        {
            var wait = _next - Clock.Elapsed;
            if (wait > TimeSpan.FromMilliseconds(1)) await Task.Delay(wait);
            var scheduled = _next;
            _next += gap;
            if (Clock.Elapsed - scheduled > MaxLateness)
            {
                Dropped++;
                continue;
            }
            _inFlight.Add(SendAsync(scheduled));
        }
    }

    private async Task SendAsync(TimeSpan scheduled)
    {
        using var r = await http.PostAsync(url, SimHost.Json());
        var ms = (Clock.Elapsed - scheduled).TotalMilliseconds;
        lock (_done) _done.Add((scheduled, ms));
    }

    public Task DrainAsync() => Task.WhenAll(_inFlight);

    /// <summary>p90 latency of requests scheduled in [from, to).</summary>
    public double P90(TimeSpan from, TimeSpan to)
    {
        double[] ms;
        lock (_done) ms = _done.Where(d => d.Start >= from && d.Start < to).Select(d => d.Ms).Order().ToArray();
        Assert.NotEmpty(ms);
        return ms[(int)Math.Min(ms.Length - 1, Math.Ceiling(0.9 * ms.Length) - 1)];
    }
}
