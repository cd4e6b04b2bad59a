using LoadLab.Core.Ports;
using LoadLab.Analysis.Recommend;
using LoadLab.Core.Json;
using LoadLab.Core.RunFiles;

namespace LoadLab.Analysis.Tests;

/// <summary>The recommender's simulated check: cooldown against flapping, target against the SLO.</summary>
public class SimulatedCheckTests
{
    private static double Truth(double x) => 40 + 8 * x / (600 - x);

    /// <summary>A saturated synthetic run (capacity 600/min per instance, SLO p90 250 ms → sustainable ≈ 578): target ≈ 411.</summary>
    private static (AnalysisFile Analysis, RunInfo Run, List<StepRow> Steps) Saturated(double peakRps)
    {
        var steps = Synthetic.Steps([60, 120, 180, 240, 300, 360, 420, 480, 520, 550, 570, 590, 660], Truth, capacity: 600);
        var run = Synthetic.Run(steps.Count, recommend: new RecommendInfo(peakRps, 240, null, 0.05, null, null));
        return (Analyzer.Analyze(run, steps), run, steps);
    }

    private static TrafficProfile Traffic(double[] perMinute, string source) =>
        new() { PerMinute = perMinute, FirstMinuteUtc = Synthetic.T0, PerMinuteSource = source };

    private static RecommendationFile Recommend(TrafficProfile? traffic, SimulatedCheckOptions? check = null, double peakRps = 330)
    {
        var (a, run, steps) = Saturated(peakRps);
        return Recommender.Recommend(a, run, steps, traffic, new RecommenderOptions { SimulatedCheck = check ?? new() }, simulator: new LoadLab.Simulation.Checks.SimulatedPolicyCheck()).File!;
    }

    /// <summary>A simulator that records what it was asked and answers with the cooldown and target unchanged.</summary>
    private sealed class RecordingSimulator : ISimulatedCheck
    {
        public SimulatedCheckRequest? Asked;
        public SimulatedCheckOutcome Run(SimulatedCheckRequest request)
        {
            Asked = request;
            return SimulatedCheckOutcome.Unchanged(request.ScaleInCooldownS, request.Target, "recorded");
        }
    }

    [Fact]
    public void The_recommender_asks_the_simulator_it_is_given_through_the_port_and_says_so_when_it_has_none()
    {
        var (a, run, steps) = Saturated(330);
        var traffic = Traffic(Enumerable.Repeat(6000.0, 120).ToArray(), "flat");
        var recording = new RecordingSimulator();
        var asked = Recommender.Recommend(a, run, steps, traffic, simulator: recording).File!;
        Assert.Equal(("flat", 120, Synthetic.T0), (recording.Asked!.Source, recording.Asked.PerMinute.Count, recording.Asked.FirstMinuteUtc));
        Assert.Equal(a, recording.Asked.Analysis);
        Assert.Contains("recorded", asked.Rationale);

        var without = Recommender.Recommend(a, run, steps, traffic).File!;
        Assert.Null(without.Basis.SimulatedCheck);
        Assert.Contains(without.Rationale, x => x.StartsWith("No simulated check: no simulator was given to the recommender", StringComparison.Ordinal));
    }

    private static int ScaleIn(RecommendationFile r) => r.PutScalingPolicy[0].TargetTrackingScalingPolicyConfiguration!.ScaleInCooldown!.Value;

    [Fact]
    public void Sawtooth_that_flaps_with_the_default_scale_in_cooldown_gets_a_longer_one()
    {
        // A sawtooth around the target: cycles of 70 min, 10 min at 12000/min then a 60-minute decline to 3000/min, and
        // back. With 300 s the fleet follows the decline scale-in by scale-in and the last one is undone when the load
        // returns (a flap each cycle, and SLO violations while the new instances start); a scale-out ends the scale-in
        // cooldown, so only a cooldown longer than the 30-minute flap window keeps the one early scale-in of each cycle.
        var cycle = Enumerable.Range(0, 70).Select(m => m < 10 ? 12000.0 : 12000 - (m - 10) * 150.0).ToArray();
        var saw = Enumerable.Range(0, 8).SelectMany(_ => cycle).ToArray();
        var r = Recommend(Traffic(saw, "sawtooth"));
        var sc = r.Basis.SimulatedCheck!;
        var detail = LoadLabJson.Serialize(sc);
        Assert.True(sc.ScaleInCooldownChoicesTried.Count >= 2, detail);
        Assert.Equal(300, sc.ScaleInCooldownChoicesTried[0].ScaleInCooldownS);
        Assert.True(sc.ScaleInCooldownChoicesTried[0].Flaps > 0, detail);
        Assert.True(ScaleIn(r) > 300, detail);
        Assert.Equal(ScaleIn(r), sc.ScaleInCooldownS);
        Assert.True(sc.ScaleInCooldownChoicesTried[^1].Flaps == 0, detail);
        Assert.Equal(ScaleIn(r), sc.ScaleInCooldownChoicesTried[^1].ScaleInCooldownS);
        Assert.Equal("sawtooth", sc.Traffic);
        Assert.Equal(560, sc.Minutes);
        Assert.True(sc.ViolationMinutes < sc.ScaleInCooldownChoicesTried[0].ViolationMinutes, detail);
        Assert.Contains(r.Rationale, x => x.Contains("ScaleInCooldown 300 s flaps") && x.Contains($"{ScaleIn(r)} s is the shortest"));
        // Every policy that carries the scale-in cooldown carries the chosen one.
        Assert.All(r.Alternatives.Where(x => x.Request?.TargetTrackingScalingPolicyConfiguration is not null),
            x => Assert.Equal(ScaleIn(r), x.Request!.TargetTrackingScalingPolicyConfiguration!.ScaleInCooldown));
    }

    [Fact]
    public void When_every_cooldown_flaps_the_shortest_that_flaps_least_is_kept_with_a_warning()
    {
        // 30-minute cycles (10 min at 12000/min, a 20-minute fall to 4000/min): every cycle ends with a scale-out,
        // which ends any scale-in cooldown, so no cooldown of the ladder changes anything; an hour would buy nothing.
        var cycle = Enumerable.Range(0, 30).Select(m => m < 10 ? 12000.0 : 12000 - (m - 10) * 400.0).ToArray();
        var r = Recommend(Traffic(Enumerable.Range(0, 20).SelectMany(_ => cycle).ToArray(), "short-cycles"),
            new SimulatedCheckOptions { ScaleInCooldownLadderS = [600, 900, 1200, 1800] });
        var sc = r.Basis.SimulatedCheck!;
        var detail = LoadLabJson.Serialize(sc);
        Assert.Equal([300, 600, 900, 1200, 1800], sc.ScaleInCooldownChoicesTried.Select(c => c.ScaleInCooldownS));
        Assert.All(sc.ScaleInCooldownChoicesTried, c => Assert.True(c.Flaps > 0, detail));
        int fewest = sc.ScaleInCooldownChoicesTried.Min(c => c.Flaps);
        Assert.Equal(sc.ScaleInCooldownChoicesTried.First(c => c.Flaps == fewest).ScaleInCooldownS, ScaleIn(r));
        Assert.Contains(r.Warnings, w => w.Text.Contains("with every ScaleInCooldown tried up to 1800 s"));
    }

    [Fact]
    public void Target_that_violates_the_slo_on_bursty_traffic_is_stepped_down_and_recorded()
    {
        // 12000/min with 10-minute bursts of ×1.6 every hour: at the first target (≈ 411/instance) a burst takes each
        // instance past its capacity (600) for the ≈ 7 minutes scale-out needs; one step lower (×0.85) it stays within the SLO.
        var bursty = Enumerable.Range(0, 6 * 60).Select(m => m % 60 is >= 30 and < 40 ? 19200.0 : 12000.0).ToArray();
        var unchecked_ = Recommend(null);
        var r = Recommend(Traffic(bursty, "bursty"));
        var sc = r.Basis.SimulatedCheck!;
        var detail = LoadLabJson.Serialize(sc);
        Assert.True(sc.TargetsTried.Count >= 2, detail);
        Assert.Equal(unchecked_.Basis.TargetValue, sc.TargetsTried[0].TargetValue);
        Assert.True(sc.TargetsTried[0].ViolationMinutes > sc.AllowedViolationMinutes, detail);
        Assert.True(r.Basis.TargetValue < unchecked_.Basis.TargetValue, detail);
        Assert.Equal(r.Basis.TargetValue, sc.TargetValue);
        Assert.Equal(r.Basis.TargetValue, r.PutScalingPolicy[0].TargetTrackingScalingPolicyConfiguration!.TargetValue);
        Assert.True(sc.ViolationMinutes <= sc.AllowedViolationMinutes, detail);
        Assert.Equal(sc.TargetsTried[^1].ViolationMinutes, sc.ViolationMinutes);
        Assert.True(sc.InstanceHours > sc.TargetsTried[0].InstanceHours, detail); // safety costs instances
        Assert.True(r.Basis.TargetValue >= Math.Round(r.Basis.RuleOfThumbTarget * 0.5, 1));
        Assert.Equal(Math.Max(2, 0.01 * 360), sc.AllowedViolationMinutes);
        Assert.Contains(r.Rationale, x => x.Contains("stepped down"));
        // The capacity bounds follow the lower target: the peak needs more instances.
        Assert.True(r.RegisterScalableTarget.MaxCapacity > unchecked_.RegisterScalableTarget.MaxCapacity);
    }

    [Fact]
    public void Jumps_no_target_can_absorb_keep_the_target_and_warn()
    {
        // ×3 jumps every hour: each one outruns instance startup whatever the target, so stepping down buys almost
        // nothing; the first target stays and a warning says why.
        var jumps = Enumerable.Range(0, 6 * 60).Select(m => m % 60 < 30 ? 4000.0 : 12000.0).ToArray();
        var r = Recommend(Traffic(jumps, "jumps"));
        var sc = r.Basis.SimulatedCheck!;
        var detail = LoadLabJson.Serialize(sc);
        Assert.True(sc.TargetsTried.All(t => t.ViolationMinutes > sc.AllowedViolationMinutes), detail);
        Assert.True(sc.TargetsTried.Count > 1, detail);
        Assert.Equal(sc.TargetsTried[0].TargetValue, r.Basis.TargetValue);
        Assert.Contains(r.Warnings, w => w.Text.Contains("at every target tried"));
    }

    [Fact]
    public void Without_traffic_long_enough_the_check_runs_on_a_synthetic_day_at_the_peak_and_says_so()
    {
        // A ladder run's few minutes cannot show a scale-in undone by a scale-out; the check replays two synthetic
        // days at the expected peak instead, and every line that reports it names it an assumption.
        var none = Recommend(null);
        var tooShort = Recommend(Traffic(Enumerable.Repeat(12000.0, 30).ToArray(), "short"));
        var disabled = Recommend(null, new SimulatedCheckOptions { Enabled = false });
        foreach (var r in new[] { none, tooShort })
        {
            var sc = r.Basis.SimulatedCheck!;
            Assert.StartsWith("a synthetic 2-day day/night profile", sc.Traffic);
            Assert.Contains("an assumption, not measured traffic", sc.Traffic);
            Assert.Equal(SyntheticDiurnalTraffic.Days * 1440, sc.Minutes);
            Assert.Contains(r.Rationale, x => x.Contains("a synthetic 2-day day/night profile"));
            Assert.Equal(sc.ScaleInCooldownS, ScaleIn(r));
            Assert.True(sc.ScaleInCooldownChoicesTried.Count >= 1);
        }
        Assert.Null(disabled.Basis.SimulatedCheck);
        Assert.Contains(disabled.Rationale, x => x.StartsWith("No simulated check: disabled"));
        Assert.Equal(300, ScaleIn(disabled));
    }

    [Fact]
    public void Steady_traffic_keeps_the_cooldown_and_the_target_and_is_deterministic()
    {
        var steady = Enumerable.Repeat(12000.0, 180).ToArray();
        var a = Recommend(Traffic(steady, "steady"));
        var b = Recommend(Traffic(steady, "steady"));
        var sc = a.Basis.SimulatedCheck!;
        Assert.Equal(Recommend(null).Basis.TargetValue, a.Basis.TargetValue);
        Assert.Equal(300, ScaleIn(a));
        Assert.Single(sc.ScaleInCooldownChoicesTried);
        Assert.Single(sc.TargetsTried);
        Assert.Equal(0, sc.ViolationMinutes);
        Assert.Equal(LoadLabJson.Serialize(a), LoadLabJson.Serialize(b));
        Assert.Contains(a.Rationale, x => x.StartsWith("Simulated on steady (180 minutes, seed 42)") && x.Contains("the target holds"));
    }
}
