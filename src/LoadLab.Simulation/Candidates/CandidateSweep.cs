using System.Globalization;
using LoadLab.Core.Findings;
using LoadLab.Core.RunFiles;
using LoadLab.Simulation.Autoscaling;
using LoadLab.Simulation.Fleet;
using LoadLab.Simulation.Traffic;

namespace LoadLab.Simulation.Candidates;

/// <summary>
/// Builds the candidate set (the recommendation, the AWS rule of thumb, a targets x cooldowns sweep), runs each through
/// the <see cref="Simulator"/> (in parallel; every candidate has its own seeded generator, so order does not matter),
/// and marks the cost-versus-SLO Pareto front.
/// </summary>
public static class CandidateSweep
{
    /// <summary>The AWS rule of thumb: max RPS per instance x safety factor 0.5 x 60.</summary>
    public static double RuleOfThumbTarget(double maxRpsPerInstance) => maxRpsPerInstance * 0.5 * 60;

    /// <param name="recommendation">The analyzer's policy; null when simulating without one.</param>
    /// <param name="ruleOfThumbTarget">max RPS per instance x 0.5 x 60; null to leave it out.</param>
    /// <param name="min">Capacity bounds for the rule of thumb and the sweep (the recommendation's own bounds otherwise).</param>
    public static List<Candidate> Build(Candidate? recommendation, double? ruleOfThumbTarget, FleetModel fleet, int min, int max, SweepOptions sweep)
    {
        var list = new List<Candidate>();
        if (recommendation is not null) list.Add(recommendation);
        if (ruleOfThumbTarget is > 0 and var rot)
            list.Add(new Candidate("rule-of-thumb", CandidateKinds.RuleOfThumb,
                $"AWS rule of thumb: target {F(rot)} = max RPS per instance x 0.5 x 60, default cooldowns 300/300 s",
                ScalingConfiguration.TargetTracking(min, max, rot)));
        foreach (var f in sweep.TargetFractions)
        {
            var target = Math.Max(1, Math.Round(fleet.SustainableIpm * f));
            foreach (var (o, i) in sweep.Cooldowns)
                list.Add(new Candidate($"tt-{F(target)}-out{o}-in{i}", CandidateKinds.Sweep,
                    $"target tracking at {F(target)} invocations/instance/min ({f:0%} of the sustainable {F(fleet.SustainableIpm)}), cooldowns {o}/{i} s",
                    ScalingConfiguration.TargetTracking(min, max, target, o, i)));
        }
        return list;
    }

    /// <summary>Runs every candidate; timelines are kept for the recommendation and the rule of thumb only.</summary>
    /// <param name="pessimistic">The fleet at the interval's pessimistic end (<see cref="FleetModel.AtIntervalLowEnd"/>):
    /// each candidate runs on it too, and its SLO-violation minutes are the upper end of the candidate's range.</param>
    public static SimulationFile Run(IReadOnlyList<Candidate> candidates, TrafficSeries traffic, FleetModel fleet, SimulationOptions options,
        IReadOnlyList<Finding>? warnings = null, FleetModel? pessimistic = null)
    {
        var results = new CandidateResult[candidates.Count];
        Parallel.For(0, candidates.Count, i =>
        {
            var c = candidates[i];
            var keep = c.Kind is CandidateKinds.Recommendation or CandidateKinds.RuleOfThumb or CandidateKinds.Policy;
            results[i] = Simulator.Run(c.Name, c.Description, c.Configuration, traffic, fleet, options with { KeepTimeline = keep && options.KeepTimeline })
                with { Kind = c.Kind };
            if (pessimistic is not null)
            {
                var low = Simulator.Run(c.Name, c.Description, c.Configuration, traffic, pessimistic, options with { KeepTimeline = false });
                results[i] = results[i] with
                {
                    SloViolationMinutesPessimistic = low.SloViolationMinutes,
                    DroppedRequestsPessimistic = low.DroppedRequests,
                };
            }
        });

        var front = ParetoFront(results);
        var marked = results.Select(r => r with { OnParetoFront = front.Contains(r.Name) }).ToList();
        var recommended = marked.FirstOrDefault(r => r.Kind is CandidateKinds.Recommendation or CandidateKinds.Policy)?.Name ?? PickFromFront(marked, traffic.Minutes);

        var notes = new List<Finding>(warnings ?? []);
        if (marked.FirstOrDefault(r => r.Name == recommended) is { } rec)
        {
            if (!rec.OnParetoFront)
            {
                var better = marked.Where(r => r.OnParetoFront && r.InstanceHours <= rec.InstanceHours && r.SloViolationMinutes <= rec.SloViolationMinutes)
                    .OrderBy(r => r.InstanceHours).FirstOrDefault();
                notes.Add(Finding.Warning(SimulationCodes.NotOnParetoFront, $"'{rec.Name}' is not on the cost-versus-SLO Pareto front" +
                    (better is null ? "" : $": '{better.Name}' costs {F(better.InstanceHours)} instance-hours with {F(better.SloViolationMinutes)} SLO-violation minutes (vs {F(rec.InstanceHours)} and {F(rec.SloViolationMinutes)})")));
            }
            if (rec.Flaps > 0)
                notes.Add(Finding.Warning(SimulationCodes.Flaps, $"'{rec.Name}' flaps: {rec.Flaps} scale-in(s) undone by a scale-out within {options.FlapWindowMinutes} min; consider a longer ScaleInCooldown"));
        }

        return new SimulationFile
        {
            TrafficSource = traffic.Source,
            StartUtc = traffic.StartUtc,
            StepS = 60,
            Seed = options.Seed,
            Minutes = traffic.Minutes,
            Candidates = marked,
            ParetoFront = marked.Where(r => r.OnParetoFront).OrderBy(r => r.InstanceHours).Select(r => r.Name).ToList(),
            Recommended = recommended,
            Warnings = notes,
            Fleet = new FleetAssumptions(fleet.Curve.Kind, fleet.CapacityIpm, fleet.SustainableIpm, fleet.SloPercentile, fleet.SloMs, fleet.MaxErrorRate,
                fleet.StartupS, fleet.DrainS, fleet.TimeoutS, fleet.PricePerInstanceHour)
            {
                QueueFullWaitS = fleet.QueueFullWaitS is { } w ? Math.Round(w, 4) : null,
                QueueLimitRequestsPerInstance = fleet.QueueFullWaitS is { } q ? Math.Round(q * fleet.CapacityIpm / 60, 1) : null,
                QueueLimitBasis = fleet.QueueLimitBasis,
            },
            PessimisticFleet = pessimistic is null ? null : new PessimisticFleet(Math.Round(pessimistic.SustainableIpm, 2), Math.Round(pessimistic.CapacityIpm, 2),
                Math.Round(pessimistic.SustainableIpm / fleet.SustainableIpm, 4),
                "the fitted curve and capacity scaled so that the sustainable load is the low end of the analysis's 95 % interval; each candidate's slo_violation_minutes_pessimistic is the upper end of its range"),
        };
    }

    /// <summary>
    /// Names of the candidates no other candidate beats on both instance-hours and SLO-violation minutes
    /// (ties on both keep the first).
    /// </summary>
    public static HashSet<string> ParetoFront(IReadOnlyList<CandidateResult> results)
    {
        var front = new HashSet<string>();
        for (var i = 0; i < results.Count; i++)
        {
            var a = results[i];
            var dominated = false;
            for (var j = 0; j < results.Count && !dominated; j++)
            {
                if (i == j) continue;
                var b = results[j];
                var noWorse = b.InstanceHours <= a.InstanceHours && b.SloViolationMinutes <= a.SloViolationMinutes;
                var better = b.InstanceHours < a.InstanceHours || b.SloViolationMinutes < a.SloViolationMinutes;
                dominated = noWorse && (better || j < i);
            }
            if (!dominated) front.Add(a.Name);
        }
        return front;
    }

    /// <summary>Without a recommendation: the cheapest front point whose SLO-violation minutes are within 0.1 % of the run of the best.</summary>
    private static string? PickFromFront(IReadOnlyList<CandidateResult> results, int minutes)
    {
        var front = results.Where(r => r.OnParetoFront).ToList();
        if (front.Count == 0) return null;
        var best = front.Min(r => r.SloViolationMinutes);
        return front.Where(r => r.SloViolationMinutes <= best + 0.001 * minutes).OrderBy(r => r.InstanceHours).First().Name;
    }

    private static string F(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);
}
