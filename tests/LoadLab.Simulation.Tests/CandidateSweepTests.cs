using LoadLab.Core.RunFiles;
using LoadLab.Simulation.Autoscaling;
using LoadLab.Simulation.Candidates;
using LoadLab.Simulation.Traffic;

namespace LoadLab.Simulation.Tests;

public class CandidateSweepTests
{
    private static CandidateResult R(string name, double hours, double violations) =>
        new() { Name = name, Description = "", InstanceHours = hours, SloViolationMinutes = violations };

    [Fact]
    public void Pareto_front_keeps_only_undominated_points()
    {
        var front = CandidateSweep.ParetoFront([R("cheap-bad", 10, 50), R("mid", 20, 10), R("dominated", 25, 12), R("safe", 40, 0), R("waste", 50, 0)]);
        Assert.Equal(["cheap-bad", "mid", "safe"], front.Order());
    }

    [Fact]
    public void Sweep_builds_targets_times_cooldowns_plus_the_rule_of_thumb_and_marks_the_recommendation()
    {
        var fleet = SimulatorTests.Flat(startupS: 120);
        var rec = new Candidate("recommendation", CandidateKinds.Recommendation, "", ScalingConfiguration.TargetTracking(1, 30, 560));
        var list = CandidateSweep.Build(rec, CandidateSweep.RuleOfThumbTarget(16), fleet, 1, 30, new SweepOptions());
        Assert.Equal(102, list.Count);
        Assert.Equal(480, list[1].Configuration.PrimaryTarget); // 16 rps x 0.5 x 60

        var wave = Enumerable.Range(0, 24 * 60).Select(m => 6000 + 5000 * Math.Sin(m * 2 * Math.PI / 1440)).ToArray();
        var file = CandidateSweep.Run(list, new TrafficSeries(SimulatorTests.T0, wave, "sine"), fleet, new SimulationOptions { Seed = 3 });
        Assert.Equal("recommendation", file.Recommended);
        Assert.NotEmpty(file.ParetoFront);
        Assert.All(file.Candidates, c => Assert.Equal(file.ParetoFront.Contains(c.Name), c.OnParetoFront));
        // Timelines for the recommendation and the rule of thumb only.
        Assert.Equal(1440, file.Candidates[0].Timeline.Count);
        Assert.Equal(1440, file.Candidates[1].Timeline.Count);
        Assert.All(file.Candidates.Skip(2), c => Assert.Empty(c.Timeline));
        // A lower target buys capacity: more instance-hours than a higher one with the same cooldowns.
        var low = file.Candidates.Single(c => c.Name == "tt-240-out300-in300");
        var high = file.Candidates.Single(c => c.Name == "tt-800-out300-in300");
        Assert.True(low.InstanceHours > high.InstanceHours);
    }

    [Fact]
    public void Scorer_finds_a_scale_in_cooldown_that_does_not_flap()
    {
        // A long decline, a trough, then the load comes back. With no scale-in cooldown the fleet follows the decline
        // minute by minute and its last scale-in, at the trough, is undone when the load returns; a long cooldown
        // scales in once early and is still large enough when the load returns much later.
        var traffic = Enumerable.Range(0, 240).Select(m => m < 10 ? 12000.0 : m < 100 ? 12000 - (m - 10) * 10000.0 / 90 : m < 120 ? 2000 : 12000).ToArray();
        var series = new TrafficSeries(SimulatorTests.T0, traffic, "decline-trough-return");
        var fleet = SimulatorTests.Flat(startupS: 60);
        var eager = PolicyScorer.CheckScaleInCooldown(500, 60, 0, 1, 40, series, fleet);
        Assert.True(eager.Flapping, $"{eager}");
        var chosen = PolicyScorer.ChooseScaleInCooldown(500, 60, [0, 600, 7200], 1, 40, series, fleet);
        Assert.False(chosen.Flapping);
        Assert.True(chosen.ScaleInCooldownS > 0);
        Assert.True(eager.ScaleIns > chosen.ScaleIns);
    }
}
