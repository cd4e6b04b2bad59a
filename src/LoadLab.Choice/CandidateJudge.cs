using LoadLab.Choice.Loading;
using LoadLab.Choice.Model;
using LoadLab.Core.RunFiles;
using static System.FormattableString;

namespace LoadLab.Choice;

/// <summary>
/// One candidate's row of the choice, from its sub-run's files alone: the sustainable load, the recommended policy,
/// that policy's backtest (the simulation's "recommendation" candidate) and its cost at the candidate's price.
/// Pure: the same files give the same row.
/// </summary>
public static class CandidateJudge
{
    public const double MinutesPerDay = 1440;

    public static CandidateChoice Judge(CandidateRun run, ChoiceOptions options)
    {
        var price = run.Price.UsdPerInstanceHour;
        var row = new CandidateChoice
        {
            Name = run.Entry.Name,
            InstanceType = run.Entry.InstanceType,
            Variant = run.Entry.Variant,
            RunDirectory = run.Entry.RunDirectory,
            Status = CandidateStatus.Incomplete,
            PriceUsdPerInstanceHour = price,
            PriceSource = run.Price.Source,
        };
        var a = run.Analysis;
        if (a is not null)
            row = row with
            {
                SustainableIpm = a.SustainableIpm,
                SustainableIpmCiLow = a.SustainableIpmCiLow,
                SustainableIpmCiHigh = a.SustainableIpmCiHigh,
                SustainableRpsPerInstance = a.SustainableIpm / 60,
                SustainableIsLowerBound = a.SustainableIsLowerBound,
            };
        var r = run.Recommendation;
        if (r is not null)
        {
            var tracking = r.PutScalingPolicy.FirstOrDefault(p => p.TargetTrackingScalingPolicyConfiguration is not null)?.TargetTrackingScalingPolicyConfiguration;
            row = row with
            {
                TargetValueIpm = tracking?.TargetValue ?? r.Basis.TargetValue,
                ScaleOutCooldownS = tracking?.ScaleOutCooldown,
                ScaleInCooldownS = tracking?.ScaleInCooldown,
                MinCapacity = r.RegisterScalableTarget.MinCapacity,
                MaxCapacity = r.RegisterScalableTarget.MaxCapacity,
            };
        }
        if (a is not null && a.SustainableIpm is not > 0)
            return row with { Status = CandidateStatus.CannotHold, Reason = "the SLO held at no load the run measured on one instance" };

        var backtest = Recommended(run.Simulation);
        if (backtest is not null && row.SustainableIpm is { } sustainable)
        {
            var peak = PeakDemandPerMin(backtest, run.Simulation!);
            var needed = peak is { } p ? (int)Math.Ceiling(p / sustainable - 1e-9) : (int?)null;
            row = row with { PeakDemandPerMin = peak, InstancesNeededAtPeak = needed };
        }
        if (row is { InstancesNeededAtPeak: { } need, MaxCapacity: { } max } && need > max)
            row = row with
            {
                Status = CandidateStatus.CannotHold,
                Reason = Invariant($"the busiest minute ({row.PeakDemandPerMin:0} requests) needs {need} instances at {row.SustainableIpm:0} per instance per minute, more than MaxCapacity {max}"),
            };
        if (backtest is null)
            return row.Status == CandidateStatus.CannotHold ? row : row with
            {
                Reason = run.Missing.Count > 0 ? "missing: " + string.Join(", ", run.Missing)
                    : "simulation.json holds no backtest of the recommended policy (run 'loadlab simulate' with recommendation.json present)",
            };

        var sim = run.Simulation!;
        var minutes = sim.Minutes;
        var cost = backtest.InstanceHours * price;
        var perDay = minutes > 0 ? cost * MinutesPerDay / minutes : (double?)null;
        var (low, high) = CostInterval(perDay, row);
        row = row with
        {
            BacktestMinutes = minutes,
            SloViolationMinutes = backtest.SloViolationMinutes,
            SloViolationMinutesPessimistic = backtest.SloViolationMinutesPessimistic,
            InstanceHours = backtest.InstanceHours,
            PeakInstances = backtest.PeakInstances,
            Inferences = backtest.TotalRequests,
            CostUsd = Round(cost),
            CostAtPeakUsdPerHour = Round(backtest.PeakInstances * price),
            CostUsdPerDay = Round(perDay),
            CostLowUsdPerDay = Round(low),
            CostHighUsdPerDay = Round(high),
            CostUsdPerMillionInferences = backtest.TotalRequests > 0 ? Round(cost / backtest.TotalRequests * 1e6) : null,
        };
        if (row.Status == CandidateStatus.CannotHold) return row;
        var allowed = options.AllowedFor(minutes);
        return backtest.SloViolationMinutes <= allowed
            ? row with { Status = CandidateStatus.Holds, Reason = Invariant($"{backtest.SloViolationMinutes:0.#} SLO-violation minutes in {minutes} (allowed {allowed:0.#})") }
            : row with { Status = CandidateStatus.Violates, Reason = Invariant($"{backtest.SloViolationMinutes:0.#} SLO-violation minutes in {minutes}, more than the {allowed:0.#} allowed") };
    }

    /// <summary>The backtest of the recommended policy: simulation.json's recommended candidate, else its "recommendation" kind.</summary>
    public static CandidateResult? Recommended(SimulationFile? sim) =>
        sim is null ? null
            : sim.Candidates.FirstOrDefault(c => c.Kind == "recommendation")
              ?? sim.Candidates.FirstOrDefault(c => c.Name == sim.Recommended && c.Kind == "policy");

    /// <summary>The busiest minute's demand (requests per minute) from the backtest's timeline, else from the fleet's.</summary>
    private static double? PeakDemandPerMin(CandidateResult backtest, SimulationFile sim)
    {
        var timeline = backtest.Timeline.Count > 0 ? backtest.Timeline : sim.Candidates.SelectMany(c => c.Timeline).ToList();
        if (timeline.Count == 0) return null;
        // Samples are per simulation step; the demand is already a per-minute rate.
        return timeline.Max(s => s.DemandRpm);
    }

    /// <summary>
    /// The cost per day across the sustainable load's 95 % interval: the instance count of a fleet sized on
    /// invocations per instance scales with 1 / sustainable, so the interval's low end costs point × sustainable / low.
    /// An approximation (MinCapacity floors do not scale); null ends stay the point estimate.
    /// </summary>
    private static (double? Low, double? High) CostInterval(double? perDay, CandidateChoice row)
    {
        if (perDay is not { } c || row.SustainableIpm is not { } s || s <= 0) return (perDay, perDay);
        var high = row.SustainableIpmCiLow is > 0 and var lo ? c * s / lo : c;
        var low = row.SustainableIpmCiHigh is > 0 and var hi && !row.SustainableIsLowerBound ? c * s / hi : c;
        return (Math.Min(low, c), Math.Max(high, c));
    }

    private static double? Round(double? v) => v is { } x && double.IsFinite(x) ? Math.Round(x, 4) : null;
}
