using LoadLab.Analysis.Fitting;
using LoadLab.Core.Findings;
using LoadLab.Core.RunFiles;

namespace LoadLab.Analysis.Tests;

public class AnalyzerTests
{
    // Truth: p90 = 40 + 8·x/(600 − x) ms; the SLO (250 ms) is crossed at x = 126000/218 ≈ 577.98 IPI.
    private static double Truth(double x) => 40 + 8 * x / (600 - x);
    private const double TrueSustainable = 126000.0 / 218;

    [Fact]
    public void Recovers_a_known_capacity_within_5_percent()
    {
        var steps = Synthetic.Steps([60, 120, 180, 240, 300, 360, 420, 480, 520, 550, 570, 590, 660, 720], Truth, capacity: 600);
        var a = Analyzer.Analyze(Synthetic.Run(steps.Count), steps);

        Assert.Equal("queueing", a.Curve!.Kind);
        Assert.InRange(a.Curve.CapacityIpm, 600 * 0.95, 600 * 1.05);
        Assert.NotNull(a.SustainableIpm);
        Assert.InRange(a.SustainableIpm!.Value, TrueSustainable * 0.95, TrueSustainable * 1.05);
        Assert.True(a.Saturated);
        Assert.Contains(a.SaturationSignals, s => s.Contains("flattened"));
        Assert.NotNull(a.SustainableIpmCiLow);
        Assert.InRange(TrueSustainable, a.SustainableIpmCiLow!.Value * 0.97, a.SustainableIpmCiHigh!.Value * 1.03);
        Assert.True(a.SustainableIpmCiLow <= a.SustainableIpm && a.SustainableIpm <= a.SustainableIpmCiHigh);
        Assert.Equal(42, a.BootstrapSeed);
        Assert.Equal(3, a.Candidates.Count);
        Assert.Single(a.Candidates, c => c.Chosen);
        Assert.Equal("aicc", a.SelectionCriterion);
        Assert.False(a.Conservative, string.Join("\n", a.Warnings));
        Assert.NotNull(a.KneeIpm);
        Assert.InRange(a.KneeIpm!.Value, 300, 600);
    }

    [Fact]
    public void Recovers_capacity_on_several_instances_from_server_instance_counts()
    {
        // Same truth on 3 instances; steps.csv has no IPI yet, the aggregator derives it from metrics.json instance samples.
        var steps = Synthetic.Steps([60, 120, 180, 240, 300, 360, 420, 480, 520, 550, 570, 590, 660, 720], Truth, capacity: 600, instances: 3, fillIpi: false);
        var run = Synthetic.Run(steps.Count);
        var metrics = new MetricsFile
        {
            Endpoint = "ep-test", Variant = "AllTraffic", WindowStartUtc = Synthetic.T0, WindowEndUtc = Synthetic.T0.AddHours(1),
            InstanceCounts = [new InstanceCountSample(Synthetic.T0.AddMinutes(-1), 3, 3, "InService")],
        };
        var joined = Steps.StepAggregator.Aggregate(run, steps, null, metrics);
        Assert.All(joined.Steps, s => Assert.Equal(3, s.Instances));
        var a = Analyzer.Analyze(run, joined.Steps, metrics);
        Assert.InRange(a.SustainableIpm!.Value, TrueSustainable * 0.95, TrueSustainable * 1.05);
    }

    [Fact]
    public void A_run_that_never_saturates_warns_and_is_conservative()
    {
        var steps = Synthetic.Steps(Synthetic.Range(30, 300, 30), x => 40 + 0.05 * x);
        var a = Analyzer.Analyze(Synthetic.Run(steps.Count), steps);

        Assert.False(a.Saturated);
        Assert.True(a.Conservative);
        Assert.Contains(a.Warnings, w => w.Text.Contains("never saturated"));
        Assert.Equal(300, a.SustainableIpm!.Value, 1);   // a lower bound: the highest step tested
        Assert.Null(a.SustainableIpmCiLow);
    }

    [Fact]
    public void Rising_errors_limit_the_sustainable_rate()
    {
        // Latency never reaches the SLO, but errors pass 1 % between 400 and 450 IPI.
        var steps = Synthetic.Steps(Synthetic.Range(50, 600, 50), x => 40 + 0.05 * x, errorRate: x => x <= 400 ? 0 : (x - 400) / 2500);
        var a = Analyzer.Analyze(Synthetic.Run(steps.Count), steps);

        Assert.True(a.Saturated);
        Assert.NotNull(a.ErrorOnsetIpm);
        Assert.InRange(a.ErrorOnsetIpm!.Value, 400, 450);
        Assert.Equal(a.ErrorOnsetIpm, a.SustainableIpm);
        Assert.Contains(a.SaturationSignals, s => s.Contains("error rate"));
    }

    [Fact]
    public void Errors_from_the_first_step_mean_no_sustainable_rate()
    {
        var steps = Synthetic.Steps(Synthetic.Range(50, 400, 50), x => 40, errorRate: _ => 0.05);
        var a = Analyzer.Analyze(Synthetic.Run(steps.Count), steps);
        Assert.Null(a.SustainableIpm);
        Assert.Contains(a.Warnings, w => w.Text.Contains("from the first step"));
    }

    [Fact]
    public void Too_few_steps_warns_and_is_conservative()
    {
        var steps = Synthetic.Steps([100, 300, 500, 590], Truth, capacity: 600);
        var a = Analyzer.Analyze(Synthetic.Run(steps.Count), steps);
        Assert.True(a.Conservative);
        Assert.Contains(a.Warnings, w => w.Text.Contains("too few usable steps"));
        Assert.Contains(a.Warnings, w => w is { Code: AnalysisCodes.ModelNotEligible, Severity: Severity.Info, Subject: "segmented" });
        Assert.Contains(a.ModelsRefused, m => m.Kind == "segmented");
    }

    [Fact]
    public void A_slow_first_step_below_passing_steps_is_an_outlier_not_the_limit()
    {
        // A client cold start: the lowest step reads 300 ms although every step above it meets the SLO.
        var steps = Synthetic.Steps([60, 120, 180, 240, 300, 360, 420, 480, 520, 550, 570, 590, 660, 720], Truth, capacity: 600);
        steps[0] = steps[0] with { ClientP90Ms = 300 };
        var a = Analyzer.Analyze(Synthetic.Run(steps.Count), steps);
        Assert.InRange(a.SustainableIpm!.Value, TrueSustainable * 0.95, TrueSustainable * 1.05);
        Assert.False(a.Points.Single(p => p.Step == 0).UsedInFit);
        Assert.Contains(a.Warnings, w => w.Text.StartsWith("step 0:") && w.Text.Contains("outlier"));
    }

    [Fact]
    public void Noisy_latency_is_flagged()
    {
        var steps = Synthetic.Steps(Synthetic.Range(60, 570, 30), Truth, capacity: 600, noise: 0.6, seed: 3);
        var a = Analyzer.Analyze(Synthetic.Run(steps.Count), steps);
        Assert.True(a.Conservative);
        Assert.Contains(a.Warnings, w => w.Text.Contains("noisy"));
    }

    [Fact]
    public void Steps_without_successful_requests_are_reported_not_fitted()
    {
        var steps = Synthetic.Steps(Synthetic.Range(60, 540, 60), Truth, capacity: 600);
        steps[3] = steps[3] with { Ok = 0, Errors = steps[3].Requests, ErrorRateFraction = 1, ClientP50Ms = double.NaN, ClientP90Ms = double.NaN, ClientP99Ms = double.NaN };
        var a = Analyzer.Analyze(Synthetic.Run(steps.Count), steps);
        Assert.False(a.Points.Single(p => p.Step == 3).UsedInFit);
        Assert.Equal(steps.Count - 1, a.StepsUsed);
    }

    [Fact]
    public void Same_seed_same_interval_other_seed_other_interval()
    {
        var steps = Synthetic.Steps([60, 120, 180, 240, 300, 360, 420, 480, 520, 550, 570, 590], Truth, capacity: 600, noise: 0.08);
        var a1 = Analyzer.Analyze(Synthetic.Run(steps.Count, seed: 1), steps);
        var a2 = Analyzer.Analyze(Synthetic.Run(steps.Count, seed: 1), steps);
        var b = Analyzer.Analyze(Synthetic.Run(steps.Count, seed: 2), steps);
        Assert.Equal(a1.SustainableIpmCiLow, a2.SustainableIpmCiLow);
        Assert.Equal(a1.SustainableIpmCiHigh, a2.SustainableIpmCiHigh);
        Assert.NotEqual((a1.SustainableIpmCiLow, a1.SustainableIpmCiHigh), (b.SustainableIpmCiLow, b.SustainableIpmCiHigh));
        Assert.Equal(a1.SustainableIpm, b.SustainableIpm); // the point estimate does not depend on the seed
    }

    [Fact]
    public void Segmented_truth_picks_a_breakpoint_model()
    {
        // Flat until 300 then steep: a hockey stick, not a queueing curve.
        var steps = Synthetic.Steps(Synthetic.Range(30, 480, 30), x => x <= 300 ? 50 : 50 + 1.5 * (x - 300), noise: 0.01);
        var a = Analyzer.Analyze(Synthetic.Run(steps.Count), steps);
        Assert.Equal("segmented", a.Curve!.Kind);
        Assert.InRange(a.Curve.BreakpointIpm, 285, 315);
        Assert.InRange(a.SustainableIpm!.Value, 433 * 0.95, 433 * 1.05); // 50 + 1.5(x − 300) = 250 → x ≈ 433
    }

    [Fact]
    public void Curve_crossing_and_knee_are_consistent()
    {
        var c = new LatencyCurve { Kind = "queueing", L0Ms = 40, A = 8, CapacityIpm = 600 };
        Assert.Equal(TrueSustainable, CurveMath.SloCrossing(c, 250, 700)!.Value, 3);
        Assert.Null(CurveMath.SloCrossing(c, 250, 500));
        Assert.Equal(0, CurveMath.SloCrossing(c, 30, 500));
        Assert.Null(CurveMath.Knee(new LatencyCurve { Kind = "linear", L0Ms = 1, A = 1 }, 100));
    }
}
