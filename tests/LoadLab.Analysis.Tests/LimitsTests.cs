using LoadLab.Analysis.Fitting;
using LoadLab.Core.RunFiles;

namespace LoadLab.Analysis.Tests;

/// <summary>The interval covers every binding constraint; model selection refuses what AICc cannot judge; a fit that misses the steps near the SLO is not used.</summary>
public class LimitsTests
{
    private static double Truth(double x) => 40 + 8 * x / (600 - x);

    [Fact]
    public void When_errors_bind_the_interval_has_width_and_holds_the_estimate()
    {
        // Latency never reaches the SLO; errors pass 1 % between 400 and 450 IPI and rise gradually.
        var steps = Synthetic.Steps(Synthetic.Range(50, 600, 50), x => 40 + 0.05 * x, errorRate: x => x <= 400 ? 0.002 : 0.002 + (x - 400) / 2500);
        var a = Analyzer.Analyze(Synthetic.Run(steps.Count), steps);

        Assert.Equal("error_rate", a.BindingConstraint);
        Assert.NotNull(a.SustainableIpmCiLow);
        Assert.True(a.SustainableIpmCiHigh > a.SustainableIpmCiLow, $"{a.SustainableIpmCiLow}–{a.SustainableIpmCiHigh}");
        Assert.InRange(a.SustainableIpm!.Value, a.SustainableIpmCiLow!.Value, a.SustainableIpmCiHigh!.Value);
        Assert.Equal("outcome_bootstrap", a.SustainableIpmCiMethod);
        Assert.Contains("binomially", a.SustainableIpmCiNote);
    }

    [Fact]
    public void Errors_switching_on_between_two_steps_give_those_steps_as_the_interval()
    {
        // No errors at all up to 400 IPI, half the requests fail at 450: resampling cannot move the onset.
        var steps = Synthetic.Steps(Synthetic.Range(50, 600, 50), x => 40 + 0.05 * x, errorRate: x => x <= 400 ? 0 : 0.5);
        var a = Analyzer.Analyze(Synthetic.Run(steps.Count), steps);

        Assert.Equal("error_rate", a.BindingConstraint);
        Assert.Equal("step_bracket", a.SustainableIpmCiMethod);
        Assert.Equal(400, a.SustainableIpmCiLow!.Value, 6);
        Assert.Equal(450, a.SustainableIpmCiHigh!.Value, 6);
        Assert.True(a.SustainableIpmCiNote!.StartsWith("the limit lies between step 7 at 400 IPI (met the SLO) and step 8 at 450 IPI (49.956% errors); ", StringComparison.Ordinal), a.SustainableIpmCiNote);
    }

    [Fact]
    public void A_throughput_ceiling_is_bracketed_by_the_steps_around_it_never_a_point()
    {
        var steps = Synthetic.Steps([60, 120, 180, 240, 300, 360, 420, 480, 520, 550, 570, 590, 660, 720], Truth, capacity: 600);
        var a = Analyzer.Analyze(Synthetic.Run(steps.Count), steps, options: new AnalyzerOptions { BootstrapResamples = 200 });
        Assert.NotNull(a.SustainableIpmCiLow);
        Assert.True(a.SustainableIpmCiHigh!.Value - a.SustainableIpmCiLow!.Value > 0.002 * a.SustainableIpm!.Value);
    }

    [Fact]
    public void A_model_with_as_many_parameters_as_the_points_allow_is_refused_not_judged_by_plain_aic()
    {
        // Six usable steps: AICc exists for linear (needs 5) and queueing (needs 6), not for segmented (needs 7).
        var six = Synthetic.Steps([100, 200, 300, 400, 500, 560], Truth);
        var a = Analyzer.Analyze(Synthetic.Run(six.Count), six);
        Assert.Equal("aicc", a.SelectionCriterion);
        Assert.DoesNotContain(a.Candidates, c => c.Kind == "segmented");
        var refused = Assert.Single(a.ModelsRefused);
        Assert.Equal(("segmented", 4, 6), (refused.Kind, refused.Parameters, refused.Points));
        Assert.Contains("at least 7 usable steps", refused.Reason);

        // Five: only the line is eligible.
        var five = Synthetic.Steps([100, 200, 300, 400, 500], Truth);
        var b = Analyzer.Analyze(Synthetic.Run(five.Count), five);
        Assert.Equal(["linear"], b.Candidates.Select(c => c.Kind));
        Assert.Equal(["queueing", "segmented"], b.ModelsRefused.Select(m => m.Kind).Order());
    }

    [Fact]
    public void Aicc_is_undefined_where_it_cannot_be_computed()
    {
        var fit = LatencyModelFitter.Fit(LatencyModelFitter.Segmented, Synthetic.Range(100, 500, 100).Select(x => new FitPoint(x, Truth(x))).ToList());
        Assert.NotNull(fit);
        Assert.Throws<ArgumentOutOfRangeException>(() => fit!.Aicc(5));
        Assert.True(double.IsFinite(fit!.Aicc(7)));
    }

    [Fact]
    public void A_fit_that_misses_the_steps_near_the_slo_is_not_used_and_the_limit_is_interpolated()
    {
        var steps = Synthetic.Steps([60, 120, 180, 240, 300, 360, 420, 480, 520, 550, 570, 590], Truth, noise: 0.03);
        var strict = new AnalyzerOptions { MaxNearSloResidual = 0.0001 };
        var a = Analyzer.Analyze(Synthetic.Run(steps.Count), steps, options: strict);

        Assert.Equal("interpolated", a.LatencyLimitMethod);
        Assert.True(a.NearSloMaxResidualFraction > 0.0001);
        Assert.Equal(0.0001, a.NearSloResidualBoundFraction);
        Assert.Contains(a.Warnings, w => w.Text.Contains("is not used for the limit") && w.Text.Contains("bound 0%"));
        // The crossing between the last step under 250 ms and the first over it, on the measured p90s.
        var byIpm = steps.OrderBy(s => s.InvocationsPerInstancePerMin).ToList();
        var over = byIpm.First(s => s.ClientP90Ms > 250);
        var under = byIpm.Last(s => s.InvocationsPerInstancePerMin < over.InvocationsPerInstancePerMin && s.ClientP90Ms <= 250);
        double expected = under.InvocationsPerInstancePerMin!.Value + (250 - under.ClientP90Ms) / (over.ClientP90Ms - under.ClientP90Ms)
            * (over.InvocationsPerInstancePerMin!.Value - under.InvocationsPerInstancePerMin.Value);
        Assert.Equal(expected, a.LatencyLimitIpm!.Value, 1);

        // The default bound keeps a fit that follows the steps.
        var d = Analyzer.Analyze(Synthetic.Run(steps.Count), steps);
        Assert.Equal("fitted_curve", d.LatencyLimitMethod);
        Assert.True(d.NearSloMaxResidualFraction <= 0.15);
        Assert.Equal((60, 590), (d.FitRangeLowIpm, d.FitRangeHighIpm));
    }
}
