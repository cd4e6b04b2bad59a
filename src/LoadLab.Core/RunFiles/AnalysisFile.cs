namespace LoadLab.Core.RunFiles;

/// <summary><c>analysis.json</c>: the fit, the knee, and the sustainable load at the SLO. Pure function of the run files.</summary>
public sealed record AnalysisFile
{
    public required SloInfo Slo { get; init; }
    /// <summary>The chosen curve; null when nothing could be fitted.</summary>
    public LatencyCurve? Curve { get; init; }
    /// <summary>Every model tried with its goodness of fit, so the choice can be checked.</summary>
    public IReadOnlyList<FitCandidate> Candidates { get; init; } = [];
    public double? KneeIpm { get; init; }
    /// <summary>Highest IPI at which the SLO latency and error rate hold.</summary>
    public double? SustainableIpm { get; init; }
    public double? SustainableIpmCiLow { get; init; }
    public double? SustainableIpmCiHigh { get; init; }
    /// <summary>Highest per-instance rate (requests/s) observed without saturation.</summary>
    public double? MaxRpsPerInstance { get; init; }
    public bool Saturated { get; init; }
    public int StepsUsed { get; init; }
    /// <summary>Per-instance error rate as a function of IPI is not fitted; this is the IPI where errors first exceed the SLO.</summary>
    public double? ErrorOnsetIpm { get; init; }
    /// <summary>Measured (or assumed) instance startup time, seconds.</summary>
    public double? InstanceStartupS { get; init; }
    public bool InstanceStartupMeasured { get; init; }
    public IReadOnlyList<AnalysisPoint> Points { get; init; } = [];
    public IReadOnlyList<string> Warnings { get; init; } = [];
}

public sealed record FitCandidate(string Kind, double RSquared, double Rmse, int Parameters, double Aic);

/// <summary>One step as the fit saw it.</summary>
public sealed record AnalysisPoint(int Step, double Ipm, double LatencyMs, double ErrorRate, double OfferedRps, double AchievedRps, bool UsedInFit);
