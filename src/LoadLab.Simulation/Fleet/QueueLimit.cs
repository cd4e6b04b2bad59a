using LoadLab.Core.RunFiles;

namespace LoadLab.Simulation.Fleet;

/// <summary>
/// The finite queue of one instance, fitted from the run. An endpoint (and SageMaker) holds at most K requests per
/// instance and refuses the rest with an error (a 503 from a full queue), so when the run shed load its surviving
/// requests waited for a full queue: their latency at the shedding steps is the unloaded latency plus K / μ. That wait,
/// <see cref="WaitS"/> (= K / μ, seconds), is what the fleet model needs: the backlog an instance can hold is
/// μ × WaitS requests, and a request beyond it is shed.
/// </summary>
/// <param name="WaitS">Seconds a request waits in a full queue; null when the run never shed load.</param>
/// <param name="Basis">How it was found, in words, for simulation.json.</param>
public sealed record QueueLimit(double? WaitS, string Basis)
{
    /// <summary>Fits the full-queue wait from analysis.json's steps (a step sheds when its error rate exceeds the SLO's budget).</summary>
    public static QueueLimit Fit(AnalysisFile analysis, LatencyCurve curve, double capacityIpm)
    {
        var points = analysis.Points.Where(p => double.IsFinite(p.Ipm) && p.Ipm > 0 && double.IsFinite(p.LatencyMs)).ToList();
        var budget = analysis.Slo.MaxErrorRateFraction;
        var shedding = points.Where(p => double.IsFinite(p.ErrorRateFraction) && p.ErrorRateFraction > budget).ToList();
        if (shedding.Count == 0)
            return new QueueLimit(null, "the run never shed load (no step's errors exceeded the SLO's budget): no queue limit measured, so requests beyond capacity wait up to the invocation timeout");
        var unloaded = UnloadedLatencyMs(curve, points);
        var worst = shedding.MaxBy(p => p.LatencyMs)!;
        var waitS = Math.Max(0, worst.LatencyMs - unloaded) / 1000;
        var perInstance = capacityIpm / 60 * waitS;
        return new QueueLimit(waitS, string.Format(System.Globalization.CultureInfo.InvariantCulture,
            "fitted from step {0}, which shed {1:0.#%} of its requests: its p{2:0.##} {3:0.#} ms minus the unloaded {4:0.#} ms is a full queue's wait of {5:0.###} s, about {6:0} requests per instance at capacity",
            worst.Step, worst.ErrorRateFraction, analysis.JudgedPercentile ?? analysis.Slo.LatencyPercentile, worst.LatencyMs, unloaded, waitS, perInstance));
    }

    /// <summary>The curve at the lightest measured step (the latency without queueing).</summary>
    public static double UnloadedLatencyMs(LatencyCurve curve, IReadOnlyList<AnalysisPoint> points)
    {
        var x = points.Count > 0 ? points.Min(p => p.Ipm) : 0;
        var y = curve.PredictMs(x);
        return double.IsFinite(y) && y > 0 ? y : points.Count > 0 ? points.MinBy(p => p.Ipm)!.LatencyMs : 0;
    }
}
