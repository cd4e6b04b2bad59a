using LoadLab.Core.RunFiles;
using LoadLab.Simulation.Autoscaling;
using LoadLab.Simulation.Fleet;
using LoadLab.Simulation.Traffic;

namespace LoadLab.Simulation;

/// <summary>Options of one simulated run.</summary>
public sealed record SimulationOptions
{
    /// <summary>Seed of the run's randomness (instance startup spread). Same seed, same inputs: same result.</summary>
    public long Seed { get; init; } = 42;
    /// <summary>Instances in service at the start; default: enough for the first minute at the policy's target, within [Min, Max].</summary>
    public int? InitialCapacity { get; init; }
    /// <summary>Keep the per-minute timeline and the scale events (the report's charts need them; sweeps do not).</summary>
    public bool KeepTimeline { get; init; } = true;
    /// <summary>A scale-in followed by a scale-out within this many minutes counts as a flap.</summary>
    public int FlapWindowMinutes { get; init; } = 30;
    public AutoscalerOptions Autoscaler { get; init; } = AutoscalerOptions.Default;
}

/// <summary>
/// The batch simulator: a loop over the traffic, minute by minute (or 10 s by 10 s when a policy reads a high-resolution
/// metric), around one <see cref="Autoscaler"/> and one <see cref="FleetInstances"/>. Each step: instances whose startup
/// ended enter service; the step's requests join the backlog; the fleet serves up to its capacity; what a full queue
/// cannot hold (<see cref="FleetModel.BacklogLimitS"/>, never beyond the invocation timeout) is shed as errors, which
/// count in the minute's error rate and so in its SLO violation; latency = the fitted curve at the per-instance load plus
/// the backlog's wait, at most a full queue's. The fleet publishes what CloudWatch would (InvocationsPerInstance = Σ requests / InService, nothing in a
/// minute without requests; ConcurrentRequestsPerModel every 10 s) and the autoscaler evaluates at each period's end.
/// Pure and deterministic for a given seed.
/// </summary>
public static class Simulator
{
    // The CLI simulates once per process: skip tiered JIT so the hot loop is optimised from the first candidate.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static CandidateResult Run(string name, string description, ScalingConfiguration config, TrafficSeries traffic, FleetModel fleet,
        SimulationOptions? options = null)
    {
        options ??= new SimulationOptions();
        var stepS = config.MetricPeriodS;
        var subs = 60 / stepS;
        var dt = (double)stepS;
        var start = TrafficSeries.FloorMinute(traffic.StartUtc);
        var rng = new Random(unchecked((int)(options.Seed ^ (options.Seed >> 32))));
        double Startup() => fleet.StartupS * (1 + fleet.StartupJitterFraction * (2 * rng.NextDouble() - 1));

        var first = traffic.PerMinute.Length > 0 ? traffic.PerMinute[0] : 0;
        var sizingIpm = config.PrimaryTarget is { } tgt && config.Policies.OfType<TargetTrackingPolicyModel>().First().MetricName == SimMetrics.InvocationsPerInstance
            ? tgt : fleet.SustainableIpm;
        var initial = Math.Clamp(options.InitialCapacity ?? (int)Math.Ceiling(first / sizingIpm), config.MinCapacity, config.MaxCapacity);
        var autoscaler = new Autoscaler(config, initial, start, options.Autoscaler);
        initial = autoscaler.DesiredCapacity;
        var instances = new FleetInstances(initial);

        var capPerS = fleet.CapacityIpm / 60;
        var timeoutMs = fleet.TimeoutS * 1000;
        var highRes = stepS < 60;
        double backlog = 0, dropped = 0, total = 0, instanceSeconds = 0, violationMinutes = 0, worst = 0;
        var peak = initial;
        var elasticity = new ElasticityAccumulator();
        var timeline = options.KeepTimeline ? new List<SimulationSample>(traffic.Minutes) : null;

        for (var m = 0; m < traffic.PerMinute.Length; m++)
        {
            var minuteStart = start.AddMinutes(m);
            var demand = traffic.PerMinute[m];
            double ipm = 0, minuteDropped = 0, minuteWorst = 0, supply = 0;
            for (var s = 0; s < subs; s++)
            {
                var t = minuteStart.AddSeconds(s * stepS);
                instances.Advance(t);
                var n = instances.InService;
                supply += n;
                instanceSeconds += instances.Billed * dt;
                var a = demand / subs;
                total += a;

                // Serve: backlog first (FIFO), up to n instances' capacity in this step.
                var capacity = n * capPerS * dt;
                var queued = backlog + a;
                var served = Math.Min(queued, capacity);
                backlog = queued - served;
                // The finite queue: what an instance cannot hold is shed (a 503 from a full queue) and counts as an error.
                var maxBacklog = n * capPerS * fleet.BacklogLimitS;
                if (backlog > maxBacklog)
                {
                    minuteDropped += backlog - maxBacklog;
                    backlog = maxBacklog;
                }
                double latency;
                if (n == 0) latency = a > 0 ? timeoutMs : 0;
                else
                {
                    var perInstanceIpm = a / dt * 60 / n;
                    var curveLatency = fleet.Curve.PredictMs(Math.Min(perInstanceIpm, 0.98 * fleet.CapacityIpm));
                    if (double.IsNaN(curveLatency) || double.IsInfinity(curveLatency)) curveLatency = timeoutMs;
                    var waitMs = backlog / (n * capPerS) * 1000;
                    latency = Math.Min(Math.Min(curveLatency + waitMs, fleet.FullQueueLatencyMs), timeoutMs);
                    if (highRes)
                    {
                        // Requests in flight per instance (Little's law) plus the backlog: ConcurrentRequestsPerModel.
                        var concurrency = (served / dt * curveLatency / 1000 + backlog) / n;
                        autoscaler.Observe(new MetricDatapoint(SimMetrics.ConcurrentRequestsPerModel, t, concurrency));
                    }
                }
                if (a > 0 && latency > minuteWorst) minuteWorst = latency;
                ipm += n > 0 ? a / n : a;

                var end = t.AddSeconds(stepS);
                if (s == subs - 1 && demand > 0)
                {
                    // SageMaker publishes nothing for a minute without invocations: missing data, not zero.
                    autoscaler.Observe(new MetricDatapoint(SimMetrics.InvocationsPerInstance, minuteStart, ipm));
                    autoscaler.Observe(new MetricDatapoint(SimMetrics.Invocations, minuteStart, demand));
                }
                instances.Advance(end);
                var decision = autoscaler.Evaluate(end, new FleetView(instances.InService, instances.Updating));
                if (decision.DesiredCapacity != instances.InService + instances.Pending)
                    instances.SetDesired(decision.DesiredCapacity, end, Startup, fleet.DrainS);
                if (instances.InService + instances.Pending > peak) peak = instances.InService + instances.Pending;
            }

            dropped += minuteDropped;
            var errorRate = demand > 0 ? minuteDropped / demand : 0;
            if (demand > 0 && (minuteWorst > fleet.SloMs || errorRate > fleet.MaxErrorRate)) violationMinutes++;
            if (minuteWorst > worst) worst = minuteWorst;
            var required = Math.Max(1, Math.Ceiling(demand / fleet.SustainableIpm));
            var avgSupply = supply / subs;
            elasticity.Add(required, avgSupply);
            timeline?.Add(new SimulationSample(minuteStart, demand, required, autoscaler.DesiredCapacity, (int)Math.Round(avgSupply),
                ipm, minuteWorst, errorRate));
        }

        var activities = autoscaler.Activities;
        var instanceHours = instanceSeconds / 3600;
        return new CandidateResult
        {
            Name = name,
            Description = description,
            TargetValue = config.PrimaryTarget ?? 0,
            ScaleOutCooldownS = config.Policies.OfType<TargetTrackingPolicyModel>().FirstOrDefault()?.ScaleOutCooldownS ?? 0,
            ScaleInCooldownS = config.Policies.OfType<TargetTrackingPolicyModel>().FirstOrDefault()?.ScaleInCooldownS ?? 0,
            SloViolationMinutes = violationMinutes,
            WorstLatencyMs = worst,
            InstanceHours = instanceHours,
            CostUsd = fleet.PricePerInstanceHour is { } price ? instanceHours * price : null,
            ScaleOuts = activities.Count(a => a.To > a.From),
            ScaleIns = activities.Count(a => a.To < a.From),
            Flaps = CountFlaps(activities, options.FlapWindowMinutes),
            Elasticity = elasticity.Result(),
            DroppedRequests = dropped,
            TotalRequests = total,
            PeakInstances = peak,
            Timeline = (IReadOnlyList<SimulationSample>?)timeline ?? [],
            Events = options.KeepTimeline ? activities.Select(ToEvent).ToList() : [],
        };
    }

    public static ScaleEvent ToEvent(ScalingActivity a) => new(a.TimeUtc,
        a.To > a.From ? "scale-out" : a.To < a.From ? "scale-in" : "schedule", a.From, a.To, $"{a.Source}: {a.Cause}");

    /// <summary>Scale-ins undone by a scale-out within <paramref name="windowMinutes"/>: the signature of a too-short scale-in cooldown.</summary>
    public static int CountFlaps(IReadOnlyList<ScalingActivity> activities, int windowMinutes)
    {
        var flaps = 0;
        DateTimeOffset? lastIn = null;
        foreach (var a in activities)
        {
            if (a.To < a.From) lastIn = a.TimeUtc;
            else if (a.To > a.From && lastIn is { } t)
            {
                if ((a.TimeUtc - t).TotalMinutes <= windowMinutes) flaps++;
                lastIn = null;
            }
        }
        return flaps;
    }
}
