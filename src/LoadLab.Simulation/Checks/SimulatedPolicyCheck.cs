using System.Globalization;
using LoadLab.Core.Errors;
using LoadLab.Core.Findings;
using LoadLab.Core.Ports;
using LoadLab.Core.RunFiles;
using LoadLab.Simulation.Autoscaling;
using LoadLab.Simulation.Fleet;
using LoadLab.Simulation.Traffic;

namespace LoadLab.Simulation.Checks;

/// <summary>
/// The recommender's simulated check (<see cref="ISimulatedCheck"/>), on the simulator. With traffic to replay:
/// <list type="number">
/// <item>ScaleInCooldown: <see cref="PolicyScorer.ChooseScaleInCooldown"/> over the variability-based value and the
/// ladder values above it, at the recommended target and bounds; the shortest that does not flap; if every one flaps,
/// the shortest of those with the fewest flaps (warning).</item>
/// <item>Target: the recommended target-tracking policy (target, Min/Max, both cooldowns) is simulated with the fleet
/// fitted in analysis.json; while it violates the SLO in more minutes than allowed, the target is multiplied by
/// <see cref="SimulatedCheckOptions.TargetStepFactor"/> (at most MaxTargetSteps times, never below the floor). The
/// first target that holds is kept. If none holds, the highest target whose violation minutes are within the allowance
/// of the fewest seen (stepping down that buys less than the allowance is not worth its instances: the violations come
/// from the traffic's speed, not the target), and a warning.</item>
/// </list>
/// Only the target-tracking policy is simulated: the step policy and scheduled actions depend on the target and are
/// derived after it. Pure and seeded.
/// </summary>
public sealed class SimulatedPolicyCheck : ISimulatedCheck
{
    public SimulatedCheckOutcome Run(SimulatedCheckRequest request)
    {
        var (analysis, target, scaleOutS, scaleInS, bounds, startupS, ruleOfThumb, o) = (request.Analysis, request.Target,
            request.ScaleOutCooldownS, request.ScaleInCooldownS, request.Bounds, request.StartupS, request.RuleOfThumb, request.Options);
        FleetModel fleet;
        try { fleet = FleetModel.FromAnalysis(analysis, "analysis.json", startupS); }
        catch (UserInputException e)
        {
            return SimulatedCheckOutcome.Unchanged(scaleInS, target, "No simulated check: " + e.Problems[0].Message + ".");
        }

        var counts = request.PerMinute.Take(o.MaxMinutes).ToArray();
        var start = TrafficSeries.FloorMinute(request.FirstMinuteUtc ?? new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var series = new TrafficSeries(start, counts, request.Source);
        var sim = new SimulationOptions { Seed = o.Seed, KeepTimeline = false };
        var rationale = new List<string>();
        var warnings = new List<Finding>();

        // 1. Scale-in cooldown: the shortest of the ladder, from the variability-based value up, that does not flap.
        var (min, max) = bounds(target);
        var ladder = o.ScaleInCooldownLadderS.Where(c => c > scaleInS).Prepend(scaleInS).Distinct().Order().ToList();
        var tried = new List<FlapCheck>();
        var chosen = PolicyScorer.ChooseScaleInCooldown(target, scaleOutS, ladder, min, max, series, fleet, sim, tried);
        if (chosen.Flapping)
        {
            // Every one flaps: the shortest with the fewest flaps, not blindly the longest (measured on the World Cup
            // trace: one flap in 14 days at every cooldown, so an hour-long cooldown would buy nothing).
            chosen = tried.OrderBy(c => c.Flaps).ThenBy(c => c.ScaleInCooldownS).First();
            warnings.Add(Finding.Warning(SimulationCodes.RecommendFlaps, F("the simulated policy flaps on {0} with every ScaleInCooldown tried up to {1} s ({2} scale-in(s) undone within {3} min at {4} s, the fewest): traffic this variable may need DisableScaleIn or scheduled capacity",
                series.Source, ladder[^1], chosen.Flaps, sim.FlapWindowMinutes, chosen.ScaleInCooldownS)));
        }
        int scaleIn = chosen.ScaleInCooldownS;
        if (scaleIn != scaleInS)
            rationale.Add(F("Simulated on {0} ({1} minutes): ScaleInCooldown {2} s flaps {3} time(s) (a scale-in undone by a scale-out within {4} min); {5} s is the shortest of [{6}] s that {7}, so it replaces {2} s.",
                series.Source, series.Minutes, scaleInS, tried[0].Flaps, sim.FlapWindowMinutes, scaleIn, string.Join(", ", ladder), chosen.Flapping ? "flaps least (every one flaps)" : "does not flap"));

        // 2. Target: simulate the policy; step the target down while it breaks the SLO too often.
        double allowed = Math.Max(o.AllowedViolationMinutes, o.AllowedViolationFraction * series.Minutes);
        double floor = Math.Max(0.1, Math.Round(ruleOfThumb > 0 ? ruleOfThumb * o.FloorFactor : (analysis.SustainableIpm ?? target) * o.FloorFactor, 1));
        var trials = new List<(TargetTrial Trial, CandidateResult Result, int Min, int Max)>();
        double t = target;
        for (int step = 0; ; step++)
        {
            var (lo, hi) = bounds(t);
            // The first target with the chosen cooldown is exactly what the cooldown check simulated: reuse its result.
            var r = step == 0 ? chosen.Result
                : PolicyScorer.Score(ScalingConfiguration.TargetTracking(lo, hi, t, scaleOutS, scaleIn), series, fleet, sim, "recommendation");
            trials.Add((new TargetTrial(t, r.SloViolationMinutes, r.Flaps, Math.Round(r.InstanceHours, 2)), r, lo, hi));
            if (r.SloViolationMinutes <= allowed || step >= o.MaxTargetSteps || t <= floor) break;
            t = Math.Max(floor, Math.Round(t * o.TargetStepFactor, 1));
        }
        var held = trials.FindIndex(x => x.Trial.ViolationMinutes <= allowed);
        double fewest = trials.Min(x => x.Trial.ViolationMinutes);
        var pick = held >= 0 ? trials[held] : trials.First(x => x.Trial.ViolationMinutes <= fewest + allowed);
        var first = trials[0];
        if (pick.Trial.TargetValue < target)
            rationale.Add(F("Simulated target {0:0.#} violates the SLO in {1:0} of {2} minutes (allowed {3:0.#}); the target is stepped down ×{4} to {5:0.#}, which {6} ({7:0} minutes, {8:0.#} instance-hours vs {9:0.#}).",
                target, first.Trial.ViolationMinutes, series.Minutes, allowed, o.TargetStepFactor, pick.Trial.TargetValue,
                held >= 0 ? "holds" : "violates least", pick.Trial.ViolationMinutes, pick.Trial.InstanceHours, first.Trial.InstanceHours));
        else
            rationale.Add(F("Simulated on {0} ({1} minutes, seed {2}): target {3:0.#} with cooldowns {4}/{5} s violates the SLO in {6:0} minutes (allowed {7:0.#}), {8} flap(s), {9:0.#} instance-hours{10}.",
                series.Source, series.Minutes, o.Seed, target, scaleOutS, scaleIn, first.Trial.ViolationMinutes, allowed, first.Trial.Flaps, first.Trial.InstanceHours,
                held == 0 ? ": the target holds" : ""));
        if (held < 0)
            warnings.Add(Finding.Warning(SimulationCodes.RecommendSloViolatedAtEveryTarget, F("the simulated policy violates the SLO in {0:0} minutes (allowed {1:0.#}) at every target tried down to {2:0.#} (floor {3:0.#}): the traffic rises faster than instances start; see step scaling, MinCapacity or scheduled actions",
                pick.Trial.ViolationMinutes, allowed, trials[^1].Trial.TargetValue, floor)));

        var res = pick.Result;
        var basis = new SimulatedCheckBasis
        {
            Traffic = series.Source, Minutes = series.Minutes, Seed = o.Seed,
            TargetValue = pick.Trial.TargetValue, ScaleOutCooldownS = scaleOutS, ScaleInCooldownS = scaleIn, MinCapacity = pick.Min, MaxCapacity = pick.Max,
            ViolationMinutes = res.SloViolationMinutes, AllowedViolationMinutes = Math.Round(allowed, 2), Flaps = res.Flaps,
            ScaleOuts = res.ScaleOuts, ScaleIns = res.ScaleIns, InstanceHours = Math.Round(res.InstanceHours, 2),
            ScaleInCooldownChoicesTried = tried.Select(c => new CooldownTrial(c.ScaleInCooldownS, c.Flaps, c.ScaleIns, c.SloViolationMinutes)).ToList(),
            TargetsTried = trials.Select(x => x.Trial).ToList(),
        };
        return new SimulatedCheckOutcome(scaleIn, pick.Trial.TargetValue, basis, rationale, warnings);
    }

    private static string F(string format, params object?[] args) => string.Format(CultureInfo.InvariantCulture, format, args);
}
