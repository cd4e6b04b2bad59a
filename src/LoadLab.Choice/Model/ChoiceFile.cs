namespace LoadLab.Choice.Model;

/// <summary>
/// <c>choice.json</c>: for each candidate instance type, its sustainable load per instance, the recommended policy,
/// the policy's backtest over the traffic and what it costs; and the winner: the cheapest candidate whose backtest
/// holds the SLO, with any near-tie named.
/// </summary>
public sealed record ChoiceFile
{
    public required string Region { get; init; }
    /// <summary>The traffic the backtests ran on (each sub-run's simulation.json traffic source).</summary>
    public string Traffic { get; init; } = "";
    public IReadOnlyList<CandidateChoice> Candidates { get; init; } = [];
    /// <summary>The winner's name; null when no candidate holds the SLO.</summary>
    public string? Winner { get; init; }
    /// <summary>Holding candidates whose cost-per-day interval overlaps the winner's, or within the near-tie margin of it.</summary>
    public IReadOnlyList<string> NearTies { get; init; } = [];
    /// <summary>One sentence: the answer and how sure it is.</summary>
    public string Verdict { get; init; } = "";
    /// <summary>SLO-violation minutes a backtest may have and still hold: max(this count, fraction × minutes).</summary>
    public double AllowedViolationMinutes { get; init; }
    public double AllowedViolationFraction { get; init; }
    public double NearTieFraction { get; init; }
    /// <summary>Every price used, with its source and date.</summary>
    public IReadOnlyList<PriceUsed> Prices { get; init; } = [];
    public IReadOnlyList<string> Warnings { get; init; } = [];
    /// <summary>Cost versus SLO-violation minutes for every policy every candidate's simulation tried.</summary>
    public IReadOnlyList<PolicyPoint> PolicyPoints { get; init; } = [];
}

/// <summary>Where a candidate's price came from: the scenario, a --prices file, or the built-in table (with its date).</summary>
public sealed record PriceUsed(string Candidate, string InstanceType, string Region, double UsdPerInstanceHour, string Source, string AsOf);

/// <summary>The verdict on one candidate.</summary>
public static class CandidateStatus
{
    /// <summary>The recommended policy's backtest stays within the allowed SLO-violation minutes.</summary>
    public const string Holds = "holds";
    /// <summary>The backtest violated the SLO for more minutes than allowed.</summary>
    public const string Violates = "violates";
    /// <summary>The traffic's busiest minute needs more instances than MaxCapacity at the sustainable load, or the
    /// instance type held the SLO at no load measured.</summary>
    public const string CannotHold = "cannot_hold_within_max_capacity";
    /// <summary>A file the choice needs is missing from the sub-run (named in the reason).</summary>
    public const string Incomplete = "incomplete";
}

public sealed record CandidateChoice
{
    public required string Name { get; init; }
    public required string InstanceType { get; init; }
    public string? Variant { get; init; }
    public required string RunDirectory { get; init; }
    /// <summary>One of <see cref="CandidateStatus"/>.</summary>
    public required string Status { get; init; }
    public string Reason { get; init; } = "";
    public double? PriceUsdPerInstanceHour { get; init; }
    public string PriceSource { get; init; } = "";

    /// <summary>analysis.json's sustainable invocations per instance per minute at the SLO, and its 95 % interval.</summary>
    public double? SustainableIpm { get; init; }
    public double? SustainableIpmCiLow { get; init; }
    public double? SustainableIpmCiHigh { get; init; }
    public double? SustainableRpsPerInstance { get; init; }
    public bool SustainableIsLowerBound { get; init; }

    /// <summary>The recommended policy: target tracking on invocations per instance per minute, its cooldowns and bounds.</summary>
    public double? TargetValueIpm { get; init; }
    public int? ScaleOutCooldownS { get; init; }
    public int? ScaleInCooldownS { get; init; }
    public int? MinCapacity { get; init; }
    public int? MaxCapacity { get; init; }
    /// <summary>Instances the busiest minute of the traffic needs at the sustainable load.</summary>
    public int? InstancesNeededAtPeak { get; init; }
    public double? PeakDemandPerMin { get; init; }

    /// <summary>The recommended policy's backtest (simulation.json).</summary>
    public int? BacktestMinutes { get; init; }
    public double? SloViolationMinutes { get; init; }
    /// <summary>The same on the pessimistic fleet (the interval's low end), when the analysis gave an interval.</summary>
    public double? SloViolationMinutesPessimistic { get; init; }
    public double? InstanceHours { get; init; }
    public int? PeakInstances { get; init; }
    public double? Inferences { get; init; }

    /// <summary>Instance-hours × price over the backtest window.</summary>
    public double? CostUsd { get; init; }
    /// <summary>Peak instances × price.</summary>
    public double? CostAtPeakUsdPerHour { get; init; }
    /// <summary>The backtest's cost scaled to 1,440 minutes, and its range over the sustainable load's 95 % interval.</summary>
    public double? CostUsdPerDay { get; init; }
    public double? CostLowUsdPerDay { get; init; }
    public double? CostHighUsdPerDay { get; init; }
    public double? CostUsdPerMillionInferences { get; init; }
}

/// <summary>One policy of one candidate's simulation: its cost per day and SLO-violation minutes.</summary>
public sealed record PolicyPoint(string Candidate, string Policy, string Kind, double SloViolationMinutes, double CostUsdPerDay, double InstanceHours);
