using LoadLab.Core.RunFiles;

namespace LoadLab.Simulation.Fleet;

/// <summary>
/// The fleet model's error on the run's own traffic: each measured step is replayed through the model (its offered
/// load per instance, for its steady duration, from an empty queue) and the predicted latency at the SLO's percentile
/// and the predicted error rate are set beside what the step measured. A model that cannot reproduce the run it was
/// fitted on should not be trusted on other traffic, and this says by how much.
/// </summary>
public static class StepModelCheck
{
    public static FleetModelError Compare(FleetModel fleet, AnalysisFile analysis, RunInfo? run)
    {
        var durations = run?.Steps.ToDictionary(s => s.Index, s => (s.EndUtc - s.SteadyStartUtc).TotalSeconds) ?? [];
        var rows = new List<StepPrediction>();
        foreach (var p in analysis.Points.OrderBy(p => p.Step))
        {
            if (!(p.Ipm > 0) || !double.IsFinite(p.LatencyMs)) continue;
            // Points hold achieved invocations per instance; the model is driven by what was offered.
            var offeredIpm = p.AchievedRps > 0 && p.OfferedRps > 0 ? p.Ipm * p.OfferedRps / p.AchievedRps : p.Ipm;
            var duration = durations.TryGetValue(p.Step, out var d) && d > 0 ? d : 60;
            var (latency, errorRate) = Predict(fleet, offeredIpm, duration, analysis.JudgedPercentile ?? fleet.SloPercentile);
            var measuredErrors = double.IsFinite(p.ErrorRateFraction) ? p.ErrorRateFraction : 0;
            rows.Add(new StepPrediction(p.Step, Math.Round(offeredIpm, 1), Math.Round(duration, 1), Math.Round(latency, 1), p.LatencyMs,
                Math.Round((latency - p.LatencyMs) / p.LatencyMs * 100, 1), Math.Round(errorRate, 4), measuredErrors,
                Math.Round(errorRate - measuredErrors, 4)));
        }
        return new FleetModelError
        {
            LatencyPercentile = analysis.JudgedPercentile ?? fleet.SloPercentile,
            Steps = rows,
            MaxAbsLatencyErrorPct = rows.Count == 0 ? null : rows.Max(r => Math.Abs(r.LatencyErrorPct)),
            MaxAbsErrorRateErrorFraction = rows.Count == 0 ? null : rows.Max(r => Math.Abs(r.ErrorRateErrorFraction)),
            Basis = rows.Count == 0
                ? "no measured step to compare with"
                : "each step of the run replayed through the fleet model: its offered load per instance for its steady duration from an empty queue; "
                  + "predicted latency at the percentile and error rate (shed requests) against the step's measured ones",
        };
    }

    /// <summary>
    /// One instance under a constant offered load for <paramref name="durationS"/>, as the simulator's fluid queue
    /// sees it: below capacity nothing waits; above, the backlog grows at λ − μ until a full queue, then the excess is
    /// shed. Arrivals spread evenly over the step, so the p-th percentile of waits is the wait at p % of the step.
    /// </summary>
    public static (double LatencyMs, double ErrorRateFraction) Predict(FleetModel fleet, double offeredIpm, double durationS, double percentile)
    {
        var lambda = offeredIpm / 60;
        var mu = fleet.CapacityIpm / 60;
        var curve = fleet.Curve.PredictMs(Math.Min(offeredIpm, 0.98 * fleet.CapacityIpm));
        if (!double.IsFinite(curve)) curve = fleet.FullQueueLatencyMs;
        if (lambda <= mu || lambda <= 0) return (Math.Min(curve, fleet.FullQueueLatencyMs), 0);
        var holdable = mu * fleet.BacklogLimitS;
        var growth = lambda - mu;
        var fillS = holdable / growth;
        var shed = growth * Math.Max(0, durationS - fillS);
        var backlogAtP = Math.Min(growth * durationS * percentile / 100, holdable);
        var latency = Math.Min(curve + backlogAtP / mu * 1000, fleet.FullQueueLatencyMs);
        return (latency, shed / (lambda * durationS));
    }
}
