using HdrHistogram;
using LoadLab.Core.RunFiles;

namespace LoadLab.Compare.Loading;

/// <summary>What compare reads from one run directory: run.json, each steady step's latency histogram and error
/// counts, the whole run's, and analysis.json and recommendation.json when the later stages wrote them.</summary>
public sealed record RunSnapshot(
    string Directory,
    RunInfo Info,
    IReadOnlyList<StepSample> Steps,
    SideSample Overall,
    AnalysisFile? Analysis,
    RecommendationFile? Recommendation);

/// <summary>One steady step: its window in run.json and what was measured inside it.</summary>
public sealed record StepSample(StepWindow Window, SideSample Sample);

/// <summary>
/// Successful-request latency (µs, from the scheduled start) and the completed and failed request counts of one scope.
/// </summary>
public sealed record SideSample(HistogramBase OkLatencyUs, long Completed, long Errors)
{
    public double ErrorRateFraction => Completed == 0 ? 0 : (double)Errors / Completed;
}
