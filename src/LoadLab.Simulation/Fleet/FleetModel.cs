using LoadLab.Core.Errors;
using LoadLab.Core.RunFiles;

namespace LoadLab.Simulation.Fleet;

/// <summary>
/// How one instance behaves under load, from analysis.json: the fitted latency curve (the SLO percentile's latency
/// against invocations per instance per minute), the per-instance capacity beyond which a queue grows, the sustainable
/// load at the SLO, the finite queue beyond which an instance sheds requests as errors (M/G/c/K's K, as the wait of a
/// full queue fitted from the steps that shed load), and the timing of instances (startup, draining).
/// </summary>
public sealed record FleetModel
{
    public required LatencyCurve Curve { get; init; }
    /// <summary>Invocations per instance per minute one instance completes at most; beyond it a backlog builds.</summary>
    public required double CapacityIpm { get; init; }
    /// <summary>Highest per-instance load (per minute) at which the SLO holds: the "demand" of the elasticity metrics.</summary>
    public required double SustainableIpm { get; init; }
    public required double SloMs { get; init; }
    public double SloPercentile { get; init; } = 90;
    public double MaxErrorRate { get; init; } = 0.01;
    /// <summary>Seconds from a desired-capacity increase to the instance being InService.</summary>
    public double StartupS { get; init; } = 300;
    /// <summary>Seeded spread of the startup time, as a fraction (0.1 = ±10 %, uniform). 0 = exact.</summary>
    public double StartupJitterFraction { get; init; } = 0.1;
    /// <summary>Seconds a removed instance keeps draining (billed, endpoint Updating) after a scale-in.</summary>
    public double DrainS { get; init; } = 30;
    /// <summary>SageMaker's invocation timeout: a request that would wait longer fails (counted as an error).</summary>
    public double TimeoutS { get; init; } = 60;
    public double? PricePerInstanceHour { get; init; }
    /// <summary>Seconds a request waits in a full queue (K / μ; <see cref="QueueLimit"/>): an instance holds at most
    /// capacity × this many requests and sheds the rest as errors. Null: no limit measured, the timeout bounds the wait.</summary>
    public double? QueueFullWaitS { get; init; }
    /// <summary>How the queue limit was found (simulation.json's fleet.queue_limit_basis).</summary>
    public string? QueueLimitBasis { get; init; }
    /// <summary>Latency without queueing (ms), which a full queue's wait adds to.</summary>
    public double UnloadedLatencyMs { get; init; }

    /// <summary>Seconds of work one instance holds before it sheds: the full-queue wait, never beyond the invocation timeout.</summary>
    public double BacklogLimitS => Math.Min(QueueFullWaitS ?? TimeoutS, TimeoutS);

    /// <summary>The latency of a request that waits for a full queue, ms (the most any served request takes).</summary>
    public double FullQueueLatencyMs => Math.Min(UnloadedLatencyMs + BacklogLimitS * 1000, TimeoutS * 1000);

    /// <summary>Reads the model out of analysis.json; a missing curve or capacity is bad input (exit 2).</summary>
    public static FleetModel FromAnalysis(AnalysisFile analysis, string source, double? startupS = null, double? pricePerInstanceHour = null)
    {
        var problems = new List<Problem>();
        if (analysis.Curve is not { } curve)
        {
            problems.Add(Problem.General(source, "curve", "analysis.json has no fitted latency curve; re-run 'loadlab analyze' on a run with more steps"));
            throw new UserInputException(problems);
        }
        // Capacity: the queueing asymptote when the fit has one, else the highest rate observed without saturation.
        double? capacity = curve.Kind == "queueing" && curve.CapacityIpm > 0 ? curve.CapacityIpm
            : analysis.MaxRpsPerInstance is > 0 ? analysis.MaxRpsPerInstance * 60
            : analysis.SustainableIpm is > 0 ? analysis.SustainableIpm
            : null;
        if (capacity is null)
            problems.Add(Problem.General(source, "max_rps_per_instance", "analysis.json gives no per-instance capacity (no queueing asymptote, max_rps_per_instance or sustainable_ipm)"));
        if (!(analysis.Slo.LatencyMs > 0))
            problems.Add(Problem.General(source, "slo.latency_ms", $"must be positive, got {analysis.Slo.LatencyMs}"));
        if (problems.Count > 0) throw new UserInputException(problems);
        var sustainable = analysis.SustainableIpm is > 0 ? analysis.SustainableIpm.Value : SustainableFromCurve(curve, analysis.Slo.LatencyMs, capacity!.Value);
        var queue = QueueLimit.Fit(analysis, curve, capacity!.Value);
        return new FleetModel
        {
            Curve = curve,
            CapacityIpm = capacity!.Value,
            SustainableIpm = Math.Min(sustainable, capacity.Value),
            SloMs = analysis.Slo.LatencyMs,
            SloPercentile = analysis.Slo.LatencyPercentile,
            MaxErrorRate = analysis.Slo.MaxErrorRateFraction,
            StartupS = startupS ?? analysis.InstanceStartupS ?? 300,
            PricePerInstanceHour = pricePerInstanceHour,
            QueueFullWaitS = queue.WaitS,
            QueueLimitBasis = queue.Basis,
            UnloadedLatencyMs = QueueLimit.UnloadedLatencyMs(curve, analysis.Points.Where(p => double.IsFinite(p.Ipm) && p.Ipm > 0 && double.IsFinite(p.LatencyMs)).ToList()),
        };
    }

    /// <summary>
    /// The same fleet with its per-minute load units divided by <paramref name="k"/>: every capacity, the sustainable
    /// load and the curve's load axis shrink by k (k > 1: a weaker fleet; also the time scale of a compressed clock).
    /// </summary>
    public FleetModel WithLoadUnitsDividedBy(double k)
    {
        if (k == 1) return this;
        var c = Curve;
        var curve = c.Kind == "queueing"
            ? c with { CapacityIpm = c.CapacityIpm / k }
            : c with { A = c.A * k, Slope2 = c.Slope2 * k, BreakpointIpm = c.BreakpointIpm / k, CapacityIpm = c.CapacityIpm / k };
        return this with { Curve = curve, CapacityIpm = CapacityIpm / k, SustainableIpm = SustainableIpm / k };
    }

    /// <summary>
    /// The fleet at the pessimistic end of the analysis's 95 % interval: the curve and capacity scaled so that the
    /// sustainable load is the interval's low end. Null when the analysis gives no interval below its estimate.
    /// </summary>
    public FleetModel? AtIntervalLowEnd(AnalysisFile analysis) =>
        analysis.SustainableIpmCiLow is > 0 and var low && analysis.SustainableIpm is { } point && low < point
            ? WithLoadUnitsDividedBy(point / low)
            : null;

    /// <summary>Largest load whose predicted latency is within the SLO (bisection on the monotone curve).</summary>
    public static double SustainableFromCurve(LatencyCurve curve, double sloMs, double capacityIpm)
    {
        double lo = 0, hi = capacityIpm;
        if (curve.PredictMs(hi) <= sloMs) return hi;
        for (var i = 0; i < 60; i++)
        {
            var mid = (lo + hi) / 2;
            if (curve.PredictMs(mid) <= sloMs) lo = mid; else hi = mid;
        }
        return lo;
    }
}
