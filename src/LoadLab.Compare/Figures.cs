using HdrHistogram;
using LoadLab.Compare.Loading;
using LoadLab.Compare.Model;
using LoadLab.Compare.Statistics;
using LoadLab.Core.RunFiles;

namespace LoadLab.Compare;

/// <summary>The figures of a scope and of an analysis, computed from the histograms (µs) in ms.</summary>
internal static class Figures
{
    public static SideFigures Of(SideSample s)
    {
        var h = s.OkLatencyUs;
        double? At(double p) => h.TotalCount == 0 ? null : h.GetValueAtPercentile(p) / 1000.0;
        return new SideFigures(s.Completed, s.Errors, s.ErrorRateFraction, At(50), At(90), At(99),
            h.TotalCount == 0 ? null : h.GetMean() / 1000.0, h.TotalCount == 0 ? null : h.GetMaxValue() / 1000.0);
    }

    public static ScopeComparison Compare(SideSample baseline, SideSample run)
    {
        var u = MannWhitney.RunSlowerThanBaseline(baseline.OkLatencyUs, run.OkLatencyUs);
        return new ScopeComparison(Of(baseline), Of(run), new LatencyTest(u.URun, u.ProbRunSlower, u.Z, u.PValue));
    }

    public static AnalysisFigures Of(AnalysisFile? a, RecommendationFile? r) => new(
        a?.SustainableIpm, a?.SustainableIpmCiLow, a?.SustainableIpmCiHigh, a?.Saturated ?? false,
        r?.Basis.TargetValue, r?.RegisterScalableTarget.MinCapacity, r?.RegisterScalableTarget.MaxCapacity,
        r?.Cost?.CostPerHourAtPeakUsd, r?.Cost?.CostPerDayUsd);
}
