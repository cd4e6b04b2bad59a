using LoadLab.Core.Findings;
using LoadLab.Core.RunFiles;

namespace LoadLab.Analysis.Tests;

/// <summary>The curve-versus-steps check fails on a wrong curve, whatever that curve's own RMSE.</summary>
public class CurveNearSloCheckTests
{
    // The example: the curve reaches about 95 ms at 17,500 IPI while the observed p90 there is 370 ms.
    private static AnalysisFile WithCurve(double slopeMsPerIpm, string? method, params Finding[] warnings) => new()
    {
        Slo = new SloInfo(90, 250, 0.01),
        Curve = new LatencyCurve { Kind = "linear", L0Ms = 20, A = slopeMsPerIpm },
        Candidates = [new FitCandidate("linear", 0.5, 150, 2, 10) { Chosen = true }],
        FitRangeLowIpm = 5_000, FitRangeHighIpm = 17_500,
        LatencyLimitMethod = method,
        NearSloResidualBoundFraction = 0.15,
        Points =
        [
            new AnalysisPoint(0, 5_000, 60, 0, 10, 10, true),
            new AnalysisPoint(1, 10_000, 130, 0, 20, 20, true),
            new AnalysisPoint(2, 15_000, 240, 0, 30, 30, true),
            new AnalysisPoint(3, 17_500, 370, 0, 35, 35, true),
        ],
        Warnings = warnings,
    };

    [Fact]
    public void A_curve_far_below_the_steps_near_the_slo_fails_when_it_gives_the_limit()
    {
        var failures = CurveNearSloCheck.Failures(WithCurve(0.0043, "fitted_curve"));   // 95 ms at 17,500 IPI
        Assert.Contains(failures, f => f.StartsWith("step 3 at 17500 IPI: observed 370 ms", StringComparison.Ordinal));
    }

    [Fact]
    public void A_wrong_curve_not_used_for_the_limit_passes_only_when_the_analysis_says_so()
    {
        Assert.Single(CurveNearSloCheck.Failures(WithCurve(0.0043, "interpolated")));
        Assert.Empty(CurveNearSloCheck.Failures(WithCurve(0.0043, "interpolated",
            Finding.Warning(AnalysisCodes.FitMissesNearSlo, "the linear fit misses the steps near the SLO"))));
    }

    [Fact]
    public void A_curve_through_the_steps_near_the_slo_passes_and_a_steeper_one_fails()
    {
        // 20 + 0.02·x draws 220 ms at the 130 ms step: 69 % off.
        Assert.NotEmpty(CurveNearSloCheck.Failures(WithCurve(0.02, "fitted_curve")));
        // 60 + 84·x/(22000 − x): 130, 240 and 387 ms at the near-SLO steps (130, 240, 370 ms observed).
        var good = WithCurve(0, "fitted_curve") with { Curve = new LatencyCurve { Kind = "queueing", L0Ms = 60, A = 84, CapacityIpm = 22_000 } };
        Assert.Empty(CurveNearSloCheck.Failures(good));
    }
}
