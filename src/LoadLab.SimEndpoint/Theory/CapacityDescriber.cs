using LoadLab.SimEndpoint.Options;

namespace LoadLab.SimEndpoint.Theory;

/// <summary>
/// Computes the configured fleet's capacity and its sustainable per-instance load at an SLO by a bisection on the
/// arrival rate over a seeded discrete-event run of one instance (<see cref="QueueSimulation"/>). Pure.
/// </summary>
public static class CapacityDescriber
{
    public static CapacityDescription Describe(SimEndpointOptions o, DescribeRequest r)
    {
        if (r.SloPercentile is <= 0 or >= 100) throw new ArgumentOutOfRangeException(nameof(r), "slo percentile must be in (0, 100)");
        if (!(r.SloMs > 0)) throw new ArgumentOutOfRangeException(nameof(r), "slo ms must be > 0");
        var payloadSeconds = o.ServiceTimePerKb.TotalSeconds * r.PayloadBytes / 1024.0;
        var mean = o.ServiceTime.MeanSeconds + payloadSeconds;
        var notes = new List<string>();
        if (mean <= 0)
        {
            notes.Add("zero service time: capacity is bounded by the host, not by the model");
            return Build(o, r, mean, double.PositiveInfinity, double.PositiveInfinity, null, [], null, notes);
        }
        var capacity = o.Workers / mean;
        var sim = new QueueSimulation(o.Workers, o.Queue, o.ServiceTime, payloadSeconds, r.Arrivals, o.Seed);
        var bound = r.SloMs / 1000.0;
        var p = r.SloPercentile;

        double sustainable;
        QueueRunResult? atSustainable;
        var nearZero = sim.Run(capacity * 1e-4);
        if (nearZero.PercentileSeconds(p) > bound)
        {
            sustainable = 0;
            atSustainable = nearZero;
            notes.Add($"the service time alone exceeds the SLO: p{p} of service is above {r.SloMs} ms even without queueing");
        }
        else
        {
            // Beyond capacity/(p/100) blocking alone exceeds 1 − p/100, so the answer lies below it.
            double lo = capacity * 1e-4, hi = capacity / (p / 100.0);
            atSustainable = nearZero;
            while (hi - lo > 1e-4 * capacity)
            {
                var mid = (lo + hi) / 2;
                var run = sim.Run(mid);
                if (run.PercentileSeconds(p) <= bound) { lo = mid; atSustainable = run; } else hi = mid;
            }
            sustainable = lo;
        }

        var curve = new List<CurvePoint>();
        foreach (var u in new[] { 0.1, 0.3, 0.5, 0.7, 0.8, 0.9, 0.95, 1.0, 1.1 })
        {
            var run = sim.Run(u * capacity);
            curve.Add(new CurvePoint(u, Round(u * capacity), Ms(run.ServedPercentileSeconds(50)), Ms(run.ServedPercentileSeconds(90)),
                Ms(run.ServedPercentileSeconds(99)), Math.Round(run.BlockingProbability, 6)));
        }

        ClosedFormCheck? closed = null;
        if (o.ServiceTime.Kind == ServiceTimeKind.Exponential && payloadSeconds == 0)
        {
            var mu = 1 / mean;
            var rate = ErlangC.MaxRateForSlo(o.Workers, mu, p, bound);
            closed = new ClosedFormCheck("M/M/c (Erlang C), unbounded queue", Round(rate),
                rate > 0 ? Ms(ErlangC.SojournPercentile(o.Workers, rate, mu, p)) : double.NaN);
        }
        if (o.Routing == RoutingKind.LeastOutstanding)
            notes.Add("the model routes at random (independent instances); least-outstanding routing sustains somewhat more with several instances");
        if (o.Work == WorkKind.Sleep && o.ServiceTime.Mean < TimeSpan.FromMilliseconds(5))
            notes.Add("--work sleep adds about 1 ms of timer granularity per request on top of the modelled service time");
        return Build(o, r, mean, capacity, sustainable, atSustainable, curve, closed, notes);
    }

    private static CapacityDescription Build(SimEndpointOptions o, DescribeRequest r, double mean, double capacity, double sustainable,
        QueueRunResult? at, IReadOnlyList<CurvePoint> curve, ClosedFormCheck? closed, List<string> notes) => new()
    {
        EndpointName = o.EndpointName,
        ServiceTime = o.ServiceTime.ToString(),
        MeanServiceTimeMs = Math.Round(mean * 1000, 4),
        ServiceTimeScv = o.ServiceTime.Scv,
        WorkersPerInstance = o.Workers,
        QueuePerInstance = o.Queue,
        Work = o.Work.ToString().ToLowerInvariant(),
        Routing = o.Routing == RoutingKind.Random ? "random" : "least-outstanding",
        CapacityRpsPerInstance = Round(capacity),
        SloPercentile = r.SloPercentile,
        SloMs = r.SloMs,
        SustainableRpsPerInstance = Round(sustainable),
        SustainableInvocationsPerInstancePerMinute = Round(sustainable * 60),
        UtilizationAtSustainable = double.IsFinite(capacity) && capacity > 0 ? Math.Round(sustainable / capacity, 4) : 0,
        LatencyAtSustainableMs = at is null ? 0 : Ms(at.PercentileSeconds(r.SloPercentile)),
        BlockingProbabilityAtSustainable = at is null ? 0 : Math.Round(at.BlockingProbability, 6),
        AwsRuleOfThumbTargetPerMinute = Round(sustainable * 0.5 * 60),
        ClosedForm = closed,
        Variants = o.Variants.Select(v => new VariantCapacity(v.Name, v.Weight, o.InitialInstances(v),
            Round(capacity * o.InitialInstances(v)), Round(sustainable * o.InitialInstances(v)))).ToArray(),
        Curve = curve,
        Method = $"bisection on the per-instance Poisson arrival rate over a seeded discrete-event simulation of M/G/c/K " +
                 $"(c = {o.Workers}, K = {o.Workers + o.Queue}, FIFO), {r.Arrivals} arrivals per rate after a 10 % warm-up; " +
                 "a 503 counts as an SLO miss",
        Seed = o.Seed,
        Arrivals = r.Arrivals,
        Notes = notes,
    };

    private static double Round(double v) => double.IsFinite(v) ? Math.Round(v, 3) : v;
    private static double Ms(double seconds) => double.IsFinite(seconds) ? Math.Round(seconds * 1000, 3) : seconds;
}
