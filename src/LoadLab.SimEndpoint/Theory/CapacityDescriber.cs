using LoadLab.SimEndpoint.Options;

namespace LoadLab.SimEndpoint.Theory;

/// <summary>
/// Computes the configured fleet's capacity and its sustainable per-instance load at an SLO by a bisection on the
/// arrival rate over a seeded discrete-event run of one instance (<see cref="QueueSimulation"/>). Sustainable means
/// the latency percentile stays within the bound AND the error probability (503 queue full, injected model errors)
/// stays within the SLO's error budget; the description names the constraint that binds. Pure.
/// </summary>
public static class CapacityDescriber
{
    /// <summary>
    /// One variant as its own fleet: the endpoint's service time times the variant's factor (a slower or faster
    /// instance type), everything else the same. Its per-instance figures are that variant's.
    /// </summary>
    public static CapacityDescription DescribeVariant(SimEndpointOptions o, VariantSpec v, DescribeRequest r) => Describe(o with
    {
        ServiceTime = o.ServiceTime with { Mean = o.ServiceTime.Mean * v.ServiceTimeFactor },
        ServiceTimePerKb = o.ServiceTimePerKb * v.ServiceTimeFactor,
        Variants = [v with { ServiceTimeFactor = 1 }],
    }, r);

    public static CapacityDescription Describe(SimEndpointOptions o, DescribeRequest r)
    {
        if (r.SloPercentile is <= 0 or >= 100) throw new ArgumentOutOfRangeException(nameof(r), "slo percentile must be in (0, 100)");
        if (!(r.SloMs > 0)) throw new ArgumentOutOfRangeException(nameof(r), "slo ms must be > 0");
        if (r.MaxErrorRate is < 0 or > 1 || double.IsNaN(r.MaxErrorRate)) throw new ArgumentOutOfRangeException(nameof(r), "max error rate must be a fraction in [0, 1]");
        var payloadSeconds = o.ServiceTimePerKb.TotalSeconds * r.PayloadBytes / 1024.0;
        var mean = o.ServiceTime.MeanSeconds + payloadSeconds;
        var notes = new List<string>();
        if (mean <= 0)
        {
            notes.Add("zero service time: capacity is bounded by the host, not by the model");
            return Build(o, r, mean, double.PositiveInfinity, double.PositiveInfinity, LimitingConstraint.None, null, [], null, notes);
        }
        var capacity = o.Workers / mean;
        var sim = new QueueSimulation(o.Workers, o.Queue, o.ServiceTime, payloadSeconds, r.Arrivals, o.Seed);
        var bound = r.SloMs / 1000.0;
        var p = r.SloPercentile;
        var errorName = o.ErrorRate > 0 ? LimitingConstraint.Errors : LimitingConstraint.QueueFull;

        // Why a rate is not sustainable (null when it is): latency percentile over every arrival (a 503 is a miss),
        // then the error budget (a 503 or an injected model error is an error).
        string? Fails(QueueRunResult run)
        {
            var slow = run.PercentileSeconds(p) > bound;
            var errors = ErrorProbability(run, o.ErrorRate) > r.MaxErrorRate;
            return slow && errors ? $"{LimitingConstraint.Latency} and {errorName}" : slow ? LimitingConstraint.Latency : errors ? errorName : null;
        }

        double sustainable;
        QueueRunResult? atSustainable;
        string limitedBy;
        var nearZero = sim.Run(capacity * 1e-4);
        if (o.ErrorRate > r.MaxErrorRate)
        {
            sustainable = 0;
            atSustainable = nearZero;
            limitedBy = LimitingConstraint.Errors;
            notes.Add($"the injected model-error rate {Pct(o.ErrorRate)} alone exceeds the error budget {Pct(r.MaxErrorRate)}: no load is sustainable");
        }
        else if (nearZero.PercentileSeconds(p) > bound)
        {
            sustainable = 0;
            atSustainable = nearZero;
            limitedBy = LimitingConstraint.Latency;
            notes.Add($"the service time alone exceeds the SLO: p{p} of service is above {r.SloMs} ms even without queueing");
        }
        else
        {
            // Beyond capacity/(p/100) blocking alone exceeds 1 − p/100, so the answer lies below it. A queue that never
            // fills at capacity is unbounded as far as the model can tell: there the rate must stay below capacity
            // (above it the queue, and latency, grow for as long as the load lasts).
            // (The cap is a test on each rate, not a lower start for hi, so that the search path, and the figure, stay
            // the same wherever latency or errors bind below capacity.)
            double lo = capacity * 1e-4, hi = capacity / (p / 100.0);
            limitedBy = LimitingConstraint.Latency;
            var unbounded = sim.Run(capacity).Blocked == 0;
            atSustainable = nearZero;
            while (hi - lo > 1e-4 * capacity)
            {
                var mid = (lo + hi) / 2;
                if (unbounded && mid >= capacity) { hi = mid; limitedBy = LimitingConstraint.Utilization; continue; }
                var run = sim.Run(mid);
                if (Fails(run) is { } why) { hi = mid; limitedBy = why; }
                else { lo = mid; atSustainable = run; }
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
        return Build(o, r, mean, capacity, sustainable, limitedBy, atSustainable, curve, closed, notes);
    }

    /// <summary>P(a request fails): blocked (503), or served and then failed by the injected model-error rate.</summary>
    private static double ErrorProbability(QueueRunResult run, double modelErrorRate) =>
        run.BlockingProbability + (1 - run.BlockingProbability) * modelErrorRate;

    private static CapacityDescription Build(SimEndpointOptions o, DescribeRequest r, double mean, double capacity, double sustainable,
        string limitedBy, QueueRunResult? at, IReadOnlyList<CurvePoint> curve, ClosedFormCheck? closed, List<string> notes) => new()
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
        MaxErrorRate = r.MaxErrorRate,
        SustainableRpsPerInstance = Round(sustainable),
        LimitedBy = limitedBy,
        SustainableInvocationsPerInstancePerMinute = Round(sustainable * 60),
        UtilizationAtSustainable = double.IsFinite(capacity) && capacity > 0 ? Math.Round(sustainable / capacity, 4) : 0,
        LatencyAtSustainableMs = at is null ? 0 : Ms(at.PercentileSeconds(r.SloPercentile)),
        BlockingProbabilityAtSustainable = at is null ? 0 : Math.Round(at.BlockingProbability, 6),
        ErrorProbabilityAtSustainable = at is null ? 0 : Math.Round(ErrorProbability(at, o.ErrorRate), 6),
        AwsRuleOfThumbTargetPerMinute = Round(sustainable * 0.5 * 60),
        ClosedForm = closed,
        Variants = o.Variants.Select(v => v.ServiceTimeFactor == 1
            ? new VariantCapacity(v.Name, v.Weight, o.InitialInstances(v), Round(capacity * o.InitialInstances(v)), Round(sustainable * o.InitialInstances(v)))
            : DescribeVariant(o, v, r).Variants[0]).ToArray(),
        Curve = curve,
        Method = $"bisection on the per-instance Poisson arrival rate over a seeded discrete-event simulation of M/G/c/K " +
                 $"(c = {o.Workers}, K = {o.Workers + o.Queue}, FIFO), {r.Arrivals} arrivals per rate after a 10 % warm-up; " +
                 "a 503 counts as a latency miss and as an error against the error budget",
        Seed = o.Seed,
        Arrivals = r.Arrivals,
        Notes = notes,
    };

    private static string Pct(double fraction) => (fraction * 100).ToString("0.###", System.Globalization.CultureInfo.InvariantCulture) + " %";
    private static double Round(double v) => double.IsFinite(v) ? Math.Round(v, 3) : v;
    private static double Ms(double seconds) => double.IsFinite(seconds) ? Math.Round(seconds * 1000, 3) : seconds;
}
