using LoadLab.Core.Pricing;
using LoadLab.Core.RunFiles;

namespace LoadLab.Choice.Loading;

/// <summary>
/// One candidate's inputs to the choice: its entry in candidates.json, its price, and its sub-run's files (null when
/// missing; <see cref="Missing"/> names them).
/// </summary>
public sealed record CandidateRun(CandidateEntry Entry, PriceQuote Price, string RunDirectory,
    AnalysisFile? Analysis, RecommendationFile? Recommendation, SimulationFile? Simulation)
{
    public IReadOnlyList<string> Missing { get; init; } = [];
}
