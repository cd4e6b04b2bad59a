namespace LoadLab.Core.RunFiles;

/// <summary>
/// <c>candidates.json</c>, in the parent run directory of a run with candidates: which instance type each sub-run
/// measured and where its files are. <c>loadlab choose</c> reads it with each sub-run's analysis.json,
/// recommendation.json and simulation.json.
/// </summary>
public sealed record CandidatesFile
{
    public const string FileName = "candidates.json";
    /// <summary>The AWS region the prices are looked up for.</summary>
    public required string Region { get; init; }
    public IReadOnlyList<CandidateEntry> Candidates { get; init; } = [];
    /// <summary>The traffic every candidate's policy was backtested on (the same for all, or the choice is not fair).</summary>
    public string? Traffic { get; init; }
}

/// <summary>One candidate: a production variant (or an endpoint) of one instance type.</summary>
public sealed record CandidateEntry
{
    public required string Name { get; init; }
    public required string InstanceType { get; init; }
    /// <summary>The sub-run directory, relative to the parent run directory.</summary>
    public required string RunDirectory { get; init; }
    public string? Endpoint { get; init; }
    public string? Variant { get; init; }
    /// <summary>The scenario's own price for this candidate, when it gave one (it wins over every table).</summary>
    public double? PricePerInstanceHourUsd { get; init; }
}
